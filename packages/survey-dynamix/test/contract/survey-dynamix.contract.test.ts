// Every operation of specs/survey-dynamix/openapi.yaml, called through the public client against a Prism mock of the
// spec. Prism validates each request against the spec; any violation, any call to a path the spec lacks, and any
// operation left unexercised fails the suite. `pnpm contract:live survey-dynamix` runs the same suite against the live
// vendor through Prism proxies (credentials in SDX_CUSTOMER_UUID and SDX_AUTH_TOKEN, or SDX_ACCESS_TOKEN), read-only unless
// APIS_CONTRACT_LIVE_WRITES=1, and reports every response that drifts from the spec.
import { describeCoverage, useContract } from "@apis/prism";
import { beforeAll, describe, expect, it } from "vitest";
import {
  createClient,
  createInteraction,
  exchangeAuthorizationCode,
  listAll,
  updateInteraction,
  type SurveyDynamixAuth,
  type SurveyDynamixClient,
} from "../../src/index.js";

const contract = useContract("survey-dynamix");
const { live, write } = contract;
const OAUTH_SERVER = "https://surveydynamix.com";

let sdx: SurveyDynamixClient;
let apiUrl: string;

function auth(): SurveyDynamixAuth {
  if (!live) return { type: "basic", customerUuid: "0f8fad5b-d9cb-469f-a165-70867728950e", authToken: "8c1d9e2f4a6b" };
  // A personal access token when one is given (the vendor's newer reference names no Basic auth), else Basic.
  if (process.env.SDX_ACCESS_TOKEN) return { type: "token", accessToken: process.env.SDX_ACCESS_TOKEN };
  return { type: "basic", customerUuid: process.env.SDX_CUSTOMER_UUID ?? "", authToken: process.env.SDX_AUTH_TOKEN ?? "" };
}

beforeAll(() => {
  // Prism serves the spec's paths at its origin (without the server's /api); a live proxy adds /api upstream.
  apiUrl = contract.target.baseUrl;
  sdx = createClient({ baseUrl: apiUrl, oauthBaseUrl: contract.target.servers[OAUTH_SERVER]!, fetch: contract.recorder.fetch, maxRetries: 0, auth: auth() });
});

/** IDs the account really has, so the same reads work against the live vendor. */
async function someSurveyId(): Promise<number> {
  const { data } = await sdx.GET("/surveys", { params: { query: { _limit: 1 } } });
  expect(data?.[0]?.id).toEqual(expect.any(Number));
  return data![0]!.id;
}

async function someInteractionId(): Promise<number> {
  const { data } = await sdx.GET("/interactions", { params: { query: { survey_id: await someSurveyId(), _limit: 1, _order: "DESC" } } });
  expect(data?.[0]?.id).toEqual(expect.any(Number));
  return data![0]!.id;
}

