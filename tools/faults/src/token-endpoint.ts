// Test-only: how every credential flow must fail when its token endpoint does (a refused grant that quotes the
// credential, a 500, a 200 that is not JSON, a 429 asking for longer than the client waits): one error, the token
// request sent once (after a 500, once per attempt: a token request is retried like a GET, three attempts by default), and nothing else sent; the
// 429's error carries the wait it asked for.
// Assertions use node:assert, as transport-faults.ts does.
import assert from "node:assert/strict";
import { rejection, type LeakCollector } from "./leaks.js";
import type { Fault, FaultServer } from "./server.js";
import type { FaultCase } from "./transport-faults.js";

export interface TokenEndpointFlow {
  /** The token request as the server sees it, e.g. `POST /oauth/token`. */
  route: string;
  /** A credential the refusal quotes back, as vendors do: it must not reach the error. */
  quoted: string;
  /** Starts the flow (a code exchange, or an API call that needs a token); it must reject. */
  call(): Promise<unknown>;
  /** What the refusals, the 500, the 200 that is not JSON and the 429 must be thrown as. */
  error: Function;
  /** An API route the flow would call with the token: it must receive nothing. */
  untouched?: string;
  /** Whether the flow logs exactly one line per token request sent, to the collector's logger. */
  logsOneLine?: boolean;
}

/**
 * @example
 * for (const { name, run } of tokenEndpointFaultCases(suite, { route: TOKEN, quoted: `code ${CODE}`, call, errors })) it(name, run);
 */
export function tokenEndpointFaultCases(suite: { server: () => FaultServer; collected: LeakCollector }, flow: TokenEndpointFlow): FaultCase[] {
  const kit = { ...suite, ...flow };
  const faults: [answer: string, fault: Fault, status: number][] = [
    ["invalid_grant", { status: 400, body: { error: "invalid_grant", error_description: `${kit.quoted} is not valid` } }, 400],
    ["a 500", { status: 500, body: { error: "server_error" } }, 500],
    ["garbage", { status: 200, headers: { "Content-Type": "text/html" }, body: "<html>maintenance</html>" }, 200],
    // An hour is longer than the client waits out within its retries: the error says how long the endpoint asked for.
    ["a 429 asking for an hour", { status: 429, headers: { "Retry-After": "3600" }, body: { error: "slow_down" } }, 429],
  ];
  return faults.map(([answer, fault, status]) => {
    const sent = status === 500 ? 3 : 1;
    return {
      name: `throws, sending the token request ${sent === 1 ? "once" : "three times"}${kit.untouched ? " and nothing else" : ""}, when the token endpoint answers ${answer}`,
      run: async () => {
        // A good answer after the faults: one more retry would succeed, so only a flow that resends no more passes.
        kit.server().script(kit.route, [...Array<Fault>(sent).fill(fault), { status: 200, body: { access_token: "never-issued-token-1", token_type: "bearer" } }]);
        if (kit.untouched) kit.server().script(kit.untouched, [{ status: 200, body: {} }]);
        kit.collected.takeLines();
        const error = kit.collected.error(await rejection(kit.call()));
        assert.ok(error instanceof kit.error, `got ${String(error)}`);
        assert.equal((error as { status?: number }).status, status);
        assert.equal((error as { retryAfterMs?: number }).retryAfterMs, status === 429 ? 3_600_000 : undefined);
        assert.equal(kit.server().count(kit.route), sent);
        if (kit.untouched) assert.equal(kit.server().count(kit.untouched), 0);
        const path = kit.route.split(" ")[1]!.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
        const attempt = (line: string, index: number) => new RegExp(`^token request POST http://127\\.0\\.0\\.1:\\d+${path} -> ${status} \\(attempt ${index + 1}, \\d+ ms\\)`).test(line);
        if (kit.logsOneLine) assert.deepEqual(kit.collected.takeLines().map(attempt), Array(sent).fill(true));
      },
    };
  });
}
