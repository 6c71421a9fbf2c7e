import { describe, expect, it } from "vitest";
import { ApiConnectionError, ApiError, ApiUserAbortError, InvalidResponseError } from "../src/index.js";
import { BASE_URL, observedClient } from "./fixtures.js";
import { caught, json } from "./helpers.js";

const setup = observedClient;
const html = (status = 200) => new Response("<html><body>502 Bad Gateway</body></html>", { status, headers: { "Content-Type": "text/html; charset=utf-8" } });

/** A body of `chunks` chunks of 1 KiB, produced only when read; `produced()` tells how many were. */
function lazyBody(chunks: number) {
  let produced = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (produced === chunks) return controller.close();
        produced++;
        controller.enqueue(new Uint8Array(1024).fill(65));
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, produced: () => produced };
}

/** A body that sends `prefix` and then fails, as a connection reset in the middle of a response does. */
function brokenBody(prefix: string) {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(prefix));
      controller.error(new TypeError("terminated", { cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }) }));
    },
  });
}

describe("a 2xx JSON response whose body is not JSON", () => {
  it("is retried like a 500 on a GET and thrown as InvalidResponseError once the retries are used up", async () => {
    const { client, calls } = setup(() => html());
    const error = await caught(client.GET("/items", { params: { query: { page: 2 } } }));
    expect(calls).toHaveLength(3);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toBeInstanceOf(ApiError);
    const invalid = error as InvalidResponseError;
    expect(invalid.name).toBe("InvalidResponseError");
    expect(invalid.status).toBe(200);
    expect(invalid.method).toBe("GET");
    expect(invalid.url).toBe(`${BASE_URL}/items?page=2`);
    expect(invalid.body).toBe("<html><body>502 Bad Gateway</body></html>");
    expect(invalid.message).toBe(
      `GET ${BASE_URL}/items?page=2 returned 200 (text/html) with a body that is not JSON (treated as a server error, 3 attempts). ` +
        "The vendor or a proxy is failing: retry later; `body` holds its start.",
    );
  });

  it("on a GET succeeds when a retry gets JSON", async () => {
    const { client, calls } = setup((_, __, index) => (index === 0 ? html() : json([{ id: 1, name: "a" }])));
    const result = await client.GET("/items");
    expect(result.data).toEqual([{ id: 1, name: "a" }]);
    expect(calls).toHaveLength(2);
  });

  it("on a POST is thrown at once, since the server acted on the request", async () => {
    const { client, calls } = setup(() => html(201));
    const error = (await caught(client.POST("/items", { body: { name: "a" } }))) as InvalidResponseError;
    expect(calls).toHaveLength(1);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.status).toBe(201);
    expect(error.message).toBe(
      `POST ${BASE_URL}/items returned 201 (text/html) with a body that is not JSON (treated as a server error, 1 attempt). ` +
        "Not retried: the server may have acted on it; check before resending.",
    );
  });

  it("carries a short snippet with credentials redacted, never the query auth value in its URL", async () => {
    const page = `access_token=at-secret-1 ${"x".repeat(500)} query-secret-value`;
    const { client } = setup(() => new Response(page, { status: 200 }), {
      auth: { type: "query", name: "access_token", value: "query-secret-value" },
      maxRetries: 0,
    });
    const error = (await caught(client.GET("/items"))) as InvalidResponseError;
    expect(error.url).toBe(`${BASE_URL}/items?access_token=[redacted]`);
    expect(error.body).toMatch(/^access_token=\[redacted\] x+\.\.\.$/);
    expect((error.body as string).length).toBe(200);
    expect(error.message).toContain("returned 200 (text/plain) with a body that is not JSON (treated as a server error, 1 attempt)");
  });

  it("keeps out of its snippet the start of a credential that a run of whitespace pushes to the end of what is read", async () => {
    const page = `${" ".repeat(65_536 - 12)}query-secret-value<html>`;
    const { client } = setup(() => new Response(page, { status: 200 }), {
      auth: { type: "query", name: "access_token", value: "query-secret-value" },
      maxRetries: 0,
    });
    const error = (await caught(client.GET("/items"))) as InvalidResponseError;
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.body).not.toContain("query-secr");
    expect(error.body).toBe("[redacted]<html>");
  });

  // A credential cut off where the snippet's text was cut (it was cut at 64 KiB, then redacted) showed its start once
  // redacting the long credentials before it had shrunk those 64 KiB to a few dozen characters.
  it("keeps out of its snippet the start of a credential that falls across 64 KiB, after others echoed before it", async () => {
    const token = `tok-${"abcdefghij".repeat(1_599)}-end`;
    const page = `${token}${token}${token}${token}${token}<html>`;
    const { client } = setup(() => new Response(page, { status: 200 }), { auth: { type: "bearer", token }, maxRetries: 0 });
    const error = (await caught(client.GET("/items"))) as InvalidResponseError;
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.body).toBe("[redacted][redacted][redacted][redacted][redacted]<html>");
  });

  it("quotes no snippet of a body over 1 MiB, which would hold the event loop to redact", async () => {
    const { client } = setup(() => new Response(`<html>${"x".repeat(1 << 20)}`, { status: 200 }), { maxRetries: 0 });
    const error = (await caught(client.GET("/items"))) as InvalidResponseError;
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.body).toBeUndefined();
    // It said "`body` holds its start", of a body it had left out.
    expect(error.message).toBe(
      `GET ${BASE_URL}/items returned 200 (text/plain) with a body that is not JSON (treated as a server error, 1 attempt). ` +
        "The vendor or a proxy is failing: retry later; its body was over 1 MiB.",
    );
  });
});

