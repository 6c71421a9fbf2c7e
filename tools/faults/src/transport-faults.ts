// Test-only: the transport faults every vendor must survive, as cases a vendor suite registers with its own `it`.
// Assertions use node:assert so that this folder needs no dependency of its own.
import assert from "node:assert/strict";
import type { LeakCollector } from "./leaks.js";
import { rejection } from "./leaks.js";
import type { FaultServer, Step } from "./server.js";

/** What openapi-fetch resolves. */
export interface CallResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** One operation of the vendor under test, as the fault server sees it and as the client calls it. */
export interface ScriptedCall {
  /** `METHOD /path` as it reaches the server, e.g. `GET /v1/tags`. */
  route: string;
  /** Makes the call with a client from {@link TransportFaultKit.client}. */
  call(): Promise<CallResult>;
  /** A good answer's body. */
  ok: unknown;
}

export interface TransportFaultKit {
  server: FaultServer;
  collected: LeakCollector;
  /** Creates a fresh client against the server with these retry settings; `get` and `post` then use it. */
  client(options: { maxRetries: number; timeoutMs: number }): void;
  /** An idempotent JSON operation. */
  get: ScriptedCall;
  /** A JSON operation the server acts on: never to be sent twice once it may have arrived. */
  post: ScriptedCall;
  /** Error class names as the vendor exports them. */
  errors: { connection: Function; timeout: Function; invalidResponse: Function };
}

export interface FaultCase {
  name: string;
  run(): Promise<void>;
}

/** A bound on hanging (a retry loop that never ends, a timeout that never fires), not a performance assertion: generous for a loaded 2-core CI machine. */
const QUICK_MS = 15_000;

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started };
}

function succeeded(kit: TransportFaultKit, result: CallResult, expected: unknown): void {
  assert.equal(result.response.status, 200);
  assert.equal(result.error, undefined);
  assert.deepEqual(result.data, expected);
  void kit;
}

/**
 * The transport cases: 5xx then success, 429 with Retry-After in seconds and as a date, resets before and after the
 * headers, a response that never comes, a truncated body and a non-JSON 200, each for a GET and where it matters a POST.
 *
 * @example
 * for (const { name, run } of transportFaultCases(kit)) it(name, run);
 */
