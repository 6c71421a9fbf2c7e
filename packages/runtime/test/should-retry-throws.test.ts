import { useFaultServer } from "@apis/faults";
import { describe, expect, it } from "vitest";
import { createTransport, InputError, type RetryOutcome } from "../src/index.js";
import { caught, HANG_MS } from "./helpers.js";

// A shouldRetry that throws is the caller's bug: the call fails once with an InputError that says the policy threw,
// quoting what it threw redacted, and a response it was asked about is cancelled rather than left holding its socket.
const server = useFaultServer({ hangMs: 3000 });
const retryDelay = { baseMs: 1, maxMs: 1 };
const auth = { type: "query", name: "access_token", value: "query-secret-value" } as const;

/** A policy that throws, quoting what it was asked about: the response's URL (query credential and all) or the error. */
const quoting = (outcome: RetryOutcome): boolean => {
  throw new Error(`no rule for ${"response" in outcome ? outcome.response.url : String(outcome.error)}`);
};

/** Waits (within the hang bound) until the server has no body left to write: the client cancelled what it got. */
async function serverStoppedStreaming(): Promise<void> {
  const until = Date.now() + HANG_MS;
  while (server().streaming > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(server().streaming).toBe(0);
}

describe("a shouldRetry that throws", () => {
  it("fails a call whose response it was asked about with an InputError saying so, its query credential redacted, and cancels that response", async () => {
    server().script("GET /v1/items", [{ endless: "x".repeat(1024), status: 503 }]);
    const send = createTransport({ auth, retryDelay, shouldRetry: quoting });
    const error = (await caught(send(new Request(`${server().url}/v1/items`)))) as InputError;
    expect(error).toBeInstanceOf(InputError);
    expect(error.field).toBe("shouldRetry");
    expect(error.message).toMatch(/^shouldRetry threw: no rule for http:\/\/127\.0\.0\.1:\d+\/v1\/items\?access_token=\[redacted\]$/);
    expect((error.cause as Error).message).toContain("access_token=[redacted]");
    expect(server().count("GET /v1/items")).toBe(1);
    await serverStoppedStreaming();
  }, 2 * HANG_MS);

  it("fails a call whose connection broke with an InputError saying so, not the policy's error as it was thrown", async () => {
    server().script("POST /v1/items", [{ reset: "before-headers" }]);
    const send = createTransport({ retryDelay, shouldRetry: quoting });
    const error = (await caught(send(new Request(`${server().url}/v1/items`, { method: "POST", body: "{}" })))) as InputError;
    expect(error).toBeInstanceOf(InputError);
    expect(error.field).toBe("shouldRetry");
    expect(error.message).toBe("shouldRetry threw: no rule for TypeError: fetch failed");
    expect(server().count("POST /v1/items")).toBe(1);
  });

  it("redacts the caller's own credentials of the call from what the policy threw", async () => {
    server().script("GET /v1/items", [{ status: 503 }]);
    const shouldRetry = () => {
      throw new Error("refused: bearer-secret-token");
    };
    const send = createTransport({ retryDelay, shouldRetry });
    const request = new Request(`${server().url}/v1/items`, { headers: { authorization: "Bearer bearer-secret-token" } });
    const error = (await caught(send(request))) as InputError;
    expect(error.message).toBe("shouldRetry threw: refused: [redacted]");
  });

  it("names a thrown value that is no Error by its kind, without quoting it", async () => {
    server().script("GET /v1/items", [{ status: 503 }]);
    const shouldRetry = () => {
      throw "query-secret-value";
    };
    const send = createTransport({ retryDelay, shouldRetry });
    const error = (await caught(send(new Request(`${server().url}/v1/items`)))) as InputError;
    expect(error.message).toBe("shouldRetry threw: a string");
  });
});
