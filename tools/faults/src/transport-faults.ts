// Test-only: the transport faults the runtime must survive, as one table of cases that
// packages/runtime/test/transport-faults.test.ts runs once per kind of credential. Vendors inherit the transport from
// the runtime, so they run only their own cases (auth flows, token endpoints, error shapes). Assertions use
// node:assert so that this folder needs no dependency of its own. Time is read only from the timestamps the scripted
// server records; a hang is caught by the test's own timeout.
import assert from "node:assert/strict";
import type { LeakCollector } from "./leaks.js";
import { rejection } from "./leaks.js";
import type { FaultServer, SeenRequest, Step } from "./server.js";

/** What openapi-fetch resolves. */
export interface CallResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** One operation of the client under test, as the fault server sees it and as the client calls it. */
export interface ScriptedCall {
  /** `METHOD /path` as it reaches the server, e.g. `GET /items`. */
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
  /** The error classes the client throws. */
  errors: { connection: Function; timeout: Function; invalidResponse: Function };
}

export interface FaultCase {
  name: string;
  run(): Promise<void>;
}

/** What a case expects: the good answer, a returned status, or a thrown error of one kind. */
type Outcome = "ok" | { status: number } | { throws: keyof TransportFaultKit["errors"]; message?: RegExp; status?: number; body?: RegExp };

interface Row {
  name: string;
  on: "get" | "post";
  /** Default `{ maxRetries: 2, timeoutMs: 2000 }`. */
  client?: { maxRetries: number; timeoutMs: number };
  /** The route's script; `ok` is the operation's good body. */
  steps: (ok: unknown) => Step[];
  outcome: Outcome;
  /** How many requests reach the route. */
  sent: number;
  /** Checks on the requests as the server recorded them (their arrival and closing times). */
  then?: (requests: readonly SeenRequest[]) => void | Promise<void>;
}

const ok = (body: unknown): Step => ({ status: 200, body });

/** The server answered the second request at least `ms` after the first: the client waited as told. */
const waited = (ms: number) => (requests: readonly SeenRequest[]) => {
  const [first, second] = requests;
  assert.ok(second!.at - first!.at >= ms, `retried after ${second!.at - first!.at} ms, before Retry-After`);
};

