// A live run's target: the Prism proxies' log, which a contract test prints when it fails on a violation, shows no
// credential from the URLs they forwarded (CX sends its token in the query), neither the one the run was given in
// the environment nor one it obtained on the way; nor does the drift report of its recorder.
import { createServer, type Server } from "node:http";
import { fileURLToPath } from "node:url";
import { showsSecret } from "@apis/faults/leak-watch";
import { rememberSecret } from "@apis/runtime";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { createContractRecorder } from "../src/recorder.ts";
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
}, 120_000);

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
}, 120_000);

// The drift report goes to a file that contract:live prints, and only the suite's process knows a token it obtained.
it("reports a field that a vendor named with a token the run obtained without that token", async () => {
  const token = "obtained-token-3d7a";
  // As a token source of the runtime does with each token it obtains.
  rememberSecret(token);
  const recorder = createContractRecorder(fileURLToPath(new URL("./fixtures/pets.yaml", import.meta.url)), async () => Response.json({ id: 1, [token]: true }));
  await (await recorder.fetch("http://127.0.0.1:9/pets/1")).arrayBuffer();
  expect(recorder.drift()).toEqual([{ operation: "getPet (GET /pets/{id})", status: 200, field: "body.[redacted]", problem: "is not in the spec (extra field)" }]);
});
