// What a live run's Prism proxy would hide, or do, on the vendor's behalf: follow a redirect to any host (sending a
// token request's client secret there again), answer a 501 with a mocked response (a made-up pass), or send a write
// in a read-only run. The gate between the proxy and the vendor (upstream-gate.ts) stops each, and the recorder
// reports it.
import { createServer, request, type IncomingMessage, type Server } from "node:http";
import { registeredApi } from "@apis/spec";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createContractRecorder } from "../src/recorder.ts";
import { startContractTarget, type ContractTarget } from "../src/target.ts";
import { GATE_BODY_BYTES, GATE_HEADER, startUpstreamGate, WRITE_NOT_SENT } from "../src/upstream-gate.ts";

const SECRET = "gate-client-secret-5d1c";

// What each stand-in received: the vendor, and a host the vendor redirects to; and how the vendor answers a GET.
const seen: { vendor: string[]; elsewhere: string[] } = { vendor: [], elsewhere: [] };
// (299: a 200 whose JSON does not parse; 307: a redirect to another host.)
let getStatus = 200;
let vendor: Server;
let elsewhere: Server;
let target: ContractTarget;

async function listen(server: Server): Promise<string> {
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  let text = "";
  for await (const chunk of request) text += chunk;
  return text;
}

beforeAll(async () => {
  elsewhere = createServer(async (request, response) => {
    seen.elsewhere.push(`${request.method} ${request.url} ${await bodyOf(request)}`);
    response.writeHead(200, { "content-type": "application/json" }).end('{"access_token":"stolen","token_type":"bearer"}');
  });
  const away = await listen(elsewhere);
  vendor = createServer(async (request, response) => {
    seen.vendor.push(`${request.method} ${request.url} ${await bodyOf(request)}`);
    if (getStatus === 307) response.writeHead(307, { location: `${away}/steal?from=vendor` }).end();
    else if (getStatus === 501) response.writeHead(501, { "content-type": "text/plain" }).end("Not Implemented");
    else if (getStatus === 299) response.writeHead(200, { "content-type": "application/json" }).end("<html>oops, not JSON</html>");
    else response.writeHead(200, { "content-type": "application/json" }).end('{"id":"u-1","name":"Ana"}');
  });
  vi.stubEnv("APIS_CONTRACT_LIVE", "1");
  vi.stubEnv("APIS_CONTRACT_UPSTREAM", await listen(vendor));
  target = await startContractTarget("cx");
}, 120_000);

afterEach(() => {
  getStatus = 200;
  seen.vendor.length = 0;
  seen.elsewhere.length = 0;
});

afterAll(async () => {
  await target?.stop();
  vi.unstubAllEnvs();
  vendor?.close();
  elsewhere?.close();
});

const recorder = () => createContractRecorder(registeredApi("cx").root);

it("follows no redirect of the vendor's: the credential in the query goes nowhere else, and the redirect is reported", async () => {
  getStatus = 307;
  const recording = recorder();
  const response = await recording.fetch(`${target.baseUrl}/users/self?access_token=${SECRET}`);
  await response.arrayBuffer();
  expect(seen.vendor).toHaveLength(1);
  expect(seen.elsewhere).toEqual([]);
  expect(recording.drift()).toEqual([
    { operation: "getCurrentUser (GET /users/self)", status: 307, field: "(response)", problem: expect.stringMatching(/^the vendor answered 307: a redirect to http:\/\/127\.0\.0\.1:\d+, not followed$/) },
  ]);
}, 60_000);

it("reports a 501, which Prism would have answered with its example (a made-up pass), and no example comes back", async () => {
  getStatus = 501;
  const recording = recorder();
  const response = await recording.fetch(`${target.baseUrl}/users/self?access_token=t0ken-1234`);
  expect(response.status).not.toBe(200);
  await response.arrayBuffer();
  expect(seen.vendor).toHaveLength(1);
  expect(recording.drift()).toEqual([
    { operation: "getCurrentUser (GET /users/self)", status: 501, field: "(response)", problem: "the vendor answered 501, which Prism would have answered with a mocked response" },
  ]);
}, 60_000);