describe("Interactions", () => {
  it("lists a survey's interactions with every documented filter", async () => {
    const { data, response } = await sdx.GET("/interactions", {
      params: {
        query: {
          survey_id: await someSurveyId(),
          _limit: 5,
          _offset: 0,
          _order: "ASC",
          _include_responses: true,
          _include_data: false,
          email: "respondent@example.com",
          survey_type: "outbound",
          scheduled_at: "2016-02-19 10:30:02",
          external_ref: "example-id-235i129",
          call_type: "support",
          agent_id: "nevilr",
          started: true,
          completed: false,
          survey_ended: false,
        },
      },
    });
    expect(response.status).toBe(200);
    expect(Array.isArray(data)).toBe(true);
  });

  it("iterates a survey's interactions with listAll", async () => {
    const ids: number[] = [];
    for await (const interaction of listAll(sdx, "/interactions", { query: { survey_id: await someSurveyId(), _limit: 1000 } })) ids.push(interaction.id);
    expect(ids.length).toBeGreaterThan(0);
  });

  write("creates an email interaction with interaction data through createInteraction", async () => {
    // createInteraction resolves only on a 2xx: a refusal would throw.
    const data = await createInteraction(sdx, {
      survey_id: 52,
      survey_type: "email",
      email: "respondent@example.com",
      scheduled_at: "Now + 5 minutes",
      data: { plan: "GOLD", order_id: 1234 },
    });
    expect(data.uuid).toEqual(expect.any(String));
  });

  // The type and fields of the vendor's newer parameter table (MINDFUL-HELP in the spec).
  write("creates a websms interaction with a phone connection, a language and short URLs through createInteraction", async () => {
    const data = await createInteraction(sdx, {
      survey_id: 52,
      survey_type: "websms",
      phone_number: "+61409999999",
      phone_connection_id: 3,
      respondent_language: "en",
      _shorten_urls: true,
    });
    expect(data.uuid).toEqual(expect.any(String));
  });

  write("creates an outbound interaction past a pending duplicate through the typed client", async () => {
    const { data, response } = await sdx.POST("/interactions", {
      body: { survey_id: 52, survey_type: "outbound", phone_number: "+61409999999", _force_new: true, external_ref: "example-id-235i129", agent_id: "nevilr" },
    });
    expect(response.ok).toBe(true);
    expect(data?.id).toEqual(expect.any(Number));
  });

  it("gets an interaction with its responses and data", async () => {
    const { data } = await sdx.GET("/interactions/{interaction_id}", {
      params: { path: { interaction_id: await someInteractionId() }, query: { _include_responses: true, _include_data: true } },
    });
    expect(data?.survey_id).toEqual(expect.any(Number));
  });

  write("updates an interaction with its JSON sent in the interaction field", async () => {
    // The mock answers every read with the doc's resource example (id 24062) and the update with the doc's update
    // example, interaction 891234, which updateInteraction takes for the interaction updated only if it asked for it.
    const id = live ? await someInteractionId() : 891234;
    const { data: current } = await sdx.GET("/interactions/{interaction_id}", { params: { path: { interaction_id: id } } });
    expect(current?.id).toEqual(expect.any(Number));
    const { id: _read, ...fields } = current!;
    const updated = await updateInteraction(sdx, id, { ...fields, agent_id: "nevilr" });
    expect(updated.id).toBe(id);
  });

  write("deletes an interaction", async () => {
    const { response } = await sdx.DELETE("/interactions/{interaction_id}", { params: { path: { interaction_id: 891234 } } });
    expect(response.status).toBe(200);
  });

  it("lists an interaction's responses", async () => {
    const { data } = await sdx.GET("/interactions/{interaction_id}/responses", {
      params: { path: { interaction_id: await someInteractionId() }, query: { _limit: 10, _order: "DESC", response_contains: "e" } },
    });
    expect(Array.isArray(data)).toBe(true);
  });

  it("lists an interaction's interaction data", async () => {
    const { data } = await sdx.GET("/interactions/{interaction_id}/interaction_data", {
      params: { path: { interaction_id: await someInteractionId() }, query: { custom_key: "VALUE" } },
    });
    expect(Array.isArray(data)).toBe(true);
  });

  write("starts an interaction's survey", async () => {
    const { data } = await sdx.POST("/interactions/{interaction_id}/start_survey", { params: { path: { interaction_id: 891234 } } });
    expect(data?.survey_completed).toBe(0);
    expect(data?.current_question?.question_type).toEqual(expect.any(String));
  });

  write("answers the current question", async () => {
    const { data } = await sdx.POST("/interactions/{interaction_id}/submit_response", {
      params: { path: { interaction_id: 891234 } },
      body: { response: "Yes" },
    });
    expect(Array.isArray(data?.prompts)).toBe(true);
  });

  write("abandons the survey", async () => {
    const { data } = await sdx.POST("/interactions/{interaction_id}/abandon_survey", { params: { path: { interaction_id: 891234 } } });
    expect(data?.survey_completed).toBe(1);
  });
});

