// The upload answer's checksums, as the spec describes them: a caller who checks an upload's integrity compares them
// with a digest of the bytes sent, and must know the encoding (the one example is base64 without padding, not hex).
import { createHash } from "node:crypto";
import { readSpec, registeredApi } from "@apis/prism";
import { describe, expect, it } from "vitest";

type Schema = { description?: string; properties?: Record<string, Schema> };
const spec = readSpec(registeredApi("cx").root) as {
  paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, { example: Record<string, unknown> }> }> }>>;
  components: { schemas: Record<string, Schema> };
};
const example = spec.paths["/data/{filePath}"]!.post!.responses["200"]!.content["application/json"]!.example;
const unpadded = (algorithm: string, bytes: Uint8Array) => createHash(algorithm).update(bytes).digest("base64").replace(/=+$/, "");

describe("the spec's upload checksums", () => {
  it("are in the example the unpadded base64 digests of zero bytes, whatever its size says", () => {
    expect(example.checksum).toBe(unpadded("sha1", new Uint8Array()));
    expect(example.md5checksum).toBe(unpadded("md5", new Uint8Array()));
    expect(example.size).toBe(349);
  });

  it("tell the reader that checksum is base64 without padding, not hex, and how to compute one to compare", () => {
    const description = spec.components.schemas.FileMetadata!.properties!.checksum!.description ?? "";
    expect(description).toMatch(/base64-encoded without its `=` padding/);
    expect(description).toContain('digest("base64").replace(/=+$/, "")');
    // The recipe the description gives reproduces the example's value.
    expect(unpadded("sha1", new Uint8Array())).toBe("2jmj7l5rSw0yVb/vlWAYkK/YBwk");
  });
});
