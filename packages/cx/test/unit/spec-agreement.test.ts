// The client's own constants for where CX takes what must say what the spec says: a spec edit that one of them missed
// would have the client send the token, or a file, somewhere the spec no longer describes.
import { readSpec, registeredApi } from "@apis/prism";
import { describe, expect, it } from "vitest";
import { ACCESS_TOKEN_PARAM, ACCESS_TOKEN_SCHEME, DEFAULT_BASE_URL, DEFAULT_DATA_BASE_URL } from "../../src/index.js";

const spec = readSpec(registeredApi("cx").root) as {
  servers: { url: string }[];
  security: Record<string, unknown>[];
  paths: Record<string, Record<string, { servers?: { url: string }[] }>>;
  components: { securitySchemes: Record<string, { type: string; in?: string; name?: string }> };
};

describe("the client's constants and the spec", () => {
  it("put the access token where the spec's default scheme does: the access_token query parameter", () => {
    expect(spec.security).toEqual([{ [ACCESS_TOKEN_SCHEME]: [] }]);
    expect(spec.components.securitySchemes[ACCESS_TOKEN_SCHEME]).toMatchObject({ type: "apiKey", in: "query", name: ACCESS_TOKEN_PARAM });
  });

  it("send file content to the data host the transport operations name, and everything else to the spec's server", () => {
    expect(DEFAULT_BASE_URL).toBe(spec.servers[0]?.url);
    expect([spec.paths["/data/{filePath}"]?.get?.servers, spec.paths["/data/{filePath}"]?.post?.servers]).toEqual([[expect.objectContaining({ url: DEFAULT_DATA_BASE_URL })], [expect.objectContaining({ url: DEFAULT_DATA_BASE_URL })]]);
  });
});
