// Every curl request in every vendor's docs (the copies under specs/<vendor>/sources/) is sent to that vendor's Prism
// mock, and the mock must accept it: a request the vendor documents is a request our spec must allow.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createContractRecorder, findRepoRoot, readRegistry, readSpec, startPrism, type PrismServer, type RegisteredApi } from "../src/index.ts";
import { curlRequest, docCurls, shellWords, type DocCurl } from "../src/doc-curls.ts";

const root = findRepoRoot();

/** Every doc file under a spec folder's sources/ (READMEs there describe the copies, they are not vendor docs). */
function sourceFiles(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...sourceFiles(path));
    else if (/\.(md|txt)$/.test(name) && name !== "README.md") found.push(path);
  }
  return found;
}

interface Server {
  api: RegisteredApi;
  host: RegExp;
  basePath: string;
}

/** Every server of an API (document, path and operation level); a `{variable}` in the host matches any label. */
function servers(api: RegisteredApi): Server[] {
  const spec = readSpec(api.root) as { servers?: { url: string }[]; paths?: Record<string, Record<string, unknown>> };
  const urls = (spec.servers ?? []).map((server) => server.url);
  for (const item of Object.values(spec.paths ?? {})) {
    for (const value of [item, ...Object.values(item)]) {
      const nested = (value as { servers?: { url: string }[] } | null)?.servers;
      if (Array.isArray(nested)) urls.push(...nested.map((server) => server.url));
    }
  }
  return urls.map((url) => {
    const match = /^https?:\/\/([^/]+)(\/.*)?$/.exec(url);
    if (!match) throw new Error(`${api.name}: server ${url} is not an absolute http(s) URL`);
    const host = match[1]!.replace(/[.]/g, "\\.").replace(/\{[^}]+\}/g, "[a-z0-9-]+");
    return { api, host: new RegExp(`^${host}$`), basePath: (match[2] ?? "").replace(/\/+$/, "") };
  });
}

interface Vendor {
  dir: string;
  apis: RegisteredApi[];
  curls: DocCurl[];
}

const vendors: Vendor[] = [];
for (const api of readRegistry(root).values()) {
  const dir = dirname(api.root);
  const vendor = vendors.find((candidate) => candidate.dir === dir);
  if (vendor) vendor.apis.push(api);
  else vendors.push({ dir, apis: [api], curls: [] });
}
/**
 * What a folder's `sources/doc-fixes.yaml` says about its docs, keyed by doc file: `placeholders` filled in as the
 * doc's reader is told to, and `errata`, commands that do not send the request their own section describes,
 * corrected as the spec already decided. Each entry is [as written, as meant]; nothing else in a command is changed.
 */
interface DocFixes {
  placeholders?: Record<string, [string, string][]>;
  errata?: Record<string, [string, string][]>;
}

function docFixes(sources: string): DocFixes {
  const path = join(sources, "doc-fixes.yaml");
  return existsSync(path) ? (parse(readFileSync(path, "utf8")) as DocFixes) : {};
}

for (const vendor of vendors) {
  const sources = join(vendor.dir, "sources");
  const fixes = docFixes(sources);
  const docs = sourceFiles(sources).map((file) => relative(sources, file));
  for (const name of [...Object.keys(fixes.placeholders ?? {}), ...Object.keys(fixes.errata ?? {})]) {
    if (!docs.includes(name)) throw new Error(`${sources}/doc-fixes.yaml names ${name}, which is not a doc there`);
  }
  for (const file of sourceFiles(sources)) {
    let text = readFileSync(file, "utf8");
    const name = relative(sources, file);
    for (const [placeholder, value] of fixes.placeholders?.[name] ?? []) {
      if (!text.includes(placeholder)) throw new Error(`${file} no longer holds the placeholder ${placeholder}: update ${sources}/doc-fixes.yaml`);
      text = text.replaceAll(placeholder, value);
    }
    for (const [written, meant] of fixes.errata?.[name] ?? []) {
      if (!text.includes(written)) throw new Error(`${file} no longer holds ${written}: update ${sources}/doc-fixes.yaml`);
      text = text.replaceAll(written, meant);
    }
    vendor.curls.push(...docCurls(text, relative(root, file)));
  }
}

/** A doc's `curl "api_endpoint_here"` shows where credentials go; it names no endpoint, so it is no request. */
const isRequest = (curl: DocCurl) => /^(?:https?:\/\/|\$)/.test(curl.url);

/**
 * The API and spec path a doc URL calls. A URL that starts with a shell variable (`$AI_SERVER/v1/imports`) stands for
 * the vendor's host, i.e. the first server of its first API.
 */
function route(vendor: Vendor, curl: DocCurl): { api: RegisteredApi; path: string } {
  const variable = /^\$\{?[A-Z_]+\}?(\/.*)$/.exec(curl.url);
  const all = vendor.apis.flatMap(servers);
  if (variable) return { api: all[0]!.api, path: variable[1]!.replace(new RegExp(`^${all[0]!.basePath}`), "") };
  const url = new URL(curl.url);
  const server = all.find((candidate) => candidate.host.test(url.host) && (url.pathname === candidate.basePath || url.pathname.startsWith(`${candidate.basePath}/`)));
  if (!server) throw new Error(`${curl.where}: ${curl.url} is on no server of ${vendor.apis.map((api) => api.name).join(", ")}`);
  return { api: server.api, path: `${url.pathname.slice(server.basePath.length)}${url.search}` };
}