describe("Interaction data", () => {
  it("lists interaction data of an interaction", async () => {
    const { data } = await sdx.GET("/interaction_data", {
      params: { query: { interaction_id: await someInteractionId(), _limit: 100, _offset: 0, _order: "DESC", custom_key: "VALUE" } },
    });
    expect(Array.isArray(data)).toBe(true);
  });

  it("gets one interaction-data pair", async () => {
    const { data: pairs } = await sdx.GET("/surveys/{survey_id}/interaction_data", { params: { path: { survey_id: await someSurveyId() }, query: { _limit: 1 } } });
    const { data } = await sdx.GET("/interaction_data/{interaction_data_id}", { params: { path: { interaction_data_id: pairs?.[0]?.id ?? 12214125 } } });
    expect(data?.custom_key).toEqual(expect.any(String));
  });

  write("sets an interaction-data key", async () => {
    const { data, response } = await sdx.POST("/interaction_data", { body: { interaction_id: 891234, custom_key: "foo", custom_value: "bar" } });
    expect(response.ok).toBe(true);
    expect(data?.custom_key).toEqual(expect.any(String));
  });

  write("deletes an interaction-data pair", async () => {
    const { response } = await sdx.DELETE("/interaction_data/{interaction_data_id}", { params: { path: { interaction_data_id: 12214125 } } });
    expect(response.status).toBe(200);
  });
});

describe("Lists as third-party clients call them", () => {
  it("lists interactions of every survey in a date range, without survey_id", async () => {
    const { data, response } = await sdx.GET("/interactions", { params: { query: { start_date: "2024-05-01", end_date: "2024-05-02", _limit: 1000 } } });
    expect([200, 204]).toContain(response.status);
    expect(data === undefined || Array.isArray(data)).toBe(true);
  });

  it("lists responses in a date range", async () => {
    const { data, response } = await sdx.GET("/responses", {
      params: { query: { survey_id: await someSurveyId(), start_date: "2024-05-01", end_date: "2024-05-02" } },
    });
    expect([200, 204]).toContain(response.status);
    expect(data === undefined || Array.isArray(data)).toBe(true);
  });

  it.runIf(!live)("gets an empty list as a 204 without a body, with no data, as the spec declares", async () => {
    // Prism serves the declared 204 when asked for it; the live vendor sends it when nothing matches.
    const { data, error, response } = await sdx.GET("/surveys", { params: { query: { _limit: 10 } }, headers: { Prefer: "code=204" } });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe("");
    expect(data).toBeUndefined();
    expect(error).toBeUndefined();
  });

  it.runIf(!live)("listAll over an empty list (the mock's 204) yields nothing and ends", async () => {
    const empty = createClient({ baseUrl: apiUrl, fetch: contract.recorder.fetch, maxRetries: 0, auth: auth(), headers: { Prefer: "code=204" } });
    const surveys = [];
    for await (const survey of listAll(empty, "/surveys")) surveys.push(survey);
    expect(surveys).toEqual([]);
  });
});

describe("Responses", () => {
  it("lists the most recent responses of a survey with the text filters", async () => {
    const { data } = await sdx.GET("/responses", {
      params: { query: { survey_id: await someSurveyId(), _limit: 100, _order: "DESC", response: "Yes", response_contains: "Ye" } },
    });
    expect(Array.isArray(data)).toBe(true);
  });

  it("gets a response", async () => {
    const { data: responses } = await sdx.GET("/surveys/{survey_id}/responses", { params: { path: { survey_id: await someSurveyId() }, query: { _limit: 1 } } });
    const { data } = await sdx.GET("/responses/{response_id}", { params: { path: { response_id: responses?.[0]?.id ?? 124890182 } } });
    expect(data?.response).toEqual(expect.any(String));
  });
});

describe("Surveys", () => {
  it("lists surveys and gets one", async () => {
    const id = await someSurveyId();
    const { data } = await sdx.GET("/surveys/{survey_id}", { params: { path: { survey_id: id } } });
    expect(data?.id).toEqual(expect.any(Number));
  });

  it("lists a survey's questions by type", async () => {
    const { data } = await sdx.GET("/surveys/{survey_id}/questions", { params: { path: { survey_id: await someSurveyId() }, query: { question_type: "nps", _limit: 50 } } });
    expect(Array.isArray(data)).toBe(true);
  });

  it("lists a survey's completed interactions", async () => {
    const { data } = await sdx.GET("/surveys/{survey_id}/interactions", {
      params: { path: { survey_id: await someSurveyId() }, query: { completed: true, _order: "DESC", _limit: 10 } },
    });
    expect(Array.isArray(data)).toBe(true);
  });

  it("lists a survey's interaction data", async () => {
    const { data } = await sdx.GET("/surveys/{survey_id}/interaction_data", { params: { path: { survey_id: await someSurveyId() }, query: { custom_key: "VALUE" } } });
    expect(Array.isArray(data)).toBe(true);
  });

  it("iterates a survey's responses with listAll", async () => {
    let count = 0;
    for await (const response of listAll(sdx, "/surveys/{survey_id}/responses", { path: { survey_id: await someSurveyId() } })) count += response.id > 0 ? 1 : 0;
    expect(count).toBeGreaterThan(0);
  });
});

