// `pnpm contract:live` proven without a vendor: the CLI is started in a fixture repository (fixtures/live: a registry,
// a spec and a package with a contract suite) and pointed at a local stand-in that drifts from the fixture spec in the
// four ways live APIs do (an extra field, a missing required field, a wrong type, an undocumented status). The live
// run must name each operation and field, fail, and never print the client secret or a token it was given.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import { createServer as createTcpServer, type Socket } from "node:net";
import { fileURLToPath } from "node:url";
import { stripVTControlCharacters } from "node:util";
import { showsSecret } from "@apis/faults/leak-watch";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { colourEnv, redactLines } from "../src/live.ts";
import { liveRedactor, QUOTED_FIELD } from "../src/live-redact.ts";

// Bounds for a hang, not times to meet: a run starts vitest and Prism in processes of their own, which alone takes
// seconds but beside every other suite of `pnpm test` on two cores once took 68 s; a refusal starts only the CLI.
const RUN_BOUND_MS = 300_000;
const REFUSAL_BOUND_MS = 120_000;
const cli = fileURLToPath(new URL("../src/live-cli.ts", import.meta.url));
const fixture = fileURLToPath(new URL("./fixtures/live/", import.meta.url));
// A space and a slash, so that its raw, percent-, form- and base64 forms all differ.
const SECRET = "stand-in client/secret-5e8b";
const ACCESS_TOKEN = "stand-in-access-7c1d";

/** What a stand-in answers a route with: a status and a body, or a function making them for each request. */
type Routes = Record<string, [number, unknown] | (() => [number, unknown])>;

const drifting: Routes = {
  "POST /oauth/token": [200, { access_token: ACCESS_TOKEN, token_type: "bearer", expires_in: 7200 }],
  "GET /pets": [200, [{ id: 1, name: "Rex", nickname: "Rexie" }]],
  "GET /owners": [200, [{ name: "Jane" }]],
  "GET /visits": [200, [{ id: 6, pet_id: 1, date: "2020-05-21" }]],
  "GET /visits/6": [418, { message: "I'm a teapot" }],
};

/** A stand-in that echoes the credentials back: the token request's form body in its answer, the secret as a field name. */
const echoing: Routes = {
  "GET /pets": [200, [{ id: 1, name: "Rex", [SECRET]: true }]],
  "GET /owners": [200, [{ id: 2, name: "Jane" }]],
  "GET /visits": [200, []],
  "GET /visits/6": [200, { id: 6, pet_id: 1, date: 1504948149 }],
};

/** A stand-in whose token answer fails the suite's assertion with a token short enough for vitest to quote whole. */
const shortToken: Routes = { ...echoing, "POST /oauth/token": [200, { access_token: "at-4d9e", token_type: "mac" }] };

// A JWT-shaped client secret, long enough that vitest would quote only its first part in an assertion's message.
const LONG_SECRET = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwZXRzLWNsaWVudCIsImlhdCI6MTUxNjIzOTAyMn0.T1ZtHsSFd0vWJ5HzwcTRpKYmQpTA";

/** A stand-in whose token answer quotes the client secret in an error text. */
const revoked: Routes = {
  ...drifting,
  "POST /oauth/token": [200, { access_token: ACCESS_TOKEN, token_type: "bearer", error: `invalid_client: ${LONG_SECRET} was revoked` }],
};

/** A stand-in that puts the client secret where the client id belongs, so vitest's diff marks where the two differ. */
const misfiled: Routes = { ...drifting, "POST /oauth/token": [200, { access_token: ACCESS_TOKEN, token_type: "bearer", client_id: SECRET }] };

/** The tokens the reissuing stand-in issued, in order. */
const issued: string[] = [];

/** A new random token, listed in `issued`: no environment variable of the run holds it. */
function issue(): string {
  issued.push(`tok-${randomBytes(24).toString("base64url")}`);
  return issued.at(-1)!;
}

/** A stand-in that issues a new token for each token request, as a vendor does. */
const reissuing: Routes = { ...drifting, "POST /oauth/token": () => [200, { access_token: issue(), token_type: "bearer", expires_in: 7200 }] };

/** The pieces of 8 characters of `secret` that `output` shows, once colour codes are taken out. */
function piecesShown(output: string, secret: string): string[] {
  const plain = stripVTControlCharacters(output);
  return Array.from({ length: secret.length - 7 }, (_, at) => secret.slice(at, at + 8)).filter((piece) => plain.includes(piece));
}

