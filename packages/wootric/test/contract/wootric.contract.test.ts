// Every operation of specs/wootric/openapi.yaml, called through the public client against a Prism mock of the spec.
// Prism validates each request against the spec; any violation, any call to a path the spec lacks, and any operation
// left unexercised fails the suite. With APIS_CONTRACT_LIVE=1 the same suite runs against the live vendor through
// Prism proxies, read-only unless APIS_CONTRACT_LIVE_WRITES=1.
import {
  createContractRecorder,
  liveContract,
  liveWrites,
  registeredApi,
  reportDrift,
  startContractTarget,
  type ContractRecorder,
  type ContractTarget,
} from "@apis/prism";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createClient,
  getEndUserByEmail,
  getEndUserByExternalId,
  listAll,
  properties,
  sendEmailSurvey,
  sendEmailSurveyCsv,
  type WootricAuth,
  type WootricClient,
} from "../../src/index.js";

const spec = registeredApi("wootric").root;
const live = liveContract();
/** A test that changes vendor data: always against the mock, against the live vendor only when asked to. */
const write = it.runIf(!live || liveWrites());

let target: ContractTarget;
let recorder: ContractRecorder;
let wootric: WootricClient;

function auth(): WootricAuth {
  if (!live) return { type: "password", username: "jane@example.com", password: "correct-horse-battery-staple", accountToken: "NPS-a1b2c3d4" };
  return { type: "clientCredentials", clientId: process.env.WOOTRIC_CLIENT_ID ?? "", clientSecret: process.env.WOOTRIC_CLIENT_SECRET ?? "" };
}

beforeAll(async () => {
  target = await startContractTarget("wootric");
  recorder = createContractRecorder(spec);
  wootric = createClient({ baseUrl: target.baseUrl, tokenUrl: `${target.baseUrl}/oauth/token`, fetch: recorder.fetch, maxRetries: 0, auth: auth() });
});

afterAll(async () => {
  if (recorder) reportDrift(recorder);
  await target?.stop();
});

afterEach(() => {
  expect(recorder.violations(), target.log()).toEqual([]);
  // The mock answers with the spec's own examples, so any drift there is a spec whose examples contradict it.
  if (!live) expect(recorder.drift()).toEqual([]);
});

describe("Authentication", () => {
  it.runIf(!live)("gets a token with the password grant before the first call", async () => {
    await wootric.GET("/v1/segments");
    const token = recorder.exchanges.find((exchange) => exchange.operation?.operationId === "requestAccessToken");
    expect(token?.status).toBe(200);
  });

  it.runIf(!live)("accepts a client_credentials token request sent through the typed client", async () => {
    const { data, response } = await wootric.POST("/oauth/token", { body: { grant_type: "client_credentials", client_id: "9f3c2a7d1b", client_secret: "5e8b0c4a77" } });
    expect(response.status).toBe(200);
    expect(data?.access_token).toEqual(expect.any(String));
  });
});

