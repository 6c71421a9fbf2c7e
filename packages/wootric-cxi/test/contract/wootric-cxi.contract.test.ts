// Every operation of specs/wootric-cxi/openapi.yaml, called through the public client against a Prism mock of the
// spec. Prism validates each request against the spec; any violation, any call to a path the spec lacks, and any
// operation left unexercised fails the suite. `pnpm contract:live wootric-cxi` runs the same suite against the live
// vendor through Prism proxies, read-only unless APIS_CONTRACT_LIVE_WRITES=1, and reports every response that drifts.
import { describeCoverage, useContract } from "@apis/prism";
import { beforeAll, describe, expect, it } from "vitest";
import { createClient, importCsv, listAll, type WootricAuth, type WootricCxiClient } from "../../src/index.js";

const contract = useContract("wootric-cxi");
const { live, write } = contract;

let cxi: WootricCxiClient;

function auth(): WootricAuth {
  if (!live) return { type: "password", username: "jane@example.com", password: "correct-horse-battery-staple", accountToken: "NPS-a1b2c3d4" };
  return { type: "clientCredentials", clientId: process.env.WOOTRIC_CLIENT_ID ?? "", clientSecret: process.env.WOOTRIC_CLIENT_SECRET ?? "" };
}

/** The status a call was answered with, for a test that has nothing else in the answer to check. */
async function statusOf(call: Promise<{ response: Response }>): Promise<number> {
  return (await call).response.status;
}

beforeAll(() => {
  cxi = createClient({
    baseUrl: contract.target.baseUrl,
    tokenUrl: `${contract.target.servers["https://api.wootric.com"]!}/oauth/token`,
    fetch: contract.recorder.fetch,
    maxRetries: 0,
    auth: auth(),
  });
});

describe("Authentication", () => {
  it.runIf(!live)("gets a token with the password grant before the first call, with the account token in the query", async () => {
    await cxi.GET("/v1/projects");
    const token = contract.recorder.exchanges.find((exchange) => exchange.operation?.operationId === "requestAccessToken");
    expect(token?.status).toBe(200);
  });

  it.runIf(!live).each([
    { grant_type: "client_credentials" as const, client_id: "9f3c2a7d1b", client_secret: "5e8b0c4a77" },
    { grant_type: "refresh_token" as const, refresh_token: "3b1c9f0e2d" },
  ])("accepts a $grant_type token request sent through the typed client", async (body) => {
    const { data, response } = await cxi.POST("/oauth/token", { body });
    expect(response.status).toBe(200);
    expect(data?.token_type).toBe("bearer");
  });
});

describe("Onboarding", () => {
  it("reads the onboarding state", async () => {
    const { data } = await cxi.GET("/v1/onboarding");
    expect(typeof data?.onboarded).toBe("boolean");
  });

  write("updates the onboarding state with bracket-notation project and import fields", async () => {
    const { data, response } = await cxi.PUT("/v1/onboarding", {
      body: { product_category_id: 9, project: { name: "Enterprise" }, import: { name: "important.csv", source: "Survey Monkey", metric_type: "NPS" } },
    });
    expect(response.status).toBe(200);
    expect(data?.mode).toBeDefined();
  });
});

describe("Projects", () => {
  it("lists projects", async () => {
    const { data } = await cxi.GET("/v1/projects");
    expect(Array.isArray(data)).toBe(true);
  });

  write("creates a project", async () => {
    const { data, response } = await cxi.POST("/v1/projects", { body: { project: { name: "My new Project" } } });
    expect(response.ok).toBe(true);
    expect(data?.id).toEqual(expect.any(Number));
  });

  write("updates a project", async () => {
    const { data } = await cxi.PUT("/v1/projects/{id}", { params: { path: { id: 8 } }, body: { project: { name: "Updated name" } } });
    expect(data?.name).toEqual(expect.any(String));
  });
});