describe("a 2xx JSON response that is JSON", () => {
  it("reaches openapi-fetch with its status, headers and URL unchanged", async () => {
    const { client } = setup(() => {
      const response = json([{ id: 1, name: "a" }], { status: 200, statusText: "Fine", headers: { "X-Total": "1" } });
      Object.defineProperty(response, "url", { value: `${BASE_URL}/items` });
      return response;
    });
    const result = await client.GET("/items");
    expect(result.data).toEqual([{ id: 1, name: "a" }]);
    expect(result.response.status).toBe(200);
    expect(result.response.statusText).toBe("Fine");
    expect(result.response.headers.get("x-total")).toBe("1");
    expect(result.response.headers.get("content-type")).toBe("application/json");
    expect(result.response.url).toBe(`${BASE_URL}/items`);
  });

  it("with an empty or blank body gives data undefined rather than an error", async () => {
    const { client, calls } = setup((_, __, index) => new Response(index === 0 ? "" : " \n", { status: 200 }));
    expect((await client.GET("/items")).data).toBeUndefined();
    expect((await client.GET("/items")).data).toBeUndefined();
    expect(calls).toHaveLength(2);
  });
});

describe("a 2xx to an operation the spec declares without content", () => {
  // The body is no part of the contract: a server that says "OK" or "Deleted" anyway has still done what was asked.
  it("with a body that is not JSON gives data undefined, not a SyntaxError, and sends once", async () => {
    const variants: Record<string, string>[] = [{ "Content-Type": "text/plain" }, { "Content-Type": "text/plain", "Content-Length": "7" }];
    for (const headers of variants) {
      const { client, calls } = setup(() => new Response("Deleted", { status: 200, headers }));
      const result = await client.DELETE("/items/{id}", { params: { path: { id: 1 } } });
      expect(result.data).toBeUndefined();
      expect(result.error).toBeUndefined();
      expect(result.response.status).toBe(200);
      expect(await result.response.text()).toBe("Deleted");
      expect(calls).toHaveLength(1);
    }
  });

  it("with an empty or blank body gives data undefined, as with a JSON one", async () => {
    for (const body of ["", " \n"]) {
      const { client } = setup(() => new Response(body, { status: 200 }));
      expect((await client.DELETE("/items/{id}", { params: { path: { id: 1 } } })).data).toBeUndefined();
    }
  });

  it("with a JSON body gives its value, as before", async () => {
    const { client } = setup(() => json({ deleted: true }));
    expect((await client.DELETE("/items/{id}", { params: { path: { id: 1 } } })).data).toEqual({ deleted: true });
  });

  it("with parseAs json, openapi-fetch's default named, the same: no SyntaxError quoting the body", async () => {
    const { client } = setup(() => new Response("bearer-secret-token", { status: 200 }));
    const result = await client.DELETE("/items/{id}", { params: { path: { id: 1 } }, parseAs: "json" });
    expect(result.data).toBeUndefined();
  });

  it("a failure other than the body not being JSON (a response an openapi-fetch middleware put in place, already read) still throws", async () => {
    const { client } = setup(() => new Response("Deleted", { status: 200 }));
    const used = new Response("x");
    await used.text();
    client.use({ onResponse: () => used });
    await expect(client.DELETE("/items/{id}", { params: { path: { id: 1 } } })).rejects.toThrow(TypeError);
  });

  it("with parseAs text gives the text, as the caller asked", async () => {
    const { client } = setup(() => new Response("Deleted", { status: 200 }));
    expect((await client.DELETE("/items/{id}", { params: { path: { id: 1 } }, parseAs: "text" })).data).toBe("Deleted");
  });
});

