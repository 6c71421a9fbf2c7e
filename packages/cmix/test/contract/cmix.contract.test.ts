// Every operation of the four CMIX documents (specs/cmix/{auth,survey,reporting,file-processing}.yaml), called through
// the public client against one Prism mock per document. Prism validates each request against its service's spec;
// any violation, any call to a path the spec lacks, and any operation left unexercised fails the suite.
// `pnpm contract:live cmix` runs it through Prism proxies to the vendor (CMIX_CLIENT_ID, CMIX_CLIENT_SECRET,
// CMIX_USERNAME, CMIX_PASSWORD; APIS_CONTRACT_SERVER=sandbox picks the sandbox hosts), read-only unless
// APIS_CONTRACT_LIVE_WRITES=1, on the first survey and project the account lists, and reports drift.
import { liveContract, liveWrites, reportDrift } from "@apis/prism";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  countResponses,
  createArchive,
  createClient,
  exportArchive,
  getArchive,
  hasErrorKey,
  pollArchive,
  type BannerFilterRequest,
  type CmixClient,
  type CmixService,
} from "../../src/index.js";
import { startPrismServices, type PrismServices } from "./prism-services.js";

const live = liveContract();
/** A test that changes vendor data: always against the mock, against the live vendor only when asked to. */
const write = it.runIf(!live || liveWrites());
/** A test that rests on the mock's fixtures (question, client and group IDs, the error-in-a-200 example). */
const mockOnly = it.runIf(!live);

let services: PrismServices;
let cmix: CmixClient;
/** The survey and project the reads use: the mock's examples, or the first the live account lists. */
let surveyId = 138651;
let SURVEY = { params: { path: { surveyId } } };
let PROJECT = { params: { path: { projectId: 109820 } } };

function auth() {
  if (!live) return { type: "password" as const, clientId: "your-client-id", clientSecret: "your-client-secret", username: "jane@example.com", password: "correct-horse-battery-staple" };
  const env = (name: string) => process.env[name] ?? "";
  return { type: "password" as const, clientId: env("CMIX_CLIENT_ID"), clientSecret: env("CMIX_CLIENT_SECRET"), username: env("CMIX_USERNAME"), password: env("CMIX_PASSWORD") };
}

/** The status a call was answered with, for a test that has nothing else in the answer to check. */
async function statusOf(call: Promise<{ response: Response }>): Promise<number> {
  return (await call).response.status;
}

beforeAll(async () => {
  services = await startPrismServices();
  cmix = createClient({ environment: "sandbox", baseUrls: services.baseUrls, fetch: services.fetch, maxRetries: 0, auth: auth() });
  if (live) {
    const { data: surveys } = await cmix.survey.GET("/surveys");
    const { data: projects } = await cmix.survey.GET("/projects");
    surveyId = (Array.isArray(surveys) ? surveys : (surveys?.data ?? []))[0]?.id ?? surveyId;
    SURVEY = { params: { path: { surveyId } } };
    PROJECT = { params: { path: { projectId: projects?.[0]?.id ?? 109820 } } };
  }
}, 120_000);

afterAll(async () => {
  for (const recorder of Object.values(services?.recorders ?? {})) reportDrift(recorder);
  await services?.stop();
});

afterEach(() => {
  for (const recorder of Object.values(services.recorders)) {
    expect(recorder.violations(), services.log()).toEqual([]);
    // The mock answers with the spec's own examples, so any drift there is a spec whose examples contradict it.
    if (!live) expect(recorder.drift()).toEqual([]);
  }
});

describe("auth service", () => {
  it("is asked for one token, as JSON, before the first call to any other service", async () => {
    await cmix.survey.GET("/surveys/{surveyId}", SURVEY);
    const tokens = services.recorders.auth.exchanges.filter((exchange) => exchange.operation?.operationId === "requestAccessToken");
    expect(tokens.map((exchange) => exchange.status)).toEqual([200]);
  });

  mockOnly("accepts the password grant sent through the typed auth client", async () => {
    const { data } = await cmix.auth.POST("/access-token", {
      body: { grant_type: "password", client_id: "your-client-id", client_secret: "your-client-secret", username: "jane@example.com", password: "pw" },
    });
    expect(data?.token_type).toBe("Bearer");
  });
});

