import { showsSecret } from "@apis/faults/leak-watch";
import { execFile } from "node:child_process";
import { inspect } from "node:util";
import { expect } from "vitest";
import { InputError } from "../src/index.js";

/** One request the fake fetch received, with its body read up front so tests can look at it afterwards. */
export interface Call {
  request: Request;
  url: URL;
  method: string;
  headers: Headers;
  body: string;
}

export type Handler = (request: Request, call: Call, index: number) => Response | Promise<Response>;

/**
 * A fetch that records every request and answers from `handler`: nothing is mocked, the code under test just calls it.
 * Typed like the platform fetch so it fits every `fetch` option.
 */
export function fakeFetch(handler: Handler) {
  const calls: Call[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    const call: Call = {
      request,
      url: new URL(request.url),
      method: request.method,
      headers: new Headers(request.headers),
      body: await request.clone().text(),
    };
    calls.push(call);
    return handler(request, call, calls.length - 1);
  };
  return { fetch, calls };
}

/** A response that never comes: it only ends, as a real fetch does, when the request's signal aborts. */
export function never(request: Request): Promise<Response> {
  return new Promise((_, reject) => {
    if (request.signal.aborted) reject(request.signal.reason);
    request.signal.addEventListener("abort", () => reject(request.signal.reason), { once: true });
  });
}

export function json(body: unknown, init: ResponseInit = {}): Response {
  return new Response(JSON.stringify(body), {
    ...init,
    headers: { "Content-Type": "application/json", ...(init.headers as Record<string, string> | undefined) },
  });
}

/** What undici throws when the connection could not be opened or broke: `TypeError("fetch failed")` with a coded cause. */
export function networkError(code: string): TypeError {
  const cause = Object.assign(new Error(`connect ${code} 10.0.0.1:443`), { code });
  return new TypeError("fetch failed", { cause });
}

/** Every credential the suites use: none may ever show up in an error. */
export const SECRETS = [
  "hunter2-password",
  "s3cr3t-client-secret",
  "at-secret-1",
  "at-secret-2",
  "at-secret-3",
  "rt-secret-1",
  "rt-secret-2",
  "rt-secret-3",
  "bearer-secret-token",
  "basic-secret-password",
  "query-secret-value",
  "code-secret-1",
] as const;

/** Every way an error can end up in a log. */
export function renderings(error: unknown): string[] {
  const record = error as Record<string, unknown>;
  return [
    String(error),
    typeof record?.message === "string" ? record.message : "",
    typeof record?.stack === "string" ? record.stack : "",
    JSON.stringify(error) ?? "",
    inspect(error, { depth: Infinity }),
    inspect(error, { depth: Infinity, showHidden: true }),
  ];
}

/**
 * Fails if any credential of {@link SECRETS} shows up in any rendering of the error, in any encoding the leak watch
 * knows (raw, percent- or form-encoded, JSON-escaped, inside base64).
 */
export function expectNoSecrets(error: unknown, extra: readonly string[] = []): void {
  const secrets = [...SECRETS, ...extra];
  for (const text of renderings(error)) {
    for (const secret of secrets) expect(showsSecret(text, secret), `an error leaks ${secret}: ${text.slice(0, 300)}`).toBe(false);
  }
}

/** Awaits a promise expected to reject, checks the error leaks no credential, and returns it. */
export async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    expectNoSecrets(error);
    return error;
  }
  throw new Error("expected the promise to reject, but it resolved");
}

/** A bound on hanging, not on speed: generous for a loaded 2-core CI machine. */
export const HANG_MS = 15_000;

/**
 * What `promise` settles with: `{ error }` when it rejects, `{ value }` when it resolves. Fails the test if it has
 * not settled within {@link HANG_MS}, so a call that hangs cannot pass by never finishing.
 */
export async function settle<T>(promise: Promise<T>): Promise<{ value: T; error?: undefined } | { value?: undefined; error: unknown }> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the call did not settle within ${HANG_MS} ms`)), HANG_MS);
  });
  try {
    return await Promise.race([promise.then((value) => ({ value }), (error: unknown) => ({ error })), guard]);
  } finally {
    clearTimeout(timer);
  }
}

/** The code an exchange in the suites sends; one of {@link SECRETS}. */
export const CODE = "code-secret-1";

/** Options of `exchangeAuthorizationCode` at `tokenUrl` with the suites' client and {@link CODE}, plus `extra`. */
export function codeExchange<T extends object>(tokenUrl: string, extra?: T) {
  return { tokenUrl, clientId: "app-1", clientSecret: "s3cr3t-client-secret", code: CODE, redirectUri: "https://app.example.com/cb", ...extra };
}

/** What `run` threw, checked to be an InputError on `field` that quotes no credential. */
export function inputError(run: () => unknown, field: string): InputError {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(InputError);
  expect((thrown as InputError).field).toBe(field);
  expectNoSecrets(thrown);
  return thrown as InputError;
}

/** Totals a vendor may report that are no finite number, which pagination reads as no total at all. */
export const NOT_TOTALS: [string, unknown][] = [
  ["null", null],
  ["NaN", Number.NaN],
  ["Infinity", Number.POSITIVE_INFINITY],
  ["a string", "60"],
];

/**
 * Runs an ES module's source in a Node process of its own and resolves how it ended: for what only a process's death
 * shows (an uncaught exception or unhandled rejection the test runner would catch first).
 */
export function runModule(script: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--input-type=module", "-e", script], (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout: stdout.trim(), stderr });
    });
  });
}

/**
 * A body that keeps its fields in a private field and gives them only through toJSON, as a model or a DTO with
 * `#fields` does: JSON.stringify sends them, though the object has no own field.
 *
 * @example
 * const body = privateFields({ password: "hunter2" });
 */
export function privateFields(fields: Record<string, unknown>): object {
  class Private {
    readonly #fields = fields;
    toJSON() {
      return this.#fields;
    }
  }
  return new Private();
}
