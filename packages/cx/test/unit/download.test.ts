import { describe, expect, it } from "vitest";
import { createClient, downloadFile, filePath, ForbiddenError, InputError } from "../../src/index.js";
import { json, observedFetch } from "@apis/faults/observed-fetch";
import { ACCESS_TOKEN } from "../support/secrets.js";
import { caught } from "@apis/faults/leak-watch";
import { bad } from "@apis/faults/bad-input";

const auth = { type: "token", accessToken: ACCESS_TOKEN } as const;
const path = filePath("self", "/photos/2353.jpg");

describe("downloadFile", () => {
  it.each(["0x10", "1e3", "-1", "10.5"])("gives no size for a Content-Length of %j, which is no decimal count", async (declared) => {
    const cx = createClient({ auth, fetch: observedFetch(() => new Response("abc", { headers: { "content-length": declared } })).fetch });
    const download = await downloadFile(cx, path);
    await download.body.cancel();
    expect(download.size).toBeUndefined();
  });

  it("returns the file as a stream with its content type and size", async () => {
    const observed = observedFetch(() => new Response("jpeg bytes", { headers: { "content-type": "image/jpeg", "content-length": "10" } }));
    const cx = createClient({ auth, fetch: observed.fetch });
    const data = await downloadFile(cx, path);
    expect(data.contentType).toBe("image/jpeg");
    expect(data.size).toBe(10);
    expect(await new Response(data.body).text()).toBe("jpeg bytes");
    expect(observed.requests[0]?.url).toBe(`https://data.cx.com/1/data/self:%2Fphotos%2F2353.jpg?access_token=${ACCESS_TOKEN}`);
  });

  it("gives no size for a compressed body, whose Content-Length counts the compressed bytes, not those the body yields", async () => {
    const headers = { "content-type": "text/csv", "content-length": "29", "content-encoding": "gzip" };
    const observed = observedFetch(() => new Response("a,b\n1,2\n", { headers }));
    const data = await downloadFile(createClient({ auth, fetch: observed.fetch }), path);
    expect(data.size).toBeUndefined();
    expect(await new Response(data.body).text()).toBe("a,b\n1,2\n");
  });

  // A browser hides a cross-origin response's Content-Encoding unless the server lists it in
  // Access-Control-Expose-Headers, but not its Content-Length: Chromium gave the size of a gzip body as its compressed
  // length (75 for a 9000-byte file). Node's fetch makes no "cors" response, so the type is set by hand.
  it("gives no size for a browser's cross-origin response, which hides whether the body was compressed", async () => {
    const cors = () => Object.defineProperty(new Response("a,b\n1,2\n", { headers: { "content-length": "5" } }), "type", { value: "cors" });
    const data = await downloadFile(createClient({ auth, fetch: observedFetch(cors).fetch }), path);
    expect(data.size).toBeUndefined();
    expect(await new Response(data.body).text()).toBe("a,b\n1,2\n");
  });

  it("takes null options as left out", async () => {
    const observed = observedFetch(() => new Response("jpeg bytes", { headers: { "content-type": "image/jpeg" } }));
    const data = await downloadFile(createClient({ auth, fetch: observed.fetch }), path, bad<{ signal?: AbortSignal }>(null));
    expect(await new Response(data.body).text()).toBe("jpeg bytes");
    expect(observed.requests).toHaveLength(1);
  });

  it("resolves as soon as the headers arrive, before the body has been sent, so nothing is buffered", async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(new TextEncoder().encode("first chunk;"));
        await released;
        controller.enqueue(new TextEncoder().encode("second chunk"));
        controller.close();
      },
    });
    const cx = createClient({ auth, fetch: observedFetch(() => new Response(body)).fetch });
    const data = await downloadFile(cx, path);
    const reader = data.body.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("first chunk;");
    release();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("second chunk");
    expect((await reader.read()).done).toBe(true);
  });

  it("returns an empty stream for an empty file", async () => {
    const cx = createClient({ auth, fetch: observedFetch(() => new Response(null, { headers: { "content-length": "0" } })).fetch });
    const data = await downloadFile(cx, path);
    expect(data.size).toBe(0);
    expect(await new Response(data.body).text()).toBe("");
  });

  it("throws a ForbiddenError carrying CX's error body when the file cannot be read", async () => {
    const cx = createClient({ auth, fetch: observedFetch(() => json({ errorType: "AccessDenied", message: "User does not have access to resource" }, 403)).fetch });
    const error = await downloadFile(cx, path).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((error as ForbiddenError).status).toBe(403);
    expect((error as ForbiddenError).body).toEqual({ errorType: "AccessDenied", message: "User does not have access to resource" });
  });

  it("rejects a malformed file path with an InputError before any request", async () => {
    const observed = observedFetch(() => new Response("x"));
    const error = await caught(downloadFile(createClient({ auth, fetch: observed.fetch }), "self:%2F..%2Fetc"));
    expect(error).toBeInstanceOf(InputError);
    expect(observed.requests).toHaveLength(0);
  });
});