describe("End users", () => {
  it("lists end users with bracket filters", async () => {
    const { data, response } = await wootric.GET("/v1/end_users", { params: { query: { page: 1, per_page: 50, created: { gt: 1480000000 }, sort_order: "asc" } } });
    expect(response.status).toBe(200);
    expect(Array.isArray(data)).toBe(true);
  });

  it("iterates end users with listAll", async () => {
    let count = 0;
    for await (const user of listAll(wootric, "/v1/end_users")) count += user.id === undefined ? 0 : 1;
    expect(count).toBeGreaterThan(0);
  });

  it("gets an end user by ID, by e-mail and by external ID", async () => {
    const { response } = await wootric.GET("/v1/end_users/{id}", { params: { path: { id: "2" } } });
    expect(response.status).toBe(200);
    expect((await getEndUserByEmail(wootric, "nps2@example.com")).id).toEqual(expect.any(Number));
    expect((await getEndUserByExternalId(wootric, "e9a12f9aa245cfd5")).id).toEqual(expect.any(Number));
  });

  it("gets an end user by phone number", async () => {
    const { response } = await wootric.GET("/v1/end_users/phone_number/{phone_number}", { params: { path: { phone_number: "+15555550100" } } });
    expect(response.status).toBe(200);
  });

  write("creates, updates, exports and deletes an end user", async () => {
    const created = await wootric.POST("/v1/end_users", { body: { email: "nps2@example.com", external_id: "e9a12f9aa245cfd5", properties: { plan: "Lite" } } });
    expect(created.response.ok).toBe(true);
    const updated = await wootric.PUT("/v1/end_users/{id}", { params: { path: { id: "2" } }, body: { properties: { plan: "Pro" } } });
    expect(updated.response.ok).toBe(true);
    const exported = await wootric.GET("/v1/end_users/{id}/export", { params: { path: { id: 2 } } });
    expect(exported.response.status).toBe(202);
    const deleted = await wootric.DELETE("/v1/end_users/{id}", { params: { path: { id: "2" } } });
    expect(deleted.response.ok).toBe(true);
  });

  it("reads an end user's settings", async () => {
    const { response } = await wootric.GET("/v1/end_users/{end_user_id}/settings", { params: { path: { end_user_id: 2 } } });
    expect(response.status).toBe(200);
  });

  write("updates an end user's settings", async () => {
    const { response } = await wootric.PUT("/v1/end_users/{end_user_id}/settings", { params: { path: { end_user_id: 2 } }, body: { email_nps: true } });
    expect(response.ok).toBe(true);
  });
});

describe("Responses", () => {
  it("lists responses, an end user's responses and each NPS group", async () => {
    expect((await wootric.GET("/v1/responses", { params: { query: { per_page: 50 } } })).response.status).toBe(200);
    const path = { end_user_id: 2 };
    expect((await wootric.GET("/v1/end_users/{end_user_id}/responses", { params: { path } })).response.status).toBe(200);
    expect((await wootric.GET("/v1/end_users/{end_user_id}/responses/promoters", { params: { path } })).response.status).toBe(200);
    expect((await wootric.GET("/v1/end_users/{end_user_id}/responses/passives", { params: { path } })).response.status).toBe(200);
    expect((await wootric.GET("/v1/end_users/{end_user_id}/responses/detractors", { params: { path } })).response.status).toBe(200);
  });

  it("gets one response of an end user", async () => {
    const { response } = await wootric.GET("/v1/end_users/{end_user_id}/responses/{id}", { params: { path: { end_user_id: 2, id: 505550023 } } });
    expect(response.status).toBe(200);
  });

  write("creates, updates and deletes a response", async () => {
    expect((await wootric.POST("/v1/end_users/{end_user_id}/responses", { params: { path: { end_user_id: 2 } }, body: { score: 9, text: "Great", ip_address: "192.168.0.1", origin_url: "https://app.example.com/account" } })).response.ok).toBe(true);
    expect((await wootric.PUT("/v1/responses/{id}", { params: { path: { id: 505550023 } }, body: { completed: true } })).response.ok).toBe(true);
    expect((await wootric.DELETE("/v1/end_users/{end_user_id}/responses/{id}", { params: { path: { end_user_id: 2, id: 505550023 } } })).response.ok).toBe(true);
  });
});

describe("Declines", () => {
  it("lists declines and an end user's declines, and gets one", async () => {
    expect((await wootric.GET("/v1/declines", { params: { query: { per_page: 10 } } })).response.status).toBe(200);
    expect((await wootric.GET("/v1/end_users/{end_user_id}/declines", { params: { path: { end_user_id: 2 } } })).response.status).toBe(200);
    expect((await wootric.GET("/v1/end_users/{end_user_id}/declines/{id}", { params: { path: { end_user_id: 2, id: 1 } } })).response.status).toBe(200);
  });

  write("creates, updates and deletes a decline", async () => {
    expect((await wootric.POST("/v1/end_users/{end_user_id}/declines", { params: { path: { end_user_id: 2 } }, body: { origin_url: "https://example.com" } })).response.ok).toBe(true);
    expect((await wootric.PUT("/v1/declines/{id}", { params: { path: { id: 1 } }, body: { end_user: { properties: { persona: "Individual" } } } })).response.ok).toBe(true);
    expect((await wootric.DELETE("/v1/end_users/{end_user_id}/declines/{id}", { params: { path: { end_user_id: 2, id: 1 } } })).response.ok).toBe(true);
  });
});