describe("Questions", () => {
  it("lists questions by survey, type and label", async () => {
    const { data } = await sdx.GET("/questions", { params: { query: { survey_id: await someSurveyId(), question_type: "nps", question_label: "Basic NPS", _limit: 10 } } });
    expect(Array.isArray(data)).toBe(true);
  });

  it("gets a question and lists its responses", async () => {
    const { data: questions } = await sdx.GET("/questions", { params: { query: { _limit: 1 } } });
    const questionId = questions?.[0]?.id ?? 509;
    const { data } = await sdx.GET("/questions/{question_id}", { params: { path: { question_id: questionId } } });
    expect(data?.question_text).toEqual(expect.any(String));
    const { data: responses } = await sdx.GET("/questions/{question_id}/responses", { params: { path: { question_id: questionId }, query: { _limit: 5 } } });
    expect(Array.isArray(responses)).toBe(true);
  });
});

describe("Users", () => {
  it("lists users whose name contains a string", async () => {
    const { data } = await sdx.GET("/users", { params: { query: { _limit: 1000, name_contains: "Joe" } } });
    expect(Array.isArray(data)).toBe(true);
  });

  it("gets a user by e-mail address and lists the interactions of their agent ID", async () => {
    const { data: users } = await sdx.GET("/users", { params: { query: { _limit: 1 } } });
    const email = users?.[0]?.email ?? "joesmith@example.com";
    const { data } = await sdx.GET("/users/{email_address}", { params: { path: { email_address: email } } });
    expect(data?.email).toEqual(expect.any(String));
    const { data: interactions } = await sdx.GET("/users/{email_address}/interactions", { params: { path: { email_address: email }, query: { _limit: 5, _order: "DESC" } } });
    expect(Array.isArray(interactions)).toBe(true);
  });
});

describe("Phone numbers", () => {
  it("looks up an Australian mobile number in national format", async () => {
    const { data } = await sdx.GET("/phone_numbers/{phone_number}", { params: { path: { phone_number: "0499999999" }, query: { country_code: "AU" } } });
    expect(data?.phone_number).toMatch(/^\+/);
  });
});

describe("Authentication", () => {
  it.runIf(!live)("exchanges an authorization code through exchangeAuthorizationCode", async () => {
    const token = await exchangeAuthorizationCode({
      clientId: "3",
      clientSecret: "8mXbNqU1cT0yZ4vR7wK2pL9sD6hF3gJ5",
      code: "def50200a1b2c3d4e5f6",
      redirectUri: "https://app.example.com/sdx/callback",
      oauthBaseUrl: contract.target.servers[OAUTH_SERVER]!,
      fetch: contract.recorder.fetch,
      maxRetries: 0,
    });
    expect(token.access_token).toEqual(expect.any(String));
  });

  it.runIf(!live)("accepts a token exchange sent through the typed client, without credentials", async () => {
    const { data, response } = await sdx.POST("/oauth/token", {
      body: { grant_type: "authorization_code", client_id: "3", client_secret: "8mXbNqU1cT0yZ4vR7wK2pL9sD6hF3gJ5", redirect_uri: "https://app.example.com/sdx/callback", code: "def50200a1b2c3d4e5f6" },
    });
    expect(response.status).toBe(200);
    expect(data?.access_token).toEqual(expect.any(String));
  });

  it("takes a personal access token as a bearer token", async () => {
    const bearer = createClient({ baseUrl: apiUrl, fetch: contract.recorder.fetch, maxRetries: 0, auth: live ? auth() : { type: "token", accessToken: "pat-7f1e2d3c" } });
    const { response } = await bearer.GET("/surveys");
    expect(response.status).toBe(200);
  });
});

describeCoverage(contract, 30);