// Prism answers it with a problem document of its own, a 500: the vendor's status is lost, not the operation.
it("reports an answer Prism could not read (JSON that does not parse) as drift, naming the operation", async () => {
  getStatus = 299;
  const recording = recorder();
  await (await recording.fetch(`${target.baseUrl}/users/self?access_token=t0ken-1234`)).arrayBuffer();
  expect(recording.drift()).toEqual([{ operation: "getCurrentUser (GET /users/self)", status: 500, field: "(body)", problem: expect.stringMatching(/^was not read by Prism: invalid json response body/) }]);
}, 60_000);

it("sends no write in a read-only run, and counts the attempt as the suite's violation", async () => {
  const recording = recorder();
  const response = await recording.fetch(`${target.baseUrl}/files/delete/self:%2Fa.txt?access_token=t0ken-1234`, { method: "POST" });
  await response.arrayBuffer();
  expect(seen.vendor).toEqual([]);
  expect(recording.violations().map((exchange) => exchange.violations)).toEqual([[expect.stringContaining("write not sent: a live run is read-only unless APIS_CONTRACT_LIVE_WRITES=1")]]);
  expect(recording.drift()).toEqual([]);
}, 60_000);

it("passes a read through as the vendor answered it", async () => {
  const recording = recorder();
  const response = await recording.fetch(`${target.baseUrl}/users/self?access_token=t0ken-1234`);
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ id: "u-1", name: "Ana" });
  expect(seen.vendor).toEqual(["GET /1/users/self?access_token=t0ken-1234 "]);
}, 60_000);

it("starts the mock in a live run when asked, for a test of what Prism refuses: the vendor gets none of its requests", async () => {
  const mock = await startContractTarget("cx", { mock: true });
  try {
    expect(mock.mode).toBe("mock");
    const response = await fetch(`${mock.baseUrl}/files/delete/self:%2Fa.txt?access_token=t0ken-1234`, { method: "POST" });
    await response.arrayBuffer();
    expect(seen.vendor).toEqual([]);
  } finally {
    await mock.stop();
  }
}, 60_000);

