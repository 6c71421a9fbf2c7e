// The runtime matrix's scenario (tools/runtimes): packed, installed outside the workspace and run unchanged on Node 18,
// 20, 22 and 24, Bun, Deno and in Chromium, against the scripted server in ./routes.ts. Only the public entry point.
// Add a step for each helper the package gains (a token flow, a form body, a paged list).
import { createClient, InputError } from "@apis/__NAME__";

/** Runs every step against the server at `url` and returns what each step saw. */
export async function run(url: string) {
  const __CAMEL__ = createClient({ baseUrl: url, auth: { type: "token", accessToken: "matrix-access-token" }, retryDelay: { baseMs: 1, maxMs: 5 } });
  // 503, then 200; typed by the spec.
  const status = await __CAMEL__.GET("/v1/status");
  // A revoked token: the raw call resolves with the vendor's error body.
  const revoked = await createClient({ baseUrl: `${url}/revoked`, auth: { type: "token", accessToken: "matrix-revoked-token" }, maxRetries: 0 }).GET("/v1/status");
  // Bad options: a thrown, typed error, before anything is sent.
  let thrown: { name: string; isInputError: boolean } | null = null;
  try {
    createClient({ baseUrl: url, auth: { type: "token", accessToken: "" } });
  } catch (error) {
    thrown = { name: (error as Error).name, isInputError: error instanceof InputError };
  }
  return {
    status: status.data?.status,
    revoked: { status: revoked.response.status, message: typeof revoked.error === "string" ? revoked.error : revoked.error?.message },
    thrown,
  };
}