/** Every attempt was closed by the client once its timeout ran out: after `ms`, and before the server's own hang bound. */
const closedByClientAfter = (ms: number) => async (requests: readonly SeenRequest[]) => {
  for (let waits = 0; requests.some((request) => request.closedAt === undefined); waits++) {
    // The client has given up; its last connection may still be closing.
    if (waits > 500) throw new Error("a timed-out connection was never closed");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  // The server stamps a request once its body has arrived, after the client's timer started (by how much depends on
  // the machine's load), so the bound is half of timeoutMs: enough to tell a timeout from a connection dropped at once.
  for (const { at, closedAt } of requests) assert.ok(closedAt! - at >= ms / 2, `closed ${closedAt! - at} ms after it arrived, long before timeoutMs ${ms}`);
};

const ROWS: Row[] = [
  ...[502, 503, 504].map((status): Row => ({ name: `retries a GET after ${status} and returns the success`, on: "get", steps: (body) => [{ status, body: { error: "upstream" } }, ok(body)], outcome: "ok", sent: 2 })),
  { name: "does not resend a POST answered 503: the server may have acted on it", on: "post", steps: (body) => [{ status: 503, body: { error: "upstream" } }, ok(body)], outcome: { status: 503 }, sent: 1 },
  { name: "waits out a 429 with Retry-After in seconds, then succeeds", on: "get", steps: (body) => [{ status: 429, headers: { "Retry-After": "1" }, body: { error: "slow down" } }, ok(body)], outcome: "ok", sent: 2, then: waited(900) },
  // An HTTP date has whole seconds: two seconds ahead is at least one second ahead.
  { name: "waits out a 429 with Retry-After as an HTTP date, then succeeds", on: "get", steps: (body) => [() => ({ status: 429, headers: { "Retry-After": new Date(Date.now() + 2000).toUTCString() } }), ok(body)], outcome: "ok", sent: 2, then: waited(900) },
  { name: "resends a POST after 429: the server refused to act on it", on: "post", steps: (body) => [{ status: 429, headers: { "Retry-After": "0" } }, ok(body)], outcome: "ok", sent: 2 },
  { name: "retries a GET whose connection was reset before the headers", on: "get", steps: (body) => [{ reset: "before-headers" }, ok(body)], outcome: "ok", sent: 2 },
  { name: "does not resend a POST whose connection was reset before the headers, and throws ApiConnectionError", on: "post", steps: (body) => [{ reset: "before-headers" }, ok(body)], outcome: { throws: "connection", message: /Not retried: the server may have acted/ }, sent: 1 },
  { name: "retries a GET whose connection was reset after the headers, in the middle of the body", on: "get", steps: (body) => [{ reset: "after-headers" }, ok(body)], outcome: "ok", sent: 2 },
  { name: "does not resend a POST whose connection was reset after the headers, and throws ApiConnectionError", on: "post", steps: (body) => [{ reset: "after-headers" }, ok(body)], outcome: { throws: "connection" }, sent: 1 },
  { name: "gives up on a GET whose response never comes after its retries, with ApiTimeoutError", on: "get", client: { maxRetries: 1, timeoutMs: 300 }, steps: () => [{ hang: true }], outcome: { throws: "timeout" }, sent: 2, then: closedByClientAfter(300) },
  { name: "does not resend a POST whose response never came, and throws ApiTimeoutError", on: "post", client: { maxRetries: 2, timeoutMs: 300 }, steps: () => [{ hang: true }], outcome: { throws: "timeout" }, sent: 1, then: closedByClientAfter(300) },
  { name: "retries a GET whose JSON body is truncated, then throws InvalidResponseError", on: "get", steps: (body) => [{ truncatedJson: body }], outcome: { throws: "invalidResponse", status: 200 }, sent: 3 },
  { name: "recovers when a truncated GET body is followed by a good one", on: "get", steps: (body) => [{ truncatedJson: body }, ok(body)], outcome: "ok", sent: 2 },
  { name: "does not resend a POST answered 200 with a body that is not JSON, and throws InvalidResponseError", on: "post", steps: (body) => [{ status: 200, headers: { "Content-Type": "text/html" }, body: "<html><body>Bad gateway</body></html>" }, ok(body)], outcome: { throws: "invalidResponse", body: /Bad gateway/ }, sent: 1 },
];

async function expectOutcome(kit: TransportFaultKit, operation: ScriptedCall, outcome: Outcome): Promise<void> {
  if (outcome === "ok" || !("throws" in outcome)) {
    const result = await operation.call();
    if (outcome !== "ok") return assert.equal(result.response.status, outcome.status);
    assert.equal(result.response.status, 200);
    assert.equal(result.error, undefined);
    return assert.deepEqual(result.data, operation.ok);
  }
  const error = kit.collected.error(await rejection(operation.call()));
  assert.ok(error instanceof kit.errors[outcome.throws], `got ${String(error)}`);
  if (outcome.message) assert.match((error as Error).message, outcome.message);
  if (outcome.status !== undefined) assert.equal((error as { status?: number }).status, outcome.status);
  if (outcome.body) assert.match(String((error as { body?: unknown }).body), outcome.body);
}

/**
 * The transport cases: 5xx then success, 429 with Retry-After in seconds and as a date, resets before and after the
 * headers, a response that never comes, a truncated body and a non-JSON 200, each for a GET and where it matters a POST.
 *
 * @example
 * for (const { name, run } of transportFaultCases(kit)) it(name, run);
 */
export function transportFaultCases(kit: TransportFaultKit): FaultCase[] {
  return ROWS.map((row) => ({
    name: row.name,
    run: async () => {
      // Read at run time: the suite starts its server after the cases are registered.
      const operation = kit[row.on];
      kit.client(row.client ?? { maxRetries: 2, timeoutMs: 2000 });
      kit.server.script(operation.route, row.steps(operation.ok));
      await expectOutcome(kit, operation, row.outcome);
      assert.equal(kit.server.count(operation.route), row.sent);
      await row.then?.(kit.server.requests.filter((request) => `${request.method} ${request.pathname}` === operation.route));
    },
  }));
}