describe("Tags", () => {
  it("lists tags with every documented filter", async () => {
    const { data } = await cxi.GET("/v1/tags", {
      params: { query: { page: 2, per_page: 50, flat: true, sort: "name_asc", search: "price", no_stats: true, exclude_disabled: true } },
    });
    expect(data?.[0]?.mode).toMatch(/manual|smart|text_match/);
  });

  it("iterates every tag with listAll", async () => {
    const names: string[] = [];
    for await (const tag of listAll(cxi, "/v1/tags", { query: { per_page: 50 } })) names.push(tag.name);
    expect(names.length).toBeGreaterThan(0);
  });

  write("creates a text-match tag with its terms", async () => {
    const { data, response } = await cxi.POST("/v1/tags", {
      body: { tag: { name: "my-tag", description: "the description", mode: "text_match", text_match_terms: ["term1", "term2"], filter_rules: {} } },
    });
    expect(response.ok).toBe(true);
    expect(data?.name).toEqual(expect.any(String));
  });

  write("updates a tag", async () => {
    expect(await statusOf(cxi.PUT("/v1/tags/{id}", {
      params: { path: { id: 78 } },
      body: { tag: { name: "my-updated-tag", text_match_terms: ["term3", "term4"] } },
    }))).toBe(200);
  });

  write("deletes a tag", async () => {
    expect(await statusOf(cxi.DELETE("/v1/tags/{id}", { params: { path: { id: 78 } } }))).toBe(200);
  });
});

describe("Imports", () => {
  it("lists imports", async () => {
    const { data } = await cxi.GET("/v1/imports", { params: { query: { page: 1, per_page: 25 } } });
    expect(data?.[0]?.id).toEqual(expect.any(Number));
  });

  it("iterates every import with listAll", async () => {
    let count = 0;
    for await (const item of listAll(cxi, "/v1/imports")) count += item.id > 0 ? 1 : 0;
    expect(count).toBeGreaterThan(0);
  });

  write("creates an import from a checked CSV as a multipart upload", async () => {
    // importCsv resolves only on a 2xx: a refusal would throw.
    const created = await importCsv(cxi, "feedback_date,feedback,score,plan\n2020-07-16 15:45:00,Great,9,Lite\n", { filename: "data.csv" });
    expect(created.id).toEqual(expect.any(Number));
  });

  it("gets an import with its responses", async () => {
    // An id the account really has, so the same test reads a real import in a live run.
    const { data: imports } = await cxi.GET("/v1/imports", { params: { query: { per_page: 1 } } });
    const id = imports?.[0]?.id;
    expect(id).toEqual(expect.any(Number));
    const { data } = await cxi.GET("/v1/imports/{id}", { params: { path: { id: id! } } });
    expect(Array.isArray(data?.responses)).toBe(true);
  });

  write("updates an import's metadata, tags and projects", async () => {
    expect(await statusOf(cxi.PUT("/v1/imports/{id}", {
      params: { path: { id: 11 } },
      body: { import: { name: "My second import", metric_type: "CES", source: "Intercom", tag_names: ["TEST"], project_ids: [5] } },
    }))).toBe(200);
  });

  write("deletes an import", async () => {
    expect(await statusOf(cxi.DELETE("/v1/imports/{id}", { params: { path: { id: 10 } } }))).toBe(202);
  });
});

describe("Responses", () => {
  it("lists responses in an envelope", async () => {
    const { data } = await cxi.GET("/v1/responses", { params: { query: { page: 1, per_page: 50, sort_order: "asc" } } });
    expect(data?.total_count).toEqual(expect.any(Number));
  });

  // The first page only: the mock answers the same page whatever page is asked for, which listAll refuses as a repeat.
  it("iterates responses with listAll", async () => {
    const ids: number[] = [];
    for await (const response of listAll(cxi, "/v1/responses", { query: { sort_order: "desc" } })) {
      ids.push(response.id);
      break;
    }
    expect(ids).toHaveLength(1);
  });

  write("updates response properties in bulk from a CSV", async () => {
    const csv = new Blob(["response_id,plan,seats___integer\n413,Pro,12\n"], { type: "text/csv" });
    const { response } = await cxi.PUT("/v1/responses/update_bulk_properties", { body: { csv } });
    expect(response.ok).toBe(true);
  });
});

describe("Exports", () => {
  write("requests an export of users", async () => {
    expect(await statusOf(cxi.POST("/v1/exports", { params: { query: { export_type: "users" } } }))).toBe(201);
  });
});

describe("Segments", () => {
  write("updates segments of responses and users in bulk", async () => {
    const { response } = await cxi.PUT("/v1/segments/update_bulk", {
      body: {
        responses: [{ id: 413, custom_properties: [{ key: "plan", value: "Pro" }] }],
        users: [{ user_id: 1234, custom_properties: [{ key: "persona", value: "Business User" }] }],
      },
    });
    expect(response.ok).toBe(true);
  });
});

describeCoverage(contract, 19);