describe("survey service: surveys", () => {
  it("lists surveys with every parameter the web UI sends", async () => {
    const { data } = await cmix.survey.GET("/surveys", {
      params: {
        query: {
          status: "LIVE",
          statusAfter: "2023-03-01T00:00:00+00:00",
          sortColumn: "DATE_CREATED",
          sortDirection: "desc",
          generalTextSearch: "Venato",
          onlyMyProjects: 0,
          onlyMyFavorites: 1,
          paginate: 1,
          page: 1,
          itemsPerPage: 32,
          details: 1,
        },
      },
    });
    const surveys = Array.isArray(data) ? data : data?.data;
    expect(surveys?.[0]?.status).toMatch(/^(DESIGN|TEST|LIVE|CLOSED|DELETED|CLONING)$/);
  });

  write("clones a survey into a new project", async () => {
    const { data } = await cmix.survey.POST("/surveys", { body: { cloneSurveyId: 138656, name: "Project X", clientId: 36585 } });
    expect(data?.status).toBe("CLONING");
    expect(data?.project?.id).toEqual(expect.any(Number));
  });

  it("gets a survey with its test token", async () => {
    const { data } = await cmix.survey.GET("/surveys/{surveyId}", SURVEY);
    expect(data?.testToken).toEqual(expect.any(String));
  });

  it("gets a survey's definition", async () => {
    expect(await statusOf(cmix.survey.GET("/surveys/{surveyId}/definition", SURVEY))).toBe(200);
  });

  it.each([
    "/surveys/{surveyId}/data-layouts",
    "/surveys/{surveyId}/locales",
    "/surveys/{surveyId}/sections",
    "/surveys/{surveyId}/sources",
    "/surveys/{surveyId}/termination-codes",
    "/surveys/{surveyId}/simulations",
  ] as const)("lists %s", async (path) => {
    const { data } = await cmix.survey.GET(path, SURVEY);
    expect(data?.[0]?.id).toEqual(expect.any(Number));
  });
});

describe("survey service: archives", () => {
  write("creates an archive and reads it back through its data layout", async () => {
    const created = await createArchive(cmix, surveyId, { respondentType: "LIVE", type: "XLSX_READABLE", completes: true, inProcess: false, terminates: false });
    const archive = await getArchive(cmix, { surveyId, dataLayoutId: created.dataLayoutId ?? 1, archiveId: created.id });
    expect(archive.status).toBe("COMPLETE");
  });

  write("exports an archive and returns its download URL", async () => {
    await expect(exportArchive(cmix, surveyId, { type: "XLSX_READABLE", pollIntervalMs: 0 })).resolves.toMatch(/^https:\/\//);
  });

  mockOnly("resumes polling an archive the mock knows", async () => {
    await expect(pollArchive(cmix, { surveyId: 138651, dataLayoutId: 1, archiveId: 9001 })).resolves.toMatchObject({ status: "COMPLETE" });
  });

  mockOnly("answers the spec's error-in-a-200 example with a body the client reads as an error", async () => {
    const { data, response } = await cmix.survey.POST("/surveys/{surveyId}/archives", {
      ...SURVEY,
      body: { respondentType: "LIVE", type: "XLSX_READABLE", completes: true, inProcess: false, terminates: false },
      headers: { Prefer: "example=errorInBody" },
    });
    expect(response.status).toBe(200);
    expect(hasErrorKey(data)).toBe(true);
  });
});

describe("survey service: projects", () => {
  it("lists projects with every documented filter", async () => {
    const { data } = await cmix.survey.GET("/projects", {
      params: {
        query: {
          name: "Venato",
          clientId: 36585,
          createdAfter: "2023-03-01T00:00:00+00:00",
          createdBefore: "2023-04-01T00:00:00+00:00",
          status: "DESIGN",
          statuses: ["DESIGN", "TEST"],
          sortColumn: "DATE_CREATED",
          sortDirection: "asc",
        },
      },
    });
    expect(data?.[0]?.dateCreated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
  });

  it("gets a project with its current survey and programmers", async () => {
    const { data } = await cmix.survey.GET("/projects/{projectId}", PROJECT);
    expect(data?.currentSurvey?.id).toEqual(expect.any(Number));
    expect(data?.primaryProgrammer?.dateCreated).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}[+-]\d{2}$/);
  });

  write("sets a project's status", async () => {
    const { data } = await cmix.survey.PATCH("/projects/{projectId}", { ...PROJECT, body: { status: "TEST" } });
    expect(data?.surveys?.length).toBeGreaterThan(0);
  });

  write("deletes a project", async () => {
    expect(await statusOf(cmix.survey.DELETE("/projects/{projectId}", PROJECT))).toBe(200);
  });

  it.each([
    "/projects/{projectId}/sources",
    "/projects/{projectId}/links",
    "/projects/{projectId}/full-links",
    "/projects/{projectId}/locales",
    "/projects/{projectId}/markup-files",
    "/projects/{projectId}/respondent-links",
    "/projects/{projectId}/surveys",
  ] as const)("lists %s", async (path) => {
    const { data, response } = await cmix.survey.GET(path, PROJECT);
    expect(response.status).toBe(200);
    expect(Array.isArray(data)).toBe(true);
  });
});

