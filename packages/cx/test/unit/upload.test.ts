import { appendFileSync, mkdtempSync, openAsBlob, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { afterEach, describe, expect, it } from "vitest";
import { asInBun } from "@apis/faults/bun-blob";
import { createClient, downloadFile, filePath, InputError, InvalidResponseError, uploadFile, type UploadOptions } from "../../src/index.js";
import { json, observedFetch } from "@apis/faults/observed-fetch";
import { ACCESS_TOKEN } from "../support/secrets.js";
import { caught } from "@apis/faults/leak-watch";
import { bad } from "@apis/faults/bad-input";

const METADATA = { id: "ZdvTGn0mEeG34xIFOBql1A", version: 1, name: "2353.jpg", size: 5, isDir: false };

function setup() {
  const observed = observedFetch(() => json(METADATA));
  const cx = createClient({ auth: { type: "token", accessToken: ACCESS_TOKEN }, fetch: observed.fetch });
  return { cx, observed };
}

const tempDirs: string[] = [];
afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A path named 2353.jpg in a folder of its own, removed after the test. */
function tempPath(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return join(dir, "2353.jpg");
}

/** The multipart body a request carried, parsed as a server would. */
async function formOf(request: Request, body: string | undefined): Promise<FormData> {
  return new Response(body, { headers: { "content-type": request.headers.get("content-type")! } }).formData();
}

describe("a raw multipart call (POST /data/{filePath})", () => {
  it("rejects, and the process goes on, when a Blob from fs.openAsBlob cannot be read because its file changed", async () => {
    const path = tempPath("cx-raw-upload-");
    writeFileSync(path, "hello");
    const blob = await openAsBlob(path, { type: "image/jpeg" });
    // A file-backed Blob whose file changed after it was opened can no longer be read (NotReadableError).
    appendFileSync(path, " and more");
    const { cx } = setup();
    // Node's FormData lets that error escape as an unhandled rejection, which ends the process, and never settles the call.
    const outcome = await Promise.race([
      cx
        .POST("/data/{filePath}", { params: { path: { filePath: filePath("self", "/photos/2353.jpg") } }, body: { file: blob, file_content_type: "image/jpeg" } })
        .then(() => "resolved", (error: unknown) => error),
      new Promise((resolve) => setTimeout(() => resolve("still pending"), 20_000)),
    ]);
    expect(outcome).toBeInstanceOf(Error);
    expect(String(outcome)).toMatch(/could not be read/);
  }, 30_000);

  it("sends its body as multipart with the fields and the file's name and type", async () => {
    const { cx, observed } = setup();
    const file = new File(["hello"], "2353.jpg", { type: "image/jpeg" });
    await cx.POST("/data/{filePath}", { params: { path: { filePath: filePath("self", "/photos/2353.jpg") } }, body: { file, file_content_type: "image/jpeg" } });
    const form = await formOf(observed.requests[0]!, observed.bodies[0]);
    expect(form.get("file_content_type")).toBe("image/jpeg");
    const part = form.get("file") as File;
    expect([part.name, part.type, await part.text()]).toEqual(["2353.jpg", "image/jpeg", "hello"]);
  });
});

describe("uploadFile", () => {
  it("posts a Blob to the data host as multipart file + file_content_type, named after the path", async () => {
    const { cx, observed } = setup();
    const data = await uploadFile(cx, filePath("self", "/photos/2353.jpg"), new Blob(["hello"], { type: "image/jpeg" }));
    expect(data).toEqual(METADATA);
    const request = observed.requests[0]!;
    expect(`${request.method} ${request.url}`).toBe(`POST https://data.cx.com/1/data/self:%2Fphotos%2F2353.jpg?access_token=${ACCESS_TOKEN}`);
    const form = await formOf(request, observed.bodies[0]);
    expect(form.get("file_content_type")).toBe("image/jpeg");
    const file = form.get("file") as File;
    expect(file.name).toBe("2353.jpg");
    expect(await file.text()).toBe("hello");
  });

  it("defaults file_content_type to application/octet-stream for a Blob without a type, and takes text", async () => {
    const { cx, observed } = setup();
    await uploadFile(cx, filePath("self", "/a.bin"), new Blob([new Uint8Array([1, 2, 3])]));
    await uploadFile(cx, filePath("self", "/notes.txt"), "some notes", { contentType: "text/plain; charset=utf-8", filename: "n.txt" });
    const [binary, text] = await Promise.all(observed.requests.map((request, index) => formOf(request, observed.bodies[index])));
    expect(binary?.get("file_content_type")).toBe("application/octet-stream");
    expect(text?.get("file_content_type")).toBe("text/plain; charset=utf-8");
    expect((text?.get("file") as File).name).toBe("n.txt");
    expect(await (text?.get("file") as File).text()).toBe("some notes");
  });

  it("takes null options as left out: named after the path, typed from the Blob", async () => {
    const { cx, observed } = setup();
    const data = await uploadFile(cx, filePath("self", "/photos/2353.jpg"), new Blob(["hello"], { type: "image/jpeg" }), bad<UploadOptions>(null));
    expect(data).toEqual(METADATA);
    expect(observed.requests).toHaveLength(1);
    const form = await formOf(observed.requests[0]!, observed.bodies[0]);
    expect(form.get("file_content_type")).toBe("image/jpeg");
    expect((form.get("file") as File).name).toBe("2353.jpg");
  });

  it("rejects, and sends nothing, when a Blob from fs.openAsBlob cannot be read because its file changed", async () => {
    const path = tempPath("cx-upload-");
    writeFileSync(path, "hello");
    const blob = await openAsBlob(path, { type: "image/jpeg" });
    // A file-backed Blob whose file changed after it was opened can no longer be read (NotReadableError).
    appendFileSync(path, " and more");
    const { cx, observed } = setup();
    // Node's FormData lets that error escape as an unhandled rejection, which ends the process, and never settles the read.
    const outcome = await Promise.race([
      uploadFile(cx, filePath("self", "/photos/2353.jpg"), blob).then(() => "resolved", (error: unknown) => error),
      new Promise((resolve) => setTimeout(() => resolve("still pending"), 5000)),
    ]);
    expect((outcome as Error).name).toBe("NotReadableError");
    expect(observed.requests).toHaveLength(0);
  });

  it("sends the bytes of a file in Bun, whose Blob made of a file and other parts leaves the file out", async () => {
    const path = tempPath("cx-upload-");
    writeFileSync(path, "hello");
    const file = await openAsBlob(path, { type: "image/jpeg" });
    const { cx, observed } = setup();
    await asInBun(file, () => uploadFile(cx, filePath("self", "/photos/2353.jpg"), file));
    const form = await formOf(observed.requests[0]!, observed.bodies[0]);
    expect(await (form.get("file") as File).text()).toBe("hello");
  });

  it("sends a Blob, bytes and text as a multipart body written as a stream's is, the part typed as file_content_type", async () => {
    const { cx, observed } = setup();
    await uploadFile(cx, filePath("self", "/a.csv"), new Blob(["a,b"], { type: "text/plain" }), { contentType: "text/csv" });
    await uploadFile(cx, filePath("self", "/b.bin"), new Uint8Array([104, 105]));
    for (const request of observed.requests) expect(request.headers.get("content-type")).toMatch(/^multipart\/form-data; boundary=----apis-\d+$/);
    const [csv, bytes] = await Promise.all(observed.requests.map((request, index) => formOf(request, observed.bodies[index])));
    expect(csv?.get("file_content_type")).toBe("text/csv");
    expect((csv?.get("file") as File).type).toBe("text/csv");
    expect(await (csv?.get("file") as File).text()).toBe("a,b");
    expect((bytes?.get("file") as File).name).toBe("b.bin");
    expect(await (bytes?.get("file") as File).text()).toBe("hi");
  });

  it("sends any view of an ArrayBuffer (a DataView, an Int16Array, part of a Buffer) as the bytes it views", async () => {
    const { cx, observed } = setup();
    const bytes = new TextEncoder().encode("..WXYZ");
    await uploadFile(cx, filePath("self", "/a.bin"), new DataView(bytes.buffer, 2));
    await uploadFile(cx, filePath("self", "/b.bin"), new Int16Array([0x4241, 0x4443]));
    await uploadFile(cx, filePath("self", "/c.bin"), Buffer.from("QRST").subarray(1, 3));
    const forms = await Promise.all(observed.requests.map((request, index) => formOf(request, observed.bodies[index])));
    // An Int16Array's bytes as they lie in memory: little-endian on every platform Node and the browsers run on.
    expect(await Promise.all(forms.map((form) => (form.get("file") as File).text()))).toEqual(["WXYZ", "ABCD", "RS"]);
  });

  // Jest runs each test file in a vm context: an ArrayBuffer made there (a fetch's arrayBuffer(), a Buffer's) is no
  // instance of this realm's ArrayBuffer, and was refused as "a ArrayBuffer" that must be an ArrayBuffer.
  it("sends an ArrayBuffer from another realm (a vm context, as Jest runs tests in) as its bytes", async () => {
    const { cx, observed } = setup();
    const foreign = runInNewContext("new Uint8Array([86, 87, 88, 89]).buffer") as ArrayBuffer;
    expect(foreign instanceof ArrayBuffer).toBe(false);
    await uploadFile(cx, filePath("self", "/a.bin"), foreign);
    const form = await formOf(observed.requests[0]!, observed.bodies[0]);
    expect(await (form.get("file") as File).text()).toBe("VWXY");
  });

  it("sends a ReadableStream as a multipart body built from the stream, byte for byte", async () => {
    const { cx, observed } = setup();
    const chunks = [new TextEncoder().encode("part one, "), new TextEncoder().encode("part two")];
    const content = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next) controller.enqueue(next);
        else controller.close();
      },
    });
    const data = await uploadFile(cx, filePath("self", "/logs/app.log"), content, { contentType: "text/plain" });
    expect(data.id).toBe(METADATA.id);
    const request = observed.requests[0]!;
    expect(request.headers.get("content-type")).toMatch(/^multipart\/form-data; boundary=----apis-\d+$/);
    const form = await formOf(request, observed.bodies[0]);
    expect(form.get("file_content_type")).toBe("text/plain");
    expect((form.get("file") as File).name).toBe("app.log");
    expect(await (form.get("file") as File).text()).toBe("part one, part two");
  });

  // A stream's chunks were read as bytes by instanceof too: an ArrayBuffer chunk of another realm failed the upload.
  it("sends a stream's ArrayBuffer chunks, one of another realm (a vm context) too, as their bytes", async () => {
    const { cx, observed } = setup();
    const chunks: unknown[] = [new TextEncoder().encode("ab").buffer, runInNewContext("new Uint8Array([99, 100]).buffer")];
    const content = new ReadableStream({
      pull(controller) {
        if (chunks.length) controller.enqueue(chunks.shift());
        else controller.close();
      },
    });
    await uploadFile(cx, filePath("self", "/a.bin"), content as ReadableStream<Uint8Array>);
    const form = await formOf(observed.requests[0]!, observed.bodies[0]);
    expect(await (form.get("file") as File).text()).toBe("abcd");
  });

  // A transferred buffer (postMessage, structuredClone's transfer) is detached: the Blob of the body failed with the
  // platform's TypeError.
  it("refuses a detached ArrayBuffer, and a view of one, with an InputError on content, and sends nothing", async () => {
    const buffer = new ArrayBuffer(4);
    const view = new Uint8Array(new ArrayBuffer(4));
    structuredClone([buffer, view.buffer], { transfer: [buffer, view.buffer] });
    for (const content of [buffer, view]) {
      const { cx, observed } = setup();
      const error = await caught(uploadFile(cx, filePath("self", "/a.bin"), content));
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).field).toBe("content");
      expect((error as Error).message).toBe("content is a detached ArrayBuffer (transferred away) or a view of one");
      expect(observed.requests).toHaveLength(0);
    }
  });

  // The brand read by Object.prototype.toString can be forged: such an object was taken as bytes (its elements, or none).
  it("refuses an object that only calls itself an ArrayBuffer, as content and as a stream's chunk, and a Proxy of one", async () => {
    const forged = { [Symbol.toStringTag]: "ArrayBuffer", byteLength: 2, length: 2, 0: 104, 1: 105 };
    const proxied = new Proxy(new TextEncoder().encode("hi").buffer, {});
    for (const content of [forged, proxied]) {
      const { cx, observed } = setup();
      expect(await caught(uploadFile(cx, filePath("self", "/a.bin"), content as never))).toBeInstanceOf(InputError);
      const stream = new ReadableStream({ start: (controller) => (controller.enqueue(content), controller.close()) });
      expect(await caught(uploadFile(cx, filePath("self", "/b.bin"), stream as ReadableStream<Uint8Array>))).toMatchObject({ message: expect.stringMatching(/^An upload stream must yield bytes/) });
      expect(observed.bodies.join("")).not.toMatch(/\r\n\r\nhi\r\n/);
    }
  });

  it("escapes CR, LF and double quotes in a streamed upload's file name as browsers do (%0D, %0A, %22)", async () => {
    const { cx, observed } = setup();
    const content = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("x"));
        controller.close();
      },
    });
    await uploadFile(cx, filePath("self", "/a.txt"), content, { filename: 'say "hi"\r\nX-Evil: 1.txt' });
    expect(observed.bodies[0]).toContain('Content-Disposition: form-data; name="file"; filename="say %22hi%22%0D%0AX-Evil: 1.txt"\r\n');
  });

  it.each<[string, () => Parameters<typeof uploadFile>, string]>([
    ["an unencoded path", () => [undefined as never, "self:/a.jpg", new Blob(["x"])], "filePath"],
    ["a content type that is not a MIME type", () => [undefined as never, filePath("self", "/a.jpg"), new Blob(["x"]), { contentType: "jpeg" }], "contentType"],
    ["a content type with a line break", () => [undefined as never, filePath("self", "/a.jpg"), new Blob(["x"]), { contentType: "image/jpeg\r\nX-Evil: 1" }], "contentType"],
    ["an empty file name", () => [undefined as never, filePath("self", "/a.jpg"), new Blob(["x"]), { filename: "" }], "filename"],
  ])("rejects %s with an InputError before any request", async (_case, args, field) => {
    const { cx, observed } = setup();
    const [, path, content, options] = args();
    const error = await caught(uploadFile(cx, path, content, options));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe(field);
    expect(observed.requests).toHaveLength(0);
  });
});