describe("NPS, segments and templates", () => {
  it("reads the NPS summary, the NPS score, segments and survey templates", async () => {
    expect((await wootric.GET("/v1/nps_summary")).response.status).toBe(200);
    expect((await wootric.GET("/v1/nps_score")).response.status).toBe(200);
    expect((await wootric.GET("/v1/segments")).response.status).toBe(200);
    expect((await wootric.GET("/v1/survey_templates")).response.status).toBe(200);
  });
});

describe("Email surveys and stats", () => {
  write("sends an email survey", async () => {
    const { response } = await wootric.POST("/v1/email_survey", { body: { emails: ["nps2@example.com"], survey_immediately: true } });
    expect(response.ok).toBe(true);
  });

  write("sends an email survey from a CSV", async () => {
    const csv = new Blob(["email\nnps2@example.com\n"], { type: "text/csv" });
    const { response } = await wootric.POST("/v1/email_survey_csv", { body: { csv } });
    expect(response.ok).toBe(true);
  });

  write("sends an email survey with sendEmailSurvey: addresses, end-user properties, settings and placeholders", async () => {
    const result = await sendEmailSurvey(wootric, {
      emails: ["john@example.com", "martin@example.com"],
      survey_immediately: true,
      end_user: { properties: properties({ campaign_name: "Campaign Name", campaign_type: "Campaign Type" }) },
      survey_settings: { logo_url: "https://company_logo_url.com", custom_messages: { followup_text: "Thank you!" } },
      subject: "Would you mind sharing your thoughts about our {{service}}?",
      context: [{ service: "internet, laundry" }],
      delay: 8,
    });
    expect(typeof result).toBe("object");
  });

  write("sends an email survey from a checked CSV with sendEmailSurveyCsv, as the Base64url form the docs describe", async () => {
    const csv = "email,segment1,___context:service\nemail@email.com,segment1_value,internet\nemail2@email.com,2segment1_value,laundry\n";
    const result = await sendEmailSurveyCsv(wootric, csv, { survey_immediately: true, subject: "Would you mind sharing your thoughts about our {{service}}?", delay: 8 });
    expect(typeof result).toBe("object");
    const sent = recorder.exchanges.filter((exchange) => exchange.operation?.operationId === "sendEmailSurveyCsv").at(-1);
    expect(sent?.status).toBe(200);
  });

  it("reads email stats and their sources", async () => {
    expect((await wootric.GET("/v2/email_stats")).response.status).toBe(200);
    expect((await wootric.GET("/v2/email_stats/sources")).response.status).toBe(200);
  });

  write("requests a bounce report", async () => {
    const { response } = await wootric.POST("/v2/email_stats/bounce_report", { body: { date_range: { start_date: "2024-08-04", end_date: "2024-09-03" }, source: "email_api" } });
    expect(response.ok).toBe(true);
  });
});

describe("Page views", () => {
  it("lists and gets an end user's page views", async () => {
    expect((await wootric.GET("/v1/end_users/{end_user_id}/page_views", { params: { path: { end_user_id: 2 } } })).response.status).toBe(200);
    expect((await wootric.GET("/v1/end_users/{end_user_id}/page_views/{id}", { params: { path: { end_user_id: 2, id: 1 } } })).response.status).toBe(200);
  });

  write("records and deletes a page view", async () => {
    expect((await wootric.POST("/v1/end_users/{end_user_id}/page_views", { params: { path: { end_user_id: 2 } }, body: { at: 1423751367, url: "https://example.com" } })).response.ok).toBe(true);
    expect((await wootric.DELETE("/v1/end_users/{end_user_id}/page_views/{id}", { params: { path: { end_user_id: 2, id: 1 } } })).response.ok).toBe(true);
  });
});

describe("coverage", () => {
  it.runIf(!live || liveWrites())("has exercised every operation in the spec without a violation", () => {
    expect(recorder.operations.length).toBe(38);
    expect(recorder.uncovered().map((operation) => operation.key)).toEqual([]);
  });
});