describe("survey service: permissions", () => {
  it("lists a project's groups with their permissions", async () => {
    const { data } = await cmix.survey.GET("/projects/{projectId}/groups", PROJECT);
    expect(data?.[0]?.permissions).toContain("DASHBOARD");
  });

  write("gives a group a role on a project", async () => {
    const { data } = await cmix.survey.POST("/projects/{projectId}/groups", { ...PROJECT, body: { groupId: 40335, role: "PROJECT_MANAGER" } });
    expect(data).toContain("DATA_DOWNLOAD");
  });

  write("takes a group off a project", async () => {
    expect(await statusOf(cmix.survey.DELETE("/projects/{projectId}/groups/{groupId}", { params: { path: { projectId: 109820, groupId: 40335 } } }))).toBe(200);
  });

  mockOnly("lists a client's groups", async () => {
    const { data } = await cmix.survey.GET("/clients/{clientId}/groups", { params: { path: { clientId: 36585 } } });
    expect(data?.[0]?.groupType).toBe("CLIENT");
  });
});

describe("reporting service", () => {
  it("lists completed live respondents", async () => {
    const { data } = await cmix.reporting.GET("/surveys/{surveyId}/respondents", {
      params: { path: { surveyId }, query: { respondentType: "LIVE", respondentStatus: "COMPLETE" } },
    });
    expect(data?.[0]?.id).toEqual(expect.any(Number));
  });

  mockOnly("counts responses per question with the array body, answered with a list of data points", async () => {
    // countResponses resolves only on a 2xx: a refusal would throw.
    const data = await countResponses(cmix, 138651, [{ questionId: 122931 }, { questionId: 123456 }]);
    expect(data[0]).toMatchObject({ questionId: expect.any(Number), CNT: expect.any(Number), DECIMAL: expect.any(Number), RPS_ID: expect.any(Number) });
  });

  mockOnly.each<[string, BannerFilterRequest]>([
    [
      "filters a banner by a variable, as Dynata's docstring documents the filter entry",
      { testYN: "TEST", status: "TERMINATE", counts: [{ questionId: 123 }], filters: [{ variableId: 12345, responseId: 54321 }] },
    ],
    [
      "counts responses through a banner filter with the object body",
      { testYN: "LIVE", status: "COMPLETE", counts: [{ questionId: 123, resolution: 1 }], filters: [{ questionId: 124, responseId: 125 }] },
    ],
  ])("%s", async (_name, banner) => {
    expect(Array.isArray(await countResponses(cmix, 138651, banner))).toBe(true);
  });

  it("gets the fielding summary", async () => {
    const { data } = await cmix.reporting.GET("/surveys/{surveyId}/fielding-summary", { params: { path: { surveyId }, query: { respondentType: "LIVE" } } });
    expect(data?.completes).toEqual(expect.any(Number));
  });
});

describe("file-processing service", () => {
  it("downloads a survey as XML text, where the survey service would answer JSON", async () => {
    const { data } = await cmix.fileProcessing.GET("/surveys/{surveyId}", SURVEY);
    expect(typeof data).toBe("string");
    expect(data).toMatch(/^<\?xml/);
  });

  write("creates a survey from XML sent as the form field data", async () => {
    const { data } = await cmix.fileProcessing.POST("/surveys/data", { body: { data: '<?xml version="1.0"?><survey name="Project X"></survey>' } });
    expect(data?.projectId).toEqual(expect.any(Number));
  });
});

describe("coverage", () => {
  mockOnly.each<[CmixService, number]>([
    ["auth", 1],
    ["survey", 27],
    ["reporting", 3],
    ["fileProcessing", 2],
  ])("has exercised every %s operation (%i) without a violation", (service, count) => {
    const recorder = services.recorders[service];
    expect(recorder.operations.length).toBe(count);
    expect(recorder.uncovered().map((operation) => operation.key)).toEqual([]);
  });

  mockOnly("fetched one token for every call of the suite (the other token request is the explicit typed call)", () => {
    expect(services.recorders.auth.exchanges.filter((exchange) => exchange.operation?.operationId === "requestAccessToken").length).toBe(2);
  });
});