describe("the gate alone, before a vendor that records what it gets", () => {
  const spec = (api: string) => registeredApi(api).root;
  const got: string[] = [];
  let stand: Server;
  let origin: string;

  beforeAll(async () => {
    stand = createServer((request, response) => {
      got.push(`${request.method} ${request.url}`);
      if (request.url?.endsWith("?redirect=1")) return void response.writeHead(307, { location: "https://elsewhere.example/steal?secret=1" }).end();
      if (request.url === "/script") return void response.writeHead(302, { location: "javascript:alert(1)" }).end();
      if (request.url === "/endless") {
        // A chunked body that never ends: a chunk whenever the last one has gone, until the connection closes.
        response.writeHead(200, { "content-type": "application/json" });
        const more = () => response.write(`[${"0,".repeat(8191)}`) ? setImmediate(more) : response.once("drain", more);
        response.once("close", () => got.push("closed /endless"));
        return void more();
      }
      // A resource larger than the bound, asked with HEAD or answered unchanged (304): no body either way.
      if (request.url === "/large") return void response.writeHead(request.method === "HEAD" ? 200 : 304, { "content-length": String(2 ** 21) }).end();
      if (request.url === "/declared") return void response.writeHead(200, { "content-type": "application/json", "content-length": String(2 ** 21) }).end(" ".repeat(2 ** 21));
      if (request.url === "/stalls") {
        request.socket.once("close", () => got.push("closed /stalls"));
        return;
      }
      if (request.url === "/breaks-off") {
        // A length it does not keep, and the connection gone mid-body.
        response.writeHead(200, { "content-type": "application/json", "content-length": "100" });
        response.write('{"id":');
        setTimeout(() => response.socket?.destroy(), 50);
        return;
      }
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
    origin = await listen(stand);
  });

  afterEach(() => {
    got.length = 0;
  });

  afterAll(() => {
    stand?.close();
  });

  // Wootric's survey sends list an empty requirement among their schemes (the token in the form), which is no token
  // request; and a path that only ends like a token path is none either.
  it.each([
    ["wootric", "", "/v1/email_survey"],
    ["wootric", "", "/v1/email_survey_csv"],
    ["wootric", "", "/v1/end_users/1/oauth/token"],
    ["cx", "/1", "/1/files/delete/self:/oauth/token"],
    ["cx", "/1", "/1/oauth/token"],
    ["cmix-survey", "", "/surveys/1/access-token"],
  ])("sends no %s write in a read-only run (server path %j): POST %s", async (api, serverPath, path) => {
    const gate = await startUpstreamGate(spec(api), origin, serverPath, false);
    try {
      const response = await fetch(`${gate.url}${path}`, { method: "POST", body: "emails[]=customer@example.com" });
      expect(response.status).toBe(403);
      expect(response.headers.get(GATE_HEADER)).toBe("write not sent: a live run is read-only unless APIS_CONTRACT_LIVE_WRITES=1");
      expect(got).toEqual([]);
    } finally {
      await gate.stop();
    }
  });

  it.each([
    ["wootric", "", "/oauth/token"],
    ["cmix-auth", "", "/access-token"],
  ])("sends %s's token request in a read-only run (server path %j): POST %s, which needs no credentials", async (api, serverPath, path) => {
    const gate = await startUpstreamGate(spec(api), origin, serverPath, false);
    try {
      expect((await fetch(`${gate.url}${path}`, { method: "POST", body: "grant_type=password" })).status).toBe(200);
      expect(got).toEqual([`POST ${path}`]);
    } finally {
      await gate.stop();
    }
  });

  it("follows no redirect of a token request (Prism's fetch would send the client secret there again)", async () => {
    const gate = await startUpstreamGate(spec("wootric"), origin, "", false);
    try {
      const response = await fetch(`${gate.url}/oauth/token?redirect=1`, { method: "POST", body: `grant_type=client_credentials&client_secret=${SECRET}` });
      expect(response.status).toBe(502);
      expect(response.headers.get(GATE_HEADER)).toBe("307: a redirect to https://elsewhere.example, not followed");
      expect(got).toEqual(["POST /oauth/token?redirect=1"]);
    } finally {
      await gate.stop();
    }
  });

  it("gives up the vendor's request when the proxy gives up its own, not when the gate stops", async () => {
    const gate = await startUpstreamGate(spec("cx"), origin, "/1", false);
    try {
      const given = new AbortController();
      const asked = fetch(`${gate.url}/stalls`, { signal: given.signal }).catch(() => "given up");
      await vi.waitFor(() => expect(got).toEqual(["GET /stalls"]), { timeout: 10_000 });
      given.abort();
      expect(await asked).toBe("given up");
      await vi.waitFor(() => expect(got).toEqual(["GET /stalls", "closed /stalls"]), { timeout: 10_000 });
    } finally {
      await gate.stop();
    }
  }, 30_000);

  it("reports a body that breaks off, with the vendor's status, where Prism would have lost the status", async () => {
    const gate = await startUpstreamGate(spec("cx"), origin, "/1", false);
    try {
      const response = await fetch(`${gate.url}/breaks-off`);
      expect(response.status).toBe(502);
      expect(response.headers.get(GATE_HEADER)).toMatch(/^200: a body that broke off \(TypeError: terminated/);
    } finally {
      await gate.stop();
    }
  });

  // An endless body is read up to the bound and its connection let go; one declared over the bound is not read at all.
  it.each([
    ["/endless", `200: a body over ${2 ** 20} bytes, more than the gate reads, not read`, ["GET /endless", "closed /endless"]],
    ["/declared", `200: a body of ${2 ** 21} bytes, more than the gate reads (${2 ** 20}), not read`, ["GET /declared"]],
  ])("reports a body over its bound (GET %s) and keeps none of it", async (path, reported, seenThere) => {
    const gate = await startUpstreamGate(spec("cx"), origin, "/1", false, 2 ** 20);
    try {
      const response = await fetch(`${gate.url}${path}`);
      expect(response.status).toBe(502);
      expect(response.headers.get(GATE_HEADER)).toBe(reported);
      await vi.waitFor(() => expect(got).toEqual(seenThere), { timeout: 10_000 });
    } finally {
      await gate.stop();
    }
  });

  // Found by a review: the length a HEAD's or a 304's headers declare is the resource's, with no body sent; the gate
  // answered 502 "more than the gate reads" for any resource past the bound.
  it.each(["HEAD", "GET"])("passes on a %s answered without a body whatever length its headers declare", async (method) => {
    const gate = await startUpstreamGate(spec("cx"), origin, "/1", false, 2 ** 20);
    try {
      const response = await fetch(`${gate.url}/large`, { method });
      expect([response.status, response.headers.get(GATE_HEADER)]).toEqual([method === "HEAD" ? 200 : 304, null]);
    } finally {
      await gate.stop();
    }
  });

  it("reads 128 MiB at most unless told, the clients' own default bound", () => {
    expect(GATE_BODY_BYTES).toBe(134_217_728);
  });

  it("names the scheme of a redirect to a URL of no host, not its origin (null)", async () => {
    const gate = await startUpstreamGate(spec("cx"), origin, "/1", false);
    try {
      const response = await fetch(`${gate.url}/script`);
      expect(response.headers.get(GATE_HEADER)).toBe("302: a redirect to a javascript: URL, not followed");
    } finally {
      await gate.stop();
    }
  });

  // A server that reads the method from a header or a _method parameter would carry out such a GET as a DELETE.
  // (Wootric's token request is a POST the gate sends in a read-only run.)
  it.each([
    ["cx", "GET", "/1/users/self", { "x-http-method-override": "DELETE" }, undefined],
    ["cx", "GET", "/1/users/self", { "X-HTTP-Method": "patch" }, undefined],
    ["cx", "GET", "/1/users/self", { "x-method-override": "PUT" }, undefined],
    ["cx", "GET", "/1/users/self?_method=delete", {}, undefined],
    ["wootric", "POST", "/oauth/token", { "content-type": "application/x-www-form-urlencoded" }, "grant_type=password&_method=DELETE"],
    ["wootric", "POST", "/oauth/token?_method=DELETE", {}, "grant_type=password"],
    ["wootric", "POST", "/oauth/token", { "x-http-method-override": "DELETE" }, "grant_type=password"],
    // A media type is case-insensitive, and Rack (Wootric's Rails) reads _method from a multipart form as from a urlencoded one.
    ["wootric", "POST", "/oauth/token", { "content-type": "Application/X-WWW-Form-URLEncoded" }, "grant_type=password&_method=DELETE"],
    ["wootric", "POST", "/oauth/token", {}, (() => {
      const form = new FormData();
      form.append("grant_type", "password");
      form.append("_method", "DELETE");
      return form;
    })()],
  ])("sends no %s %s %s that overrides its method with a write in a read-only run (%j)", async (api, method, path, headers, body) => {
    const gate = await startUpstreamGate(spec(api), origin, api === "cx" ? "/1" : "", false);
    try {
      const response = await fetch(`${gate.url}${path}`, { method, headers, body });
      expect(response.status).toBe(403);
      expect(response.headers.get(GATE_HEADER)).toBe(WRITE_NOT_SENT);
      expect(got).toEqual([]);
    } finally {
      await gate.stop();
    }
  });

  // Rack reads a POST that names no media type as a urlencoded form (fetch always names one, so node:http sends it).
  it("sends no token request whose body, of no media type, overrides its method with a write in a read-only run", async () => {
    const gate = await startUpstreamGate(spec("wootric"), origin, "", false);
    try {
      const status = await new Promise<number | undefined>((answered, failed) => {
        const sent = request(`${gate.url}/oauth/token`, { method: "POST" }, (response) => answered(response.resume().statusCode));
        sent.once("error", failed).end("grant_type=password&_method=DELETE");
      });
      expect(status).toBe(403);
      expect(got).toEqual([]);
    } finally {
      await gate.stop();
    }
  });

  it("sends a request whose override names a read, and any override when writes are on", async () => {
    const readOnly = await startUpstreamGate(spec("cx"), origin, "/1", false);
    const writing = await startUpstreamGate(spec("cx"), origin, "/1", true);
    try {
      expect((await fetch(`${readOnly.url}/1/users/self`, { headers: { "x-http-method-override": "GET" } })).status).toBe(200);
      expect((await fetch(`${writing.url}/1/users/self`, { headers: { "x-http-method-override": "DELETE" } })).status).toBe(200);
      expect(got).toEqual(["GET /1/users/self", "GET /1/users/self"]);
    } finally {
      await readOnly.stop();
      await writing.stop();
    }
  });
});
