import { describe, expect, it } from "vitest";
import { asInBun } from "@apis/faults/bun-blob";
import { createApiClient, defineVendorClient, multipart, multipartBody, noneAuthorizer, toMultipartFormData, type OperationTable } from "../src/index.js";
import { BASE_URL, observedClient, operations } from "./fixtures.js";
import { caught, json } from "./helpers.js";

// Every kind of field a multipart body carries: nested and listed text, line breaks in names and values, a quote in a
// name and a file name, a File, bare Blobs with and without a type.
function fields() {
  return {
    title: "Q3\nreport\r\nend\r",
    'say "hi"\n': "x",
    meta: { tags: ["a", "b"], on: true, count: 7 },
    file: new File(["a,b\n1,2\n"], 'rows "1".csv', { type: "text/csv" }),
    bare: new Blob([new Uint8Array([0, 1, 2, 255])]),
    typed: new Blob(["{}"], { type: "application/json" }),
  };
}

/** What Node's FormData writes for the same object, and its boundary. */
async function formDataWire(value: Record<string, unknown>): Promise<{ text: string; boundary: string }> {
  const response = new Response(toMultipartFormData(value));
  const boundary = /boundary=(.+)$/.exec(response.headers.get("content-type")!)![1]!;
  return { text: await response.text(), boundary };
}

describe("a multipart operation's body", () => {
  it("is written as FormData writes it, byte for byte but the boundary, as a Blob typed with its boundary", async () => {
    const { client, calls } = observedClient(() => json({ ok: true }));
    await client.POST("/uploads", { body: fields() as never });
    const contentType = calls[0]!.headers.get("content-type")!;
    expect(contentType).toMatch(/^multipart\/form-data; boundary=----apis-\d+$/);
    const boundary = contentType.slice(contentType.indexOf("=") + 1);
    const expected = await formDataWire(fields());
    expect(calls[0]!.body.replaceAll(boundary, expected.boundary)).toBe(expected.text);
  });

  it("parses back to the same fields, file names, types and contents as FormData's body", async () => {
    const parse = async (response: Response) => {
      const entries = [];
      for (const [key, value] of await response.formData()) {
        entries.push(typeof value === "string" ? [key, value] : [key, value.name, value.type, new Uint8Array(await value.arrayBuffer())]);
      }
      return entries;
    };
    const body = multipartBody(fields());
    const parsed = await parse(new Response(body, { headers: { "content-type": (body as Blob).type } }));
    expect(parsed).toEqual(await parse(new Response(toMultipartFormData(fields()))));
    expect(parsed.map((entry) => entry.slice(0, 3))).toEqual([
      ["title", "Q3\r\nreport\r\nend\r\n"],
      ['say "hi"\r\n', "x"],
      ["meta[on]", "true"],
      ["meta[count]", "7"],
      ["meta[tags][]", "a"],
      ["meta[tags][]", "b"],
      ["file", 'rows "1".csv', "text/csv"],
      ["bare", "blob", "application/octet-stream"],
      ["typed", "blob", "application/json"],
    ]);
  });

  // multipart() is exported: a caller's own content type went into the part's header as it was, so a line break in it
  // ended the header there and wrote the rest as headers or content of the caller's choosing.
  it("writes a part's content type with CR and LF percent-encoded, as its file name's, so that it stays one header line", async () => {
    const { pieces, type } = multipart([["file", "x", "a.txt", "text/plain\r\nX-Injected: 1\r\n\r\nforged"]]);
    const text = await new Blob(pieces, { type }).text();
    expect(text).toContain('filename="a.txt"\r\nContent-Type: text/plain%0D%0AX-Injected: 1%0D%0A%0D%0Aforged\r\n\r\nx\r\n');
    expect(text).not.toMatch(/^X-Injected/m);
  });

  it("names a bare Blob's part by nameOf, and a File's by its own name", async () => {
    const body = multipartBody({ a: new Blob(["x"]), b: new File(["y"], "b.txt") }, (key) => `${key}.bin`);
    const parsed = await new Response(body, { headers: { "content-type": (body as Blob).type } }).formData();
    expect([(parsed.get("a") as File).name, (parsed.get("b") as File).name]).toEqual(["a.bin", "b.txt"]);
  });

  it("is a FormData in Bun, whose Blob made of a file and other parts leaves the file out, so the file is still sent", async () => {
    const file = new File(["hello"], "a.csv", { type: "text/csv" });
    const { client, calls } = observedClient(() => json({ ok: true }));
    await asInBun(file, () => client.POST("/uploads", { body: { title: "Q3", file } as never }));
    const parsed = await new Response(calls[0]!.body, { headers: { "content-type": calls[0]!.headers.get("content-type")! } }).formData();
    expect([parsed.get("title"), await (parsed.get("file") as File).text(), (parsed.get("file") as File).name]).toEqual(["Q3", "hello", "a.csv"]);
  });

  it("keeps a FormData of the caller's as it is", async () => {
    const { client, calls } = observedClient(() => json({ ok: true }));
    const form = new FormData();
    form.append("file", new Blob(["x"]), "named.csv");
    await client.POST("/uploads", { body: form as never });
    expect(calls[0]!.headers.get("content-type")).toMatch(/^multipart\/form-data; boundary=-+formdata-undici-/);
    expect(calls[0]!.body).toContain('filename="named.csv"');
  });

  it("goes with its boundary, and a form body as a form, when the call's Content-Type header is left undefined", async () => {
    const { client, calls } = observedClient(() => json({ ok: true }));
    // A header left undefined is none, as openapi-fetch reads it (e.g. { "Content-Type": options.contentType }).
    await client.POST("/uploads", { body: { file: new Blob(["x"]) }, headers: { "Content-Type": undefined } });
    await client.POST("/uploads", { body: { file: new Blob(["x"]) }, headers: { "content-type": undefined } });
    await client.POST("/forms", { body: { a: "1" }, headers: { "Content-Type": undefined } });
    expect(calls.map((call) => call.headers.get("content-type"))).toEqual([
      expect.stringMatching(/^multipart\/form-data; boundary=----apis-\d+$/),
      expect.stringMatching(/^multipart\/form-data; boundary=----apis-\d+$/),
      "application/x-www-form-urlencoded",
    ]);
  });

  it("is written by the client's multipart option when createApiClient is given one, and a multipart option that is no function is refused", async () => {
    const { client, calls } = observedClient(() => json({ ok: true }), { multipart: () => "custom body" });
    await client.POST("/uploads", { body: { file: new Blob(["x"]) } });
    expect(calls[0]!.body).toBe("custom body");
    expect(() => createApiClient({ baseUrl: BASE_URL, operations, auth: { type: "none" }, multipart: "form" as never })).toThrow(/multipart must be a function/);
  });
});