const byName = (name: string) => vendors.find((vendor) => basename(vendor.dir) === name)!;

describe("the curl reader", () => {
  it("splits words as a shell does: quotes, escapes, and a pipe that ends the command", () => {
    expect(shellWords(`curl -F import[source]="Survey Monkey" -d "a=\\"b\\"" 'c d' | jq`)).toEqual(["curl", "-F", "import[source]=Survey Monkey", "-d", 'a="b"', "c d"]);
  });

  it("reads method, headers, fields and URL of a multi-line command", () => {
    const [curl] = docCurls(`curl -s -H "Authorization: Bearer t" -X PUT "https://x.test/v1/tags/78" \\\n  -F tag[name]=my-tag \\\n  | jq\n`, "doc");
    expect(curl).toMatchObject({ method: "PUT", url: "https://x.test/v1/tags/78", headers: [["Authorization", "Bearer t"]], form: [["tag[name]", "my-tag"]] });
  });

  it("turns -u into Basic credentials and -d into a POST", () => {
    const [curl] = docCurls(`curl "https://x.test/a" \\\n    -d "x=1" \\\n    -d "y=2" \\\n    -u U:P\n`, "doc");
    expect(curl).toMatchObject({ method: "POST", data: "x=1&y=2", headers: [["Authorization", `Basic ${btoa("U:P")}`]] });
  });

  it("reads -G as a GET whose data goes to the query, as does the data of `-X GET -d`", () => {
    const [get] = docCurls(`curl -G "https://x.test/a?b=1" -d "c=2"\n`, "doc");
    expect(get).toMatchObject({ method: "GET", data: "c=2" });
    expect(curlRequest(get!, "http://mock/a?b=1").url).toBe("http://mock/a?b=1&c=2");
    const [explicit] = docCurls(`curl -X GET "https://x.test/a" -d "created[lt]=1"\n`, "doc");
    expect(curlRequest(explicit!, "http://mock/a")).toMatchObject({ method: "GET", url: "http://mock/a?created[lt]=1", body: null });
  });

  it("reads -I as a HEAD request unless -X names the method", () => {
    expect(docCurls(`curl -I "https://x.test/a"\n`, "doc")[0]).toMatchObject({ method: "HEAD" });
    expect(docCurls(`$ curl -I -s -H "Authorization: Bearer t" -X GET "https://x.test/a"\n`, "doc")[0]).toMatchObject({ method: "GET", headers: [["Authorization", "Bearer t"]] });
  });
});

describe("the vendors' docs hold the curl requests this suite was written against", () => {
  // Every spec folder redocly.yaml points at, with the count the data file holds for it (none listed: none).
  const data = JSON.parse(readFileSync(new URL("./doc-curls.json", import.meta.url), "utf8")) as { requests: Record<string, number>; notRequests: Record<string, string[]> };
  const counts = data.requests;
  it.each(vendors.map((vendor) => [basename(vendor.dir), counts[basename(vendor.dir)] ?? 0] as const))("%s: %i requests", (name, count) => {
    expect(byName(name).curls.filter(isRequest)).toHaveLength(count);
  });

  it("lists counts and non-requests only for spec folders redocly.yaml points at", () => {
    const listed = [...Object.keys(counts), ...Object.keys(data.notRequests)];
    expect(listed.filter((name) => !vendors.some((vendor) => basename(vendor.dir) === name))).toEqual([]);
  });

  it.each(vendors.map((vendor) => [basename(vendor.dir), vendor] as const))("%s: the only curl commands that are not requests are those the data file lists", (name, vendor) => {
    expect(vendor.curls.filter((curl) => !isRequest(curl)).map((curl) => curl.url)).toEqual(data.notRequests[name] ?? []);
  });
});

for (const vendor of vendors.filter((candidate) => candidate.curls.some(isRequest))) {
  describe(`every curl request in the ${basename(vendor.dir)} docs is accepted by its mock`, () => {
    const mocks = new Map<string, PrismServer>();
    beforeAll(async () => {
      for (const api of vendor.apis) mocks.set(api.name, await startPrism(api.root));
    });
    afterAll(async () => {
      await Promise.all([...mocks.values()].map((prism) => prism.stop()));
    });

    it.each(vendor.curls.filter(isRequest).map((curl) => [`${curl.where} ${curl.method} ${curl.url}`, curl] as const))("%s", async (_name, curl) => {
      const { api, path } = route(vendor, curl);
      const recorder = createContractRecorder(api.root);
      const response = await recorder.fetch(curlRequest(curl, `${mocks.get(api.name)!.url}${path}`));
      expect({ status: response.status, violations: recorder.violations().flatMap((exchange) => exchange.violations) }).toEqual({
        status: expect.not.toBeOneOf([404, 405, 415, 422]),
        violations: [],
      });
      expect(recorder.exchanges[0]?.operation).toBeDefined();
    });
  });
}
