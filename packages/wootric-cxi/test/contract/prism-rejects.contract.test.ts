// The contract suite is only worth something if Prism really rejects requests that break the spec: these send such
// requests on purpose (bypassing the types) and expect Prism to say so.
import { usePrism } from "@apis/prism";
import { describe, expect, it } from "vitest";
import { createClient } from "../../src/index.js";

const prism = usePrism("wootric-cxi");

function client() {
  const recorder = prism.recorder();
  const cxi = createClient({ baseUrl: prism.url, tokenUrl: `${prism.url}/oauth/token`, fetch: recorder.fetch, maxRetries: 0, auth: { type: "token", accessToken: "x" } });
  return { recorder, cxi };
}

describe("Prism, given requests that break the spec", () => {
  it("rejects per_page above the vendor's maximum of 50", async () => {
    const { recorder, cxi } = client();
    // The client refuses a number past 50 itself (checkPaging, test/unit/query-names.test.ts) but sends text as it is
    // given: Prism, as the vendor, reads "51" as the number and enforces the spec's maximum.
    const { response } = await cxi.GET("/v1/tags", { params: { query: { per_page: "51" as unknown as number } } });
    expect(response.status).toBe(422);
    expect(recorder.violations()).toHaveLength(1);
  });

  it("rejects a project without its name", async () => {
    const { recorder, cxi } = client();
    // @ts-expect-error project.name is required
    const { response } = await cxi.POST("/v1/projects", { body: { project: { title: "No name" } } });
    expect(response.status).toBe(422);
    expect(recorder.violations()[0]?.violations.join()).toMatch(/name/);
  });

  it("rejects a CXI call without an access token", async () => {
    const recorder = prism.recorder();
    const response = await recorder.fetch(`${prism.url}/v1/projects`);
    expect(response.status).toBe(401);
    expect(recorder.violations()).toHaveLength(1);
  });
});
