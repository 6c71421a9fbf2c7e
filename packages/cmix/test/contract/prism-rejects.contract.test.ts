// The contract suite is only worth something if Prism really rejects requests that break the CMIX specs: these send
// such requests on purpose (bypassing the types and the helpers' own checks) and expect Prism to say so.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, type CmixClient } from "../../src/index.js";
import { startPrismServices, type PrismServices } from "./prism-services.js";

let services: PrismServices;
let cmix: CmixClient;

beforeAll(async () => {
  // The mocks' own refusals: against the mocks in a live run too, whose proxies would send these requests (writes
  // among them) to CMIX.
  services = await startPrismServices({ mock: true });
  cmix = createClient({ environment: "sandbox", baseUrls: services.baseUrls, fetch: services.fetch, maxRetries: 0, auth: { type: "token", accessToken: "x" } });
}, 120_000);

afterAll(async () => {
  await services?.stop();
});

function violationsOf(service: keyof PrismServices["recorders"]): string {
  return services.recorders[service].violations().flatMap((exchange) => exchange.violations).join("\n");
}

describe("Prism, given requests that break the CMIX specs", () => {
  it("rejects a project status that cannot be set", async () => {
    // @ts-expect-error DELETED is a status a project can have, not one it has been seen set to
    const { response } = await cmix.survey.PATCH("/projects/{projectId}", { params: { path: { projectId: 1 } }, body: { status: "DELETED" } });
    expect(response.status).toBe(400);
    expect(violationsOf("survey")).toMatch(/status/);
  });

  it("rejects an export archive request without its file type", async () => {
    const { response } = await cmix.survey.POST("/surveys/{surveyId}/archives", {
      params: { path: { surveyId: 1 } },
      // @ts-expect-error type is required
      body: { respondentType: "LIVE", completes: true, inProcess: false, terminates: false },
    });
    expect(response.status).toBe(400);
    expect(violationsOf("survey")).toMatch(/type/);
  });

  it("rejects an empty list of questions to count, on the reporting service", async () => {
    const { response } = await cmix.reporting.POST("/surveys/{surveyId}/response-counts", { params: { path: { surveyId: 1 } }, body: [] });
    expect(response.status).toBe(400);
    expect(services.recorders.reporting.violations()).toHaveLength(1);
  });

  it("rejects survey XML sent as JSON instead of the form field data", async () => {
    const { response } = await cmix.fileProcessing.POST("/surveys/data", {
      body: { data: "<survey/>" },
      bodySerializer: (body) => JSON.stringify(body),
      headers: { "Content-Type": "application/json" },
    });
    // Prism answers with the operation's declared 400, and reports its own 415 verdict in sl-violations.
    expect(response.status).toBe(400);
    expect(violationsOf("fileProcessing")).toContain("Supported content types: application/x-www-form-urlencoded");
  });

  it("rejects a survey-service call without an access token", async () => {
    const response = await services.fetch(`${services.baseUrls.survey}/projects`);
    expect(response.status).toBe(401);
    expect(services.recorders.survey.violations().at(-1)?.url).toBe(`${services.baseUrls.survey}/projects`);
  });

  it("rejects a password grant without the client secret", async () => {
    const { response } = await cmix.auth.POST("/access-token", {
      // @ts-expect-error client_secret is required
      body: { grant_type: "password", client_id: "id", username: "jane@example.com", password: "pw" },
    });
    expect(response.status).toBe(400);
    expect(violationsOf("auth")).toMatch(/client_secret/);
  });
});