// CX's own clients take an upload as done only when the answer has the stored file's id: a 2xx without it is no
// metadata, and must not reach the caller typed as one.
describe("uploadFile against a server that answers 2xx without the file's metadata", () => {
  it.each<[string, () => Response]>([
    ["JSON null", () => json(null)],
    ["an empty object", () => json({})],
    ["an empty id", () => json({ ...METADATA, id: "" })],
    ["a list", () => json([METADATA])],
    ["a CX error body", () => json({ errorType: "AccessDenied", message: "User does not have access to resource" })],
    ["a 204", () => new Response(null, { status: 204 })],
  ])("throws an InvalidResponseError for %s, from a Blob and from a stream", async (_case, answer) => {
    const cx = createClient({ auth: { type: "token", accessToken: ACCESS_TOKEN }, fetch: observedFetch(answer).fetch });
    for (const content of [new Blob(["x"]), new Blob(["x"]).stream()]) {
      const error = await caught(uploadFile(cx, filePath("self", "/a.bin"), content));
      expect(error).toBeInstanceOf(InvalidResponseError);
      expect((error as InvalidResponseError).message).toMatch(/^POST https:\/\/data\.cx\.com\/1\/data\/self:%2Fa\.bin\?access_token=\[redacted\] answered 20[04] without the stored file's id/);
    }
  });
});

// The platform's TypeError quoted what it was given as the signal (an options object, a secret and all), and a stream
// given as the content must stay unread for the call made right.
describe("uploadFile and downloadFile given a signal that is no AbortSignal", () => {
  it.each<[string, unknown]>([
    ["a signal-shaped object", { aborted: false }],
    ["the options object holding a client secret", { clientSecret: "cx-client-secret-9876" }],
    ["the AbortController itself", new AbortController()],
  ])("refuse %s with an InputError that quotes nothing, the content unread", async (_case, signal) => {
    const observed = observedFetch(() => json(METADATA));
    const cx = createClient({ auth: { type: "token", accessToken: ACCESS_TOKEN }, fetch: observed.fetch });
    const content = new Blob(["x"]).stream();
    for (const call of [
      () => uploadFile(cx, filePath("self", "/a.bin"), content, bad<UploadOptions>({ signal })),
      () => downloadFile(cx, filePath("self", "/a.bin"), bad<{ signal: AbortSignal }>({ signal })),
    ]) {
      const error = await caught(call());
      expect(error).toBeInstanceOf(InputError);
      expect(error).toMatchObject({ field: "signal", message: "signal must be an AbortSignal" });
      expect(JSON.stringify(error) + String(error)).not.toContain("cx-client-secret-9876");
    }
    expect(content.locked).toBe(false);
    expect(observed.requests).toHaveLength(0);
  });
});