/** A stand-in that answers the token request and never the rest: the routes it leaves unanswered. */
const stalling: Routes = { "POST /oauth/token": drifting["POST /oauth/token"]! };

let routes = drifting;
let server: Server;
let upstream: string;
/** What reached the stand-in, so the test knows the secret and the token really went through the run. */
const received: { route: string; authorization: string; body: string }[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const route = `${request.method} ${new URL(request.url ?? "/", "http://x").pathname}`;
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      received.push({ route, authorization: request.headers.authorization ?? "", body });
      if (routes === stalling && !routes[route]) return;
      const answered = routes[route];
      const [status, answer] =
        route === "POST /oauth/token" && routes === echoing
          ? [200, { access_token: ACCESS_TOKEN, token_type: "mac", echo: body }]
          : typeof answered === "function"
            ? answered()
            : (answered ?? [404, { message: "Not found" }]);
      response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  upstream = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(() => {
  server?.closeAllConnections();
  server?.close();
});

function liveRun(env: Record<string, string | undefined>, args = ["pets"]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [cli, ...args], {
    cwd: fixture,
    env: { ...process.env, PETS_CLIENT_ID: "", PETS_CLIENT_SECRET: "", APIS_CONTRACT_LIVE_WRITES: "", APIS_CONTRACT_SERVER: "", APIS_CONTRACT_LIVE_TIMEOUT_MS: undefined, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((done) => child.once("exit", (code) => done({ code, output })));
}

/** A live run against the stand-in answering with `stand` (the drifting vendor again afterwards), as the fixture's client. */
async function liveRunAgainst(stand: Routes, env: Record<string, string | undefined> = {}): Promise<{ code: number | null; output: string }> {
  routes = stand;
  try {
    return await liveRun({ PETS_CLIENT_ID: "stand-in-id", PETS_CLIENT_SECRET: SECRET, APIS_CONTRACT_UPSTREAM: upstream, ...env });
  } finally {
    routes = drifting;
  }
}

describe("pnpm contract:live <vendor>, run in a fixture repository", () => {
  it("prints no credential a stand-in echoes back, in a failed assertion or as a drifting field's name", async () => {
    const { code, output } = await liveRunAgainst(echoing);
    // 3: the suite failed, besides the drift it reports.
    expect(code, output).toBe(3);
    expect(output).toContain("The suite failed too (above): this is not a pass.");
    expect(showsSecret(output, SECRET)).toBe(false);
    expect(output).not.toContain(ACCESS_TOKEN);
    // The assertion on the token answer failed and the extra field was reported, each without the secret.
    expect(output).toContain("was given a bearer token");
    expect(output).toMatch(/listPets \(GET \/pets\) 200: body\.0\.\[redacted\] is not in the spec \(extra field\)/);
  }, RUN_BOUND_MS);

  // vitest quotes a short object in its message as JavaScript (expected { access_token: 'at-4d9e', …(1) }), not JSON.
  it("prints no token the run obtained that a failed assertion quotes as a JavaScript object's field", async () => {
    const { code, output } = await liveRunAgainst(shortToken);
    expect(code, output).toBe(3);
    expect(output).toMatch(/expected \{ access_token: '\[redacted\]'/);
    expect(output).not.toContain("at-4d9e");
  }, RUN_BOUND_MS);

  it("prints no part of a long credential that vitest cuts short in a failed assertion's message", async () => {
    // Printed to a pipe (as to a file or a CI log) in a terminal's TERM and a CI's environment: no colour codes.
    const { code, output } = await liveRunAgainst(revoked, { PETS_CLIENT_SECRET: LONG_SECRET, FORCE_COLOR: undefined, NO_COLOR: undefined, TERM: "xterm-256color", CI: "1" });
    expect(code, output).toBe(3);
    expect(output).not.toContain("\x1b[");
    // Quoted whole (chai would have cut it at 40 characters), so the secret in it was found and redacted whole.
    expect(output).toContain("expected 'invalid_client: [redacted] was revoked' to be undefined");
    expect(piecesShown(output, LONG_SECRET)).toEqual([]);
  }, RUN_BOUND_MS);

  it("prints no credential that a colour code splits where vitest marks what differs from the expected value", async () => {
    const { code, output } = await liveRunAgainst(misfiled, { FORCE_COLOR: "1", NO_COLOR: undefined });
    expect(code, output).toBe(3);
    expect(output).toContain("was answered for the client it asked as");
    // The run was coloured, and the secret does not show once the colour codes are taken out.
    expect(output).toContain("\x1b[");
    expect(showsSecret(stripVTControlCharacters(output), SECRET)).toBe(false);
  }, RUN_BOUND_MS);

  // Only the suite's process knows such a token: the runtime remembers what its token sources obtain.
  it("prints no token the run obtained through the runtime, in a failed assertion or hook, its diff, a console line or a write to stdout", async () => {
    issued.length = 0;
    const { code, output } = await liveRunAgainst(reissuing, { FORCE_COLOR: "1", NO_COLOR: undefined });
    expect(code, output).toBe(3);
    // The suite's own token request, then two through the runtime, which the assertion found different.
    expect(issued, output).toHaveLength(3);
    const plain = stripVTControlCharacters(output);
    expect(plain).toContain("expected 'issued [redacted]' to be 'issued [redacted]'");
    expect(plain).toContain('Expected: "issued [redacted]"');
    expect(plain).toContain('Received: "issued [redacted]"');
    expect(plain).toContain("issued [redacted], then [redacted]");
    expect(plain).toMatch(/first: '\[redacted\]',\s+again: '\[redacted\]'/);
    expect(plain).toContain("wrote [redacted]\n");
    // The file's afterAll failed the file on the two tokens.
    expect(plain).toContain("expected 'kept [redacted]' to be 'kept [redacted]'");
    for (const token of issued) expect(piecesShown(output, token)).toEqual([]);
  }, RUN_BOUND_MS);

  it("fails a request that a stalled vendor accepts and never answers, naming the host, after APIS_CONTRACT_LIVE_TIMEOUT_MS", async () => {
    const sockets: Socket[] = [];
    const stalled = createTcpServer((socket) => void sockets.push(socket));
    await new Promise<void>((listening) => stalled.listen(0, "127.0.0.1", listening));
    const host = `127.0.0.1:${(stalled.address() as { port: number }).port}`;
    try {
      // Long enough for a proxy just started on a loaded machine to reach the stalled host (with 500 ms, a newcomer's
      // run failed before it had connected): the bound, not the proxy's start, is what the request runs into.
      const { code, output } = await liveRun({ PETS_CLIENT_ID: "stand-in-id", PETS_CLIENT_SECRET: SECRET, APIS_CONTRACT_UPSTREAM: `http://${host}`, APIS_CONTRACT_LIVE_TIMEOUT_MS: "5000" });
      expect(code, output).toBe(3);
      expect(sockets.length, output).toBeGreaterThan(0);
      expect(output).toContain(`${host} did not answer POST /oauth/token within 5000 ms (APIS_CONTRACT_LIVE_TIMEOUT_MS raises the bound)`);
      expect(output).toContain("but the suite failed (above): this is not a pass");
    } finally {
      for (const socket of sockets) socket.destroy();
      stalled.close();
    }
  }, RUN_BOUND_MS);

  it("sends nothing more to a host that left a request unanswered, and says so for each request it did not send", async () => {
    const seen = received.length;
    // Long enough for the token request, which the stand-in answers, through a proxy that has just started on a
    // loaded machine (500 ms was not, in a CI run): only GET /pets is left unanswered.
    const { code, output } = await liveRunAgainst(stalling, { APIS_CONTRACT_LIVE_TIMEOUT_MS: "5000" });
    expect(code, output).toBe(3);
    const host = new URL(upstream).host;
    expect(output).toContain(`${host} did not answer GET /pets within 5000 ms`);
    for (const path of ["/owners", "/visits", "/visits/6"]) {
      expect(output).toContain(`${host} did not answer GET ${path}: it left a request unanswered for 5000 ms, so this one was not sent`);
    }
    // The stand-in saw the token request and the first read, which it left unanswered, and nothing after them.
    expect(received.slice(seen).map(({ route }) => route)).toEqual(["POST /oauth/token", "GET /pets"]);
  }, RUN_BOUND_MS);

  // Stopped alone (a CI job's timeout, a kill), it left the suite and its proxies sending requests to the vendor with
  // nothing reading their output, and its report in a temporary folder.
  it("stops the suite and its proxies when it is stopped, exits 128 + the signal, and leaves no report behind", async () => {
    const seen = received.length;
    const tmp = mkdtempSync(join(tmpdir(), "live-cli-stop-"));
    routes = stalling;
    try {
      const child = spawn(process.execPath, [cli, "pets"], {
        cwd: fixture,
        env: { ...process.env, PETS_CLIENT_ID: "stand-in-id", PETS_CLIENT_SECRET: SECRET, APIS_CONTRACT_UPSTREAM: upstream, APIS_CONTRACT_LIVE_WRITES: "", APIS_CONTRACT_LIVE_TIMEOUT_MS: "120000", TMPDIR: tmp },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      for (const stream of [child.stdout, child.stderr]) stream.on("data", (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
      // The suite is under way once the stand-in holds its first read unanswered.
      await vi.waitFor(() => expect(received.slice(seen).map(({ route }) => route)).toContain("GET /pets"), { timeout: RUN_BOUND_MS / 2, interval: 200 });
      child.kill("SIGTERM");
      expect(await exited, output).toBe(128 + 15);
      expect(output).toContain("contract:live pets: stopped by SIGTERM, and the suite with it: this is not a pass.");
      // The proxies (and their gates) went with the suite: nothing holds a connection to the stand-in any more.
      await vi.waitFor(async () => expect(await new Promise<number>((count) => server.getConnections((_, n) => count(n)))).toBe(0), { timeout: 30_000, interval: 200 });
      // (Its own: vitest or Prism may leave a folder of theirs.)
      expect(readdirSync(tmp).filter((name) => name.startsWith("apis-contract-live-"))).toEqual([]);
    } finally {
      routes = drifting;
      server.closeAllConnections();
      rmSync(tmp, { recursive: true, force: true });
    }
  }, RUN_BOUND_MS);

  it("refuses an APIS_CONTRACT_LIVE_TIMEOUT_MS that is no whole number of milliseconds, before sending anything", async () => {
    const { code, output } = await liveRun({ PETS_CLIENT_ID: "stand-in-id", PETS_CLIENT_SECRET: SECRET, APIS_CONTRACT_UPSTREAM: upstream, APIS_CONTRACT_LIVE_TIMEOUT_MS: "30s" });
    expect(code, output).toBe(2);
    expect(output).toContain("APIS_CONTRACT_LIVE_TIMEOUT_MS=30s must be a whole number of milliseconds");
    expect(output).toContain("this is not a pass");
  }, REFUSAL_BOUND_MS);

  it("names the settings of a live run in its help", async () => {
    const { code, output } = await liveRun({}, ["--help"]);
    expect(code, output).toBe(0);
    for (const name of ["APIS_CONTRACT_LIVE_WRITES", "APIS_CONTRACT_SERVER", "APIS_CONTRACT_UPSTREAM", "APIS_CONTRACT_LIVE_TIMEOUT_MS"]) expect(output).toContain(name);
  }, REFUSAL_BOUND_MS);

  it.each([
    ["http://pets.example:8080", "is plain http to another host"],
    ["127.0.0.1:8080", "is not a URL"],
    ["localhost:8080", "is not an http(s) URL"],
  ])("refuses APIS_CONTRACT_UPSTREAM=%s, which %s, before sending anything", async (value, problem) => {
    const { code, output } = await liveRun({ PETS_CLIENT_ID: "stand-in-id", PETS_CLIENT_SECRET: SECRET, APIS_CONTRACT_UPSTREAM: value });
    expect(code, output).toBe(2);
    expect(output).toContain(`APIS_CONTRACT_UPSTREAM=${value} ${problem}`);
    expect(output).toContain("this is not a pass");
  }, REFUSAL_BOUND_MS);

  // 1, not 3: the suite passed, and what fails the run is the vendor's drift alone.
  it("reports every drift of a stand-in vendor by operation and field, and fails", async () => {
    const { code, output } = await liveRun({ PETS_CLIENT_ID: "stand-in-id", PETS_CLIENT_SECRET: SECRET, APIS_CONTRACT_UPSTREAM: upstream });
    expect(code, output).toBe(1);
    expect(output).not.toContain("The suite failed too");
    expect(output).toContain("read-only operations");
    expect(output).toMatch(/listPets \(GET \/pets\) 200: body\.0\.nickname is not in the spec \(extra field\)/);
    expect(output).toMatch(/listOwners \(GET \/owners\) 200: body\.0 .*required property 'id'/);
    expect(output).toMatch(/listVisits \(GET \/visits\) 200: body\.0\.date .*integer/);
    expect(output).toMatch(/getVisit \(GET \/visits\/\{id\}\) 418: \(response\) .*status code/);
    const form = new URLSearchParams({ grant_type: "client_credentials", client_id: "stand-in-id", client_secret: SECRET });
    expect(received).toContainEqual({ route: "POST /oauth/token", authorization: "", body: form.toString() });
    expect(received).toContainEqual({ route: "GET /pets", authorization: `Bearer ${ACCESS_TOKEN}`, body: "" });
    expect(output).not.toContain(SECRET);
    expect(output).not.toContain(ACCESS_TOKEN);
    // Nor in any encoding it could be printed in: percent- or form-encoded, JSON-escaped, inside base64.
    expect(showsSecret(output, SECRET)).toBe(false);
    expect(showsSecret(output, ACCESS_TOKEN)).toBe(false);
  }, RUN_BOUND_MS);

  it("says it needs credentials, runs nothing and does not claim a pass without them", async () => {
    const { code, output } = await liveRun({});
    expect(code).toBe(2);
    expect(output).toContain("no credentials: set PETS_CLIENT_ID, PETS_CLIENT_SECRET");
    expect(output).toContain("this is not a pass");
    expect(output).not.toContain("Drift");
  }, REFUSAL_BOUND_MS);
});

describe("a token the run obtained, which the suite prints", () => {
  // The ways of printing that leave the file running share one live run, each in a block of its own with a token of its
  // own (a run starts vitest and Prism, seconds of two cores each); those that end in an error of the run share another.
  const groups = [
    ["beforeAll", "afterAll", "aroundEach", "aroundEach aggregate", "aroundAll", "annotation", "skip note", "pieces", "bytes", "console", "cut short"],
    ["rejection", "rejected text", "exception"],
  ];
  const runs = new Map<string[], Promise<{ code: number | null; output: string; plain: string }>>();

  /** The live run against the reissuing stand-in whose suite prints a token it obtained in `mode`, among its group's. */
  function printing(mode: string): Promise<{ code: number | null; output: string; plain: string }> {
    const group = groups.find((modes) => modes.includes(mode))!;
    if (!runs.has(group)) runs.set(group, printingAll(group));
    return runs.get(group)!;
  }

  async function printingAll(modes: string[]): Promise<{ code: number | null; output: string; plain: string }> {
    issued.length = 0;
    const run = await liveRunAgainst(reissuing, { PETS_PRINTS: modes.join(",") });
    // The suite's own token request, two through the runtime in one test and one in each block that prints one.
    expect(issued, run.output).toHaveLength(3 + modes.length);
    for (const token of issued) {
      expect(piecesShown(run.output, token), run.output).toEqual([]);
      expect(showsSecret(stripVTControlCharacters(run.output), token)).toBe(false);
    }
    return { ...run, plain: stripVTControlCharacters(run.output) };
  }

  // vitest puts the error of a describe block's own hook on that block, reported as a failed suite.
  it.each(["beforeAll", "afterAll"])("is redacted where a describe block's own %s fails quoting it", async (hook) => {
    const { code, output, plain } = await printing(hook);
    expect(code, output).toBe(3);
    expect(plain).toContain("expected 'held [redacted]' to be 'held no token'");
  }, RUN_BOUND_MS);

  it.each(["aroundEach", "aroundAll"])("is redacted where the suite's own %s fails quoting it", async (hook) => {
    const { code, output, plain } = await printing(hook);
    expect(code, output).toBe(3);
    expect(plain).toContain("Error: wrapped [redacted]");
  }, RUN_BOUND_MS);

  // vitest reports each error of an AggregateError on its own, telling one by its class.
  it("is redacted where the suite's own aroundEach fails with an AggregateError quoting it, each of whose errors is shown", async () => {
    const { code, output, plain } = await printing("aroundEach aggregate");
    expect(code, output).toBe(3);
    expect(plain).toContain("Error: wrapped [redacted]");
    expect(plain).toContain("Error: a second reason");
  }, RUN_BOUND_MS);

  it.each([
    ["rejection", "Unhandled Rejection", "Error: lost [redacted]"],
    ["rejected text", "Unhandled Rejection", "lost [redacted]"],
    ["exception", "Uncaught Exception", "Error: thrown [redacted]"],
  ])("is redacted where an unhandled %s quotes it, which vitest still reports as an error of the run", async (prints, kind, shown) => {
    const { code, output, plain } = await printing(prints);
    expect(code, output).toBe(3);
    expect(plain).toContain(`${kind} ⎯`);
    expect(plain).toContain(shown);
    // One for each of the group's three.
    expect(plain).toMatch(/Errors {2}3 errors\n/);
  }, RUN_BOUND_MS);

  it("is redacted where the suite writes it to stdout in pieces, the last with no line break after it", async () => {
    const { code, output, plain } = await printing("pieces");
    expect(code, output).toBe(3);
    expect(plain).toContain("pieces [redacted] end");
  }, RUN_BOUND_MS);

  it("prints a line that the suite began and did not end before its file failed to load", async () => {
    issued.length = 0;
    const { code, output } = await liveRunAgainst(reissuing, { PETS_PRINTS: "unended" });
    expect(code, output).toBe(3);
    expect(output).toContain("the suite stops here");
    expect(output).toContain("a line not ended");
  }, RUN_BOUND_MS);

  // vitest records such an error on the file before any hook runs.
  it("is redacted where the file fails to load with an error quoting it", async () => {
    issued.length = 0;
    const { code, output } = await liveRunAgainst(reissuing, { PETS_PRINTS: "collected" });
    expect(code, output).toBe(3);
    expect(stripVTControlCharacters(output)).toContain("Error: collected [redacted]");
    expect(issued, output).toHaveLength(1);
    expect(piecesShown(output, issued[0]!)).toEqual([]);
  }, RUN_BOUND_MS);

  it("is redacted where the suite writes it to stderr as bytes", async () => {
    const { code, output, plain } = await printing("bytes");
    expect(code, output).toBe(3);
    expect(plain).toContain("bytes [redacted]\n");
  }, RUN_BOUND_MS);

  it("is redacted wherever a console method shows it: dirxml, table, assert, count, group and timeLog", async () => {
    const { code, output, plain } = await printing("console");
    expect(code, output).toBe(3);
    for (const shown of ["dirxml [redacted]", "│ 0       │ '[redacted]' │", "Assertion failed: assert [redacted]", "count [redacted]: 1", "group [redacted]"]) {
      expect(plain).toContain(shown);
    }
    expect(plain).toMatch(/time \[redacted\]: [\d.]+m?s logged/);
  }, RUN_BOUND_MS);

  // The reporter prints both beside the test's name, from what the worker sent as the test ran or ended.
  it.each([
    ["annotation", "↳ annotated [redacted]"],
    ["skip note", "[skipped [redacted]]"],
  ])("is redacted where the suite gives it as a test's %s", async (prints, shown) => {
    const { code, output, plain } = await printing(prints);
    expect(code, output).toBe(3);
    expect(plain).toContain(shown);
  }, RUN_BOUND_MS);

  it("has each piece of 8 or more characters redacted where a quotation cut it short", async () => {
    const { code, output, plain } = await printing("cut short");
    expect(code, output).toBe(3);
    expect(plain).toContain("cut [redacted]… and …[redacted] cut");
  }, RUN_BOUND_MS);
});

describe("the redaction of what contract:live prints", () => {
  const redact = liveRedactor([LONG_SECRET, SECRET]);

  it.each([
    ["a start before …", `expected 'invalid_client: ${LONG_SECRET.slice(0, 21)}…' to be undefined`, "expected 'invalid_client: [redacted]…' to be undefined"],
    ["a start before ... (as Node cuts)", `Received '${LONG_SECRET.slice(0, 25)}...'`, "Received '[redacted]...'"],
    ["a start that ends a line", `token ${LONG_SECRET.slice(0, 30)}\nnext line`, "token [redacted]\nnext line"],
    ["an end after …", `'…${LONG_SECRET.slice(-12)} was revoked'`, "'…[redacted] was revoked'"],
    ["a start and an end around …", `'${SECRET.slice(0, 10)}…${SECRET.slice(-9)}'`, "'[redacted]…[redacted]'"],
    ["a start cut after one of its own dots", `${LONG_SECRET.slice(0, 21)}...`, "[redacted]..."],
    ["a percent-encoded start", `client_id=a&x=${encodeURIComponent(SECRET).slice(0, 14)}…`, "client_id=a&x=[redacted]…"],
    ["a start of its base64", `Received ${Buffer.from(LONG_SECRET).toString("base64").slice(0, 16)}…`, "Received [redacted]…"],
  ])("redacts a credential cut short: %s", (_, printed, redacted) => {
    expect(redact(printed)).toBe(redacted);
  });

  it("redacts a credential that colour codes split, printing that line without them and its codes after it", () => {
    const line = `Received: \x1b[31m"stand-in\x1b[7m client/secret-5e8b\x1b[27m"\x1b[39m\n`;
    expect(redact(line)).toBe(`Received: "[redacted]"\x1b[31m\x1b[7m\x1b[27m\x1b[39m\n`);
    expect(redact(`'${LONG_SECRET.slice(0, 14)}\x1b[7m${LONG_SECRET.slice(14, 24)}…\x1b[27m'`)).toBe("'[redacted]…'\x1b[7m\x1b[27m");
  });

  it("keeps the colours of a line in which nothing is redacted", () => {
    const lines = `\x1b[32m- Expected\x1b[39m\n\x1b[31m+ Received\x1b[39m\n`;
    expect(redact(lines)).toBe(lines);
  });

  // A field's name was sought from each character of a word, each time to the word's end: 80 000 word characters took
  // 6 s, and a million (a hostile vendor's body, printed in a failed assertion) a quarter of an hour.
  it("seeks a quoted field's name only where a word starts, not from each character inside it", () => {
    const inside = new RegExp(QUOTED_FIELD.source, "y");
    inside.lastIndex = "{ access".length;
    expect(inside.exec("{ access_token: 'at-4d9e' }")).toBeNull();
    expect(redact(`${"A".repeat(1000)} { access_token: 'at-4d9e' }`)).toBe(`${"A".repeat(1000)} { access_token: '[redacted]' }`);
  });

  it("redacts a cut-off piece of a credential that it is told of at the call, however late that was learned", () => {
    const learned: string[] = [];
    const redactLearned = liveRedactor([SECRET], () => learned);
    const token = "tok-learned-after-the-redactor-was-made";
    expect(redactLearned(`'${token.slice(0, 12)}…'`)).toBe(`'${token.slice(0, 12)}…'`);
    learned.push(token);
    expect(redactLearned(`'${token.slice(0, 12)}…' and '…${token.slice(-9)}'`)).toBe("'[redacted]…' and '…[redacted]'");
  });

  /**
   * What `work` returns, having compared at most `bound` characters (calls of charCodeAt, with which the redactor
   * compares a line with the credentials' forms); past that it throws at once, so a search that went back to time in
   * the square of the line fails instead of hanging. Work is counted, not timed: a loaded machine changes no count.
   */
  function withinComparisons<T>(bound: number, work: () => T): T {
    const { charCodeAt } = String.prototype;
    let compared = 0;
    String.prototype.charCodeAt = function (this: string, at: number) {
      if (++compared > bound) throw new Error(`compared more than ${bound} characters`);
      return charCodeAt.call(this, at);
    };
    try {
      return work();
    } finally {
      String.prototype.charCodeAt = charCodeAt;
    }
  }

  // Each form was matched over the line on its own, and every piece of each kept until the end: a thousand JWTs of
  // 16 000 characters (the runtime keeps as many, as long) over a line of 300 KB of headers and dots took 11 s and
  // 3 GB, and over a megabyte ran out of memory.
  it("seeks the pieces of a thousand long credentials that share their start with work in proportion to the line", () => {
    const tokens = Array.from({ length: 1024 }, () => `eyJhbGciOiJIUzI1NiJ9.${randomBytes(12_000).toString("base64url").slice(0, 16_000 - 21)}`);
    const redactMany = liveRedactor([], () => tokens);
    const line = "eyJhbGciOiJIUzI1NiJ9.....".repeat(12_000);
    expect(withinComparisons(64 * line.length, () => redactMany(line))).toBe("[redacted]....".repeat(12_000));
  });

  // Compared with the forms at each place it has their first 8 characters, a line that repeats a credential repeating
  // itself would be compared over and over (a megabyte of "x" for a token of 16 000 of them, over a minute): it is matched
  // with each form on its own instead.
  it("seeks the pieces of a credential that repeats itself in a line that repeats it, with work in proportion to the line", () => {
    const run = `${"x".repeat(15_999)}y`;
    const line = `${run.repeat(64)}${"x".repeat(15_999)}…`;
    expect(withinComparisons(64 * line.length, () => liveRedactor([], () => ["x".repeat(16_000)])(line))).toBe(`[redacted]y${run.repeat(63)}[redacted]…`);
  });

  it("seeks the pieces of a credential holding a lone surrogate, which has no percent-encoding", () => {
    const password = "pass\ud800word-of-a-caller";
    expect(liveRedactor([], () => [password])(`'${password.slice(0, 12)}…'`)).toBe("'[redacted]…'");
  });

  it("leaves a piece shorter than 8 characters, and a start that is not cut off", () => {
    const text = `expected '${LONG_SECRET.slice(0, 7)}…' and ${LONG_SECRET.slice(0, 12)}-other-text`;
    expect(redact(text)).toBe(text);
  });
});

describe("the copy of the suite's output", () => {
  /** What `redactLines` copies of `reads`, each read on its own, with `secrets` (the client secret) redacted. */
  async function copied(reads: (string | Uint8Array)[], secrets = [SECRET]): Promise<string> {
    const [from, to] = [new PassThrough(), new PassThrough()];
    let out = "";
    to.setEncoding("utf8").on("data", (text: string) => (out += text));
    const done = redactLines(from, to, liveRedactor(secrets));
    for (const read of reads) {
      from.write(read);
      await new Promise(setImmediate);
    }
    from.end();
    await done;
    return out;
  }

  it("redacts a credential that the pipe split across two reads, once its line is whole", async () => {
    expect(await copied([`token ${SECRET.slice(0, 5)}`, `${SECRET.slice(5)} ok\nnext`])).toBe("token [redacted] ok\nnext");
  });

  it("redacts a credential that the pipe split across three reads with no line break before the output ends", async () => {
    expect(await copied([`token ${SECRET.slice(0, 9)}`, SECRET.slice(9, 18), `${SECRET.slice(18)} end`])).toBe("token [redacted] end");
  });

  it("redacts a credential whose UTF-8 bytes the pipe split inside a character", async () => {
    const secret = "pässwörd-of-the-stand-in";
    const bytes = new TextEncoder().encode(`token ${secret}\n`);
    // After the first of the two bytes of "ä".
    const inside = "token p".length + 1;
    expect(await copied([bytes.slice(0, inside), bytes.slice(inside)], [secret])).toBe("token [redacted]\n");
  });

  // All that waited for a line break was searched again at each read: a line of 50 MB took 22 s.
  it("searches each read for a line break once, not all of a long line that waits", async () => {
    const read = "a".repeat(16_384);
    const lastIndexOf = vi.spyOn(String.prototype, "lastIndexOf");
    let out: string;
    let searched: number[];
    try {
      out = await copied([...Array.from({ length: 64 }, () => read), "\n"]);
    } finally {
      searched = lastIndexOf.mock.calls.flatMap((args, call) => (args[0] === "\n" ? [String(lastIndexOf.mock.contexts[call]).length] : []));
      lastIndexOf.mockRestore();
    }
    expect(out).toBe(`${read.repeat(64)}\n`);
    expect(Math.max(...searched)).toBe(read.length);
  });
});

describe("the colours of the suite's output", () => {
  it("asks for them when contract:live prints to a terminal and neither NO_COLOR nor FORCE_COLOR is set", () => {
    expect(colourEnv(true, {})).toEqual({ FORCE_COLOR: "1" });
  });

  // tinyrainbow colours wherever TERM is not dumb, or CI is set, terminal or not: a run saved to a file was full of codes.
  it("turns them off when contract:live prints to no terminal and neither NO_COLOR nor FORCE_COLOR is set", () => {
    expect(colourEnv(false, {})).toEqual({ NO_COLOR: "1" });
  });

  it.each([
    ["NO_COLOR is set", true, { NO_COLOR: "1" }],
    ["FORCE_COLOR is set already", true, { FORCE_COLOR: "0" }],
    ["FORCE_COLOR is set and its output is no terminal", false, { FORCE_COLOR: "1" }],
  ])("leaves them to vitest when %s", (_, terminal, env) => {
    expect(colourEnv(terminal, env)).toEqual({});
  });
});
