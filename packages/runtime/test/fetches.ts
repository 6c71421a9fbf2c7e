// The fetches the runtime's hostile-server tests run over: the platform's, and the Node fast transport
// (`@apis/runtime/undici`), which must answer and hold up the same.
import type { FetchLike } from "../src/index.js";
import { undiciFetch, type PlatformFetch } from "../src/node/undici-fetch.js";

/** A client's `fetch` option: none (the platform's fetch), then `undiciFetch()`. */
export const CLIENT_FETCHES: { via: string; fetch: FetchLike | undefined }[] = [
  { via: "the platform's fetch", fetch: undefined },
  { via: "undiciFetch", fetch: undiciFetch() as FetchLike },
];

/** The two fetches called directly, for tests that compare what each sends and answers. */
export const FETCHES: [string, PlatformFetch][] = [
  ["the platform's fetch", (input, init) => globalThis.fetch(input, init)],
  ["undiciFetch", undiciFetch()],
];