describe("responses left alone", () => {
  it("an error status without a body (a HEAD) reaches the caller with known credentials out of its reason phrase, like any other", async () => {
    const { client } = setup(() => new Response(null, { status: 500, statusText: "Bad bearer-secret-token" }), { maxRetries: 0 });
    const result = await client.HEAD("/items");
    expect(result.response.status).toBe(500);
    expect(result.response.statusText).toBe("Bad [redacted]");
  });

  it("an error status with an HTML body is returned as openapi-fetch's error, not thrown", async () => {
    const { client, calls } = setup(() => html(404));
    const result = await client.GET("/items");
    expect(result.response.status).toBe(404);
    expect(result.error).toBe("<html><body>502 Bad Gateway</body></html>");
    expect(calls).toHaveLength(1);
  });

  it("a binary download is not read by the transport: with parseAs stream the caller gets the unread stream", async () => {
    const body = lazyBody(200 * 1024);
    const { client } = setup(() => new Response(body.stream, { headers: { "Content-Type": "application/octet-stream" } }));
    const result = await client.GET("/files/{id}", { params: { path: { id: 1 } }, parseAs: "stream" });
    expect(result.data).toBeInstanceOf(ReadableStream);
    expect(body.produced()).toBe(0);
    const reader = (result.data as ReadableStream<Uint8Array>).getReader();
    expect((await reader.read()).value?.byteLength).toBe(1024);
    expect(body.produced()).toBe(1);
    await reader.cancel();
  });

  it("a binary download comes as a Blob by default, whatever its bytes", async () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);
    const { client, calls } = setup(() => new Response(bytes, { headers: { "Content-Type": "image/png" } }));
    const result = await client.GET("/files/{id}", { params: { path: { id: 1 } } });
    expect(result.data).toBeInstanceOf(Blob);
    expect(new Uint8Array(await (result.data as Blob).arrayBuffer())).toEqual(bytes);
    expect(calls).toHaveLength(1);
  });

  it("a text export comes as a string by default", async () => {
    const { client } = setup(() => new Response("id,name\n1,a\n", { headers: { "Content-Type": "text/csv" } }));
    expect((await client.GET("/exports.csv")).data).toBe("id,name\n1,a\n");
  });

  it("a JSON operation called with parseAs stream is not read first", async () => {
    const body = lazyBody(4);
    const { client } = setup(() => new Response(body.stream, { headers: { "Content-Type": "application/json" } }));
    const result = await client.GET("/items", { parseAs: "stream" });
    expect(result.data).toBeInstanceOf(ReadableStream);
    expect(body.produced()).toBe(0);
    await (result.data as ReadableStream).cancel();
  });
});

describe("a JSON body that breaks off while it is read", () => {
  it("is retried on a GET", async () => {
    const { client, calls } = setup((_, __, index) => (index === 0 ? new Response(brokenBody('[{"id":')) : json([])));
    expect((await client.GET("/items")).data).toEqual([]);
    expect(calls).toHaveLength(2);
  });

  it("on a POST throws ApiConnectionError saying it was not resent", async () => {
    const { client, calls } = setup(() => new Response(brokenBody('{"id":'), { status: 201 }));
    const error = (await caught(client.POST("/items", { body: { name: "a" } }))) as ApiConnectionError;
    expect(calls).toHaveLength(1);
    expect(error).toBeInstanceOf(ApiConnectionError);
    expect(error.status).toBe(201);
    expect(error.message).toContain(`POST ${BASE_URL}/items returned 201 but the connection failed while its body was read (1 attempt): terminated: other side closed: UND_ERR_SOCKET.`);
    expect(error.message).toContain("Not retried: the server may have acted on it");
  });

  it("cancelled by the caller rejects with ApiUserAbortError", async () => {
    const controller = new AbortController();
    const { client } = setup((request) => {
      const stream = new ReadableStream<Uint8Array>({
        start(stream) {
          stream.enqueue(new TextEncoder().encode("["));
          queueMicrotask(() => controller.abort());
          request.signal.addEventListener("abort", () => stream.error(request.signal.reason), { once: true });
        },
      });
      return new Response(stream);
    });
    expect(await caught(client.GET("/items", { signal: controller.signal }))).toBeInstanceOf(ApiUserAbortError);
  });
});
