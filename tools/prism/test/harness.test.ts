import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createContractRecorder, operationMatcher, specOperations, startPrism, type PrismServer } from "../src/index.ts";

const spec = fileURLToPath(new URL("./fixtures/pets.yaml", import.meta.url));

describe("operationMatcher", () => {
  const match = operationMatcher(specOperations(spec));

  it("prefers a literal path segment over a templated one", () => {
    expect(match("GET", "/pets/search")?.operationId).toBe("searchPets");
    expect(match("GET", "/pets/42")?.operationId).toBe("getPet");
  });

  it("matches nothing for an unknown method or path", () => {
    expect(match("DELETE", "/pets/42")).toBeUndefined();
    expect(match("GET", "/owners/1")).toBeUndefined();
  });
});

describe("a contract recorder in front of Prism", () => {
  let prism: PrismServer;
  beforeAll(async () => {
    prism = await startPrism(spec);
  });
  afterAll(async () => {
    await prism.stop();
  });

  it("counts an operation as covered only after a request Prism accepted", async () => {
    const recorder = createContractRecorder(spec);
    const response = await recorder.fetch(`${prism.url}/pets/7`);
    expect(response.status).toBe(200);
    expect(recorder.violations()).toEqual([]);
    expect(recorder.uncovered().map((operation) => operation.operationId)).toEqual(["searchPets"]);
  });

  it("reports the violation when Prism rejects a request", async () => {
    const recorder = createContractRecorder(spec);
    const response = await recorder.fetch(`${prism.url}/pets/search?limit=11`);
    expect(response.status).toBe(422);
    expect(recorder.violations()).toHaveLength(1);
    expect(recorder.violations()[0]?.violations.join()).toContain("limit");
    expect(recorder.uncovered().map((operation) => operation.operationId)).toContain("searchPets");
  });

  it("reports a request to a path the spec does not have", async () => {
    const recorder = createContractRecorder(spec);
    await recorder.fetch(`${prism.url}/owners/1`);
    expect(recorder.violations()[0]?.operation).toBeUndefined();
  });
});

describe("a contract recorder whose connection the server closes before answering", () => {
  // The first request on each connection is dropped without a byte of answer, as Prism does to an idle keep-alive
  // socket that a request is just being written to; the next one is answered.
  let server: Server;
  let url: string;
  let received: string[] = [];
  beforeAll(async () => {
    server = createServer((request, response) => {
      received.push(`${request.method} ${request.url}`);
      if (received.length === 1) return void request.socket.destroy();
      response.writeHead(200, { "content-type": "application/json" }).end('{"id":7,"name":"Rex"}');
    });
    await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => void server.close());

  it("sends the request once more to a mock, and records one exchange", async () => {
    received = [];
    const recorder = createContractRecorder(spec);
    const response = await recorder.fetch(`${url}/pets/7`);
    expect(response.status).toBe(200);
    expect(received).toEqual(["GET /pets/7", "GET /pets/7"]);
    expect(recorder.exchanges).toHaveLength(1);
  });

  it("sends a PUT once more when writing its body found the socket closed (EPIPE, as Node's fetch reports it)", async () => {
    // The server drops the first request it receives; here that one never reached it, so it answers the next.
    received = ["(the PUT whose write failed)"];
    let calls = 0;
    // What undici's fetch rejects with when the server closed the socket the body is written to.
    const epipeOnce: typeof fetch = (input, init) =>
      ++calls === 1 ? Promise.reject(new TypeError("fetch failed", { cause: Object.assign(new Error("write EPIPE"), { code: "EPIPE", errno: -32, syscall: "write" }) })) : fetch(input, init);
    const recorder = createContractRecorder(spec, epipeOnce);
    const response = await recorder.fetch(`${url}/pets/7`, { method: "PUT", body: '{"id":7,"name":"Rex"}', headers: { "content-type": "application/json" } });
    expect(response.status).toBe(200);
    expect(calls).toBe(2);
    expect(received).toEqual(["(the PUT whose write failed)", "PUT /pets/7"]);
    expect(recorder.exchanges).toHaveLength(1);
  });

  it("does not send a POST again in a live run, where the vendor may have acted on it", async () => {
    received = [];
    process.env.APIS_CONTRACT_LIVE = "1";
    try {
      const recorder = createContractRecorder(spec);
      await expect(recorder.fetch(`${url}/pets`, { method: "POST", body: "{}" })).rejects.toThrow(TypeError);
      expect(received).toEqual(["POST /pets"]);
    } finally {
      delete process.env.APIS_CONTRACT_LIVE;
    }
  });
});