export function transportFaultCases(kit: TransportFaultKit): FaultCase[] {
  // Read at run time: the suite starts its server after the cases are registered.
  const server = { script: (route: string, steps: readonly Step[]) => kit.server.script(route, steps), count: (route: string) => kit.server.count(route), get requests() { return kit.server.requests; } };
  const ok = (body: unknown): Step => ({ status: 200, body });
  const cases: FaultCase[] = [];
  const add = (name: string, run: () => Promise<void>) => cases.push({ name, run });

  for (const status of [502, 503, 504]) {
    add(`retries a GET after ${status} and returns the success`, async () => {
      kit.client({ maxRetries: 2, timeoutMs: 2000 });
      server.script(kit.get.route, [{ status, body: { error: "upstream" } }, ok(kit.get.ok)]);
      const { value, ms } = await timed(kit.get.call);
      succeeded(kit, value, kit.get.ok);
      assert.equal(server.count(kit.get.route), 2);
      assert.ok(ms < QUICK_MS, `took ${ms} ms`);
    });
  }

  add("does not resend a POST answered 503: the server may have acted on it", async () => {
    kit.client({ maxRetries: 2, timeoutMs: 2000 });
    server.script(kit.post.route, [{ status: 503, body: { error: "upstream" } }, ok(kit.post.ok)]);
    const { value, ms } = await timed(kit.post.call);
    assert.equal(value.response.status, 503);
    assert.equal(server.count(kit.post.route), 1);
    assert.ok(ms < QUICK_MS, `took ${ms} ms`);
  });

  add("waits out a 429 with Retry-After in seconds, then succeeds", async () => {
    kit.client({ maxRetries: 2, timeoutMs: 2000 });
    server.script(kit.get.route, [{ status: 429, headers: { "Retry-After": "1" }, body: { error: "slow down" } }, ok(kit.get.ok)]);
    const { value, ms } = await timed(kit.get.call);
    succeeded(kit, value, kit.get.ok);
    assert.equal(server.count(kit.get.route), 2);
    const [first, second] = server.requests.filter((request) => `${request.method} ${request.pathname}` === kit.get.route);
    assert.ok(second!.at - first!.at >= 900, `retried after ${second!.at - first!.at} ms, before Retry-After`);
    assert.ok(ms < QUICK_MS, `took ${ms} ms`);
  });

  add("waits out a 429 with Retry-After as an HTTP date, then succeeds", async () => {
    kit.client({ maxRetries: 2, timeoutMs: 2000 });
    server.script(kit.get.route, [() => ({ status: 429, headers: { "Retry-After": new Date(Date.now() + 2000).toUTCString() } }), ok(kit.get.ok)]);
    const { value, ms } = await timed(kit.get.call);
    succeeded(kit, value, kit.get.ok);
    assert.equal(server.count(kit.get.route), 2);
    // An HTTP date has whole seconds, so the wait is between one and two seconds.
    assert.ok(ms >= 900 && ms < QUICK_MS, `took ${ms} ms`);
  });

  add("resends a POST after 429: the server refused to act on it", async () => {
    kit.client({ maxRetries: 2, timeoutMs: 2000 });
    server.script(kit.post.route, [{ status: 429, headers: { "Retry-After": "0" } }, ok(kit.post.ok)]);
    const { value } = await timed(kit.post.call);
    succeeded(kit, value, kit.post.ok);
    assert.equal(server.count(kit.post.route), 2);
  });

  add("retries a GET whose connection was reset before the headers", async () => {
    kit.client({ maxRetries: 2, timeoutMs: 2000 });
    server.script(kit.get.route, [{ reset: "before-headers" }, ok(kit.get.ok)]);
    const { value, ms } = await timed(kit.get.call);
    succeeded(kit, value, kit.get.ok);
    assert.equal(server.count(kit.get.route), 2);
    assert.ok(ms < QUICK_MS, `took ${ms} ms`);
  });

  add("does not resend a POST whose connection was reset before the headers, and throws ApiConnectionError", async () => {
    kit.client({ maxRetries: 2, timeoutMs: 2000 });
    server.script(kit.post.route, [{ reset: "before-headers" }, ok(kit.post.ok)]);
    const { value: error, ms } = await timed(() => rejection(kit.post.call()));
    kit.collected.error(error);
    assert.ok(error instanceof kit.errors.connection, `got ${String(error)}`);
    assert.match((error as Error).message, /not retried because the server may already have acted/);
    assert.equal(server.count(kit.post.route), 1);
    assert.ok(ms < QUICK_MS, `took ${ms} ms`);
  });

  add("retries a GET whose connection was reset after the headers, in the middle of the body", async () => {
    kit.client({ maxRetries: 2, timeoutMs: 2000 });
    server.script(kit.get.route, [{ reset: "after-headers" }, ok(kit.get.ok)]);
    const { value, ms } = await timed(kit.get.call);
    succeeded(kit, value, kit.get.ok);
    assert.equal(server.count(kit.get.route), 2);
    assert.ok(ms < QUICK_MS, `took ${ms} ms`);
  });

  add("does not resend a POST whose connection was reset after the headers, and throws ApiConnectionError", async () => {
    kit.client({ maxRetries: 2, timeoutMs: 2000 });
    server.script(kit.post.route, [{ reset: "after-headers" }, ok(kit.post.ok)]);
    const { value: error, ms } = await timed(() => rejection(kit.post.call()));
    kit.collected.error(error);
    assert.ok(error instanceof kit.errors.connection, `got ${String(error)}`);
    assert.equal(server.count(kit.post.route), 1);
    assert.ok(ms < QUICK_MS, `took ${ms} ms`);
  });

  add("gives up on a GET whose response never comes after its retries, with ApiTimeoutError", async () => {
    kit.client({ maxRetries: 1, timeoutMs: 300 });
    server.script(kit.get.route, [{ hang: true }]);
    const { value: error, ms } = await timed(() => rejection(kit.get.call()));
    kit.collected.error(error);
    assert.ok(error instanceof kit.errors.timeout, `got ${String(error)}`);
    assert.equal(server.count(kit.get.route), 2);
    assert.ok(ms >= 550 && ms < QUICK_MS, `took ${ms} ms`);
  });

  add("does not resend a POST whose response never came, and throws ApiTimeoutError", async () => {
    kit.client({ maxRetries: 2, timeoutMs: 300 });
    server.script(kit.post.route, [{ hang: true }]);
    const { value: error, ms } = await timed(() => rejection(kit.post.call()));
    kit.collected.error(error);
    assert.ok(error instanceof kit.errors.timeout, `got ${String(error)}`);
    assert.equal(server.count(kit.post.route), 1);
    assert.ok(ms < QUICK_MS, `took ${ms} ms`);
  });

  add("retries a GET whose JSON body is truncated, then throws InvalidResponseError", async () => {
    kit.client({ maxRetries: 2, timeoutMs: 2000 });
    server.script(kit.get.route, [{ truncatedJson: kit.get.ok }]);
    const { value: error, ms } = await timed(() => rejection(kit.get.call()));
    kit.collected.error(error);
    assert.ok(error instanceof kit.errors.invalidResponse, `got ${String(error)}`);
    assert.equal((error as { status?: number }).status, 200);
    assert.equal(server.count(kit.get.route), 3);
    assert.ok(ms < QUICK_MS, `took ${ms} ms`);
  });

  add("recovers when a truncated GET body is followed by a good one", async () => {
    kit.client({ maxRetries: 2, timeoutMs: 2000 });
    server.script(kit.get.route, [{ truncatedJson: kit.get.ok }, ok(kit.get.ok)]);
    const { value } = await timed(kit.get.call);
    succeeded(kit, value, kit.get.ok);
    assert.equal(server.count(kit.get.route), 2);
  });

  add("does not resend a POST answered 200 with a body that is not JSON, and throws InvalidResponseError", async () => {
    kit.client({ maxRetries: 2, timeoutMs: 2000 });
    server.script(kit.post.route, [{ status: 200, headers: { "Content-Type": "text/html" }, body: "<html><body>Bad gateway</body></html>" }, ok(kit.post.ok)]);
    const { value: error, ms } = await timed(() => rejection(kit.post.call()));
    kit.collected.error(error);
    assert.ok(error instanceof kit.errors.invalidResponse, `got ${String(error)}`);
    assert.match(String((error as { body?: unknown }).body), /Bad gateway/);
    assert.equal(server.count(kit.post.route), 1);
    assert.ok(ms < QUICK_MS, `took ${ms} ms`);
  });

  return cases;
}