describe("a vendor client without a multipart encoder", () => {
  const table = {
    "/uploads": { post: { requestBody: "multipart", response: "json" } },
    "/items": { get: { response: "json" } },
  } as const satisfies OperationTable;
  const sent: Request[] = [];
  const createClient = defineVendorClient<{}, { auth: { type: "none" }; fetch?: typeof fetch }>({
    operations: table,
    hosts: { baseUrl: { default: "https://api.example.com" } },
    auth: { none: { none: () => ({ type: "none" }) } },
    authorizers: { none: noneAuthorizer },
    authExample: '{ type: "none" }',
  });
  const client = createClient({ auth: { type: "none" }, fetch: async (request: RequestInfo | URL) => (sent.push(request as Request), Response.json({ ok: true })) }) as unknown as {
    POST(path: string, init: object): Promise<{ data?: unknown }>;
  };

  it("refuses a multipart call with a TypeError naming the missing encoder, and sends nothing", async () => {
    const error = await caught(client.POST("/uploads", { body: { file: new Blob(["x"]) } }));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(/multipart is not a function/);
    expect(sent).toHaveLength(0);
  });

  it("still sends a FormData of the caller's, or a body its bodySerializer writes", async () => {
    const form = new FormData();
    form.append("a", "1");
    await client.POST("/uploads", { body: form });
    const { pieces, type } = multipart<Blob>([["a", "1"]]);
    await client.POST("/uploads", { body: {}, bodySerializer: () => new Blob(pieces, { type }) });
    expect(sent).toHaveLength(2);
    expect(await Promise.all(sent.map(async (request) => (await request.formData()).get("a")))).toEqual(["1", "1"]);
  });
});
