// A live run's target: the Prism proxies' log, which a contract test prints when it fails on a violation, shows no
// credential from the URLs they forwarded (CX sends its token in the query), neither the one the run was given in
// the environment nor one it obtained on the way.
import { createServer, type Server } from "node:http";
import { showsSecret } from "@apis/faults/leak-watch";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { startContractTarget } from "../src/target.ts";

// A space and a slash, so that its raw, percent- and form-encoded forms differ.
const GIVEN = "live token/given 4f2a";
const OBTAINED = "obtained-token-8e1b";

let server: Server;

beforeAll(async () => {
  server = createServer((request, response) => response.writeHead(200, { "content-type": "application/json" }).end("{}"));
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  vi.stubEnv("APIS_CONTRACT_LIVE", "1");
  vi.stubEnv("APIS_CONTRACT_UPSTREAM", `http://127.0.0.1:${(server.address() as { port: number }).port}`);
  vi.stubEnv("CX_ACCESS_TOKEN", GIVEN);
});

afterAll(() => {
  vi.unstubAllEnvs();
  server?.close();
});

it("logs the URLs a live proxy forwarded without the credentials in their query", async () => {
  const target = await startContractTarget("cx");
  try {
    for (const token of [GIVEN, OBTAINED]) {
      const response = await fetch(`${target.baseUrl}/users/self?client_id=app-1&access_token=${encodeURIComponent(token)}`);
      await response.arrayBuffer();
    }
    await expect.poll(() => target.log().match(/Forwarding/g)?.length).toBe(2);
    const log = target.log();
    expect(log).toContain("/1/users/self?client_id=app-1&access_token=[redacted]");
    expect(showsSecret(log, GIVEN)).toBe(false);
    expect(showsSecret(log, OBTAINED)).toBe(false);
  } finally {
    await target.stop();
  }
}, 60_000);

// A coloured run (contract:live passes FORCE_COLOR to a suite it prints to a terminal) makes Prism colour its log.
it("logs plain text in a coloured run, with no colour code inside what it redacts", async () => {
  vi.stubEnv("FORCE_COLOR", "1");
  const target = await startContractTarget("cx");
  try {
    const response = await fetch(`${target.baseUrl}/users/self?client_id=app-1&access_token=${encodeURIComponent(GIVEN)}`);
    await response.arrayBuffer();
    await expect.poll(() => target.log()).toContain("Forwarding");
    expect(target.log()).not.toContain("\x1b[");
    expect(target.log()).toContain("/1/users/self?client_id=app-1&access_token=[redacted]");
  } finally {
    await target.stop();
  }
}, 60_000);
