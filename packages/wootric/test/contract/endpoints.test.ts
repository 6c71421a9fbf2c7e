// The committed inventory of Wootric's documented endpoints (specs/wootric/endpoints.yaml) against the spec: every
// documented endpoint has its operation, and the spec has no operation the inventory does not list.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { registeredApi, specOperations } from "@apis/prism";

interface Entry {
  doc: string;
  method: string;
  path: string;
  operationId: string;
  flag?: string;
}
interface DocFile {
  file: string;
  version: string;
  endpoints: Entry[];
  webhooks?: { doc: string; name: string }[];
}

const spec = registeredApi("wootric").root;
const inventory = parse(readFileSync(join(spec, "..", "endpoints.yaml"), "utf8")) as DocFile[];
const document = parse(readFileSync(spec, "utf8")) as {
  paths: Record<string, Record<string, { operationId: string; parameters?: { name?: string; in?: string }[] }>>;
  webhooks: Record<string, unknown>;
};
const operations = specOperations(spec);
const entries = inventory.flatMap((file) => file.endpoints.map((entry) => ({ ...entry, file: file.file, version: file.version })));

describe("specs/wootric/endpoints.yaml", () => {
  it("names the doc files issue 19 lists, each with the version read", () => {
    expect(inventory.map((file) => file.file).sort()).toEqual(
      [
        "_api_index.md", "_end_users.md", "_responses.md", "_declines.md", "_end_user_settings.md", "_settings_object.md", "_nps_summary.md",
        "_nps_score.md", "_segments.md", "_email_survey.md", "_email_survey_csv.md", "_survey_template.md", "_page_views.md",
        "_email_stats.md", "_errors.md", "_webhooks.md",
      ].sort(),
    );
    for (const file of inventory) expect(file.version, file.file).toMatch(/^[0-9a-f]{7,40}$/);
  });

  it.each(entries.map((entry) => [`${entry.file} '${entry.doc}'`, entry] as const))("%s is in the spec", (_, entry) => {
    const operation = operations.find((candidate) => candidate.method === entry.method && candidate.path === entry.path);
    expect(operation, `${entry.method} ${entry.path}`).toBeDefined();
    expect(operation?.operationId).toBe(entry.operationId);
    if (entry.flag) {
      const parameters = document.paths[entry.path]![entry.method.toLowerCase()]!.parameters ?? [];
      expect(parameters.some((parameter) => parameter.in === "query" && parameter.name === entry.flag), `query flag ${entry.flag}`).toBe(true);
    }
  });

  it("lists every operation of the spec", () => {
    const listed = new Set(entries.map((entry) => `${entry.method} ${entry.path}`));
    expect(operations.filter((operation) => !listed.has(operation.key)).map((operation) => operation.key)).toEqual([]);
  });

  it("lists every webhook of the spec, and the spec declares every documented event", () => {
    const events = inventory.flatMap((file) => file.webhooks ?? []).map((webhook) => webhook.name);
    expect(events.sort()).toEqual(Object.keys(document.webhooks).sort());
  });
});

describe("the spec's default orders", () => {
  type Parameter = { name?: string; description?: string; schema?: { default?: unknown } };
  // GET /v1/end_users sorts by sort_key, whose default is email (vendor docs, _end_users.md); the docs' sort_order row
  // calls asc "oldest first", which holds with sort_key=created_at only. Read as the default order, a sync that keeps
  // the last item's created_at as its mark would skip end users.
  it("describe a list whose default sort_key is no time by that key, never as oldest or newest first alone", () => {
    const lists = Object.entries(document.paths).flatMap(([path, item]) => {
      const get = item["get"] as { description?: string; parameters?: Parameter[] } | undefined;
      const key = get?.parameters?.find((parameter) => parameter.name === "sort_key")?.schema?.default;
      if (typeof key !== "string" || key.endsWith("_at")) return [];
      const order = get?.parameters?.find((parameter) => parameter.name === "sort_order")?.description;
      return [{ path, key, text: `${get?.description} ${order}` }];
    });
    expect(lists.map((list) => list.path)).toEqual(["/v1/end_users"]);
    for (const { key, text } of lists) {
      expect(text).toContain(`order of \`${key}\``);
      expect(text).not.toMatch(/(oldest|newest) first(?! with `sort_key=)/);
    }
  });
});
