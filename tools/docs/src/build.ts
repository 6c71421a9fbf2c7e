import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { findRepoRoot, readRegistry, type RegisteredApi } from "@apis/spec";
import { apiPage, indexPage, type ApiSummary } from "./pages.ts";
import { showProvenance } from "./provenance.ts";
import { fullSnippet, hasClient, type ApiDocs, type ClientDocs, type PendingDocs } from "./snippets.ts";
import { authMethods, isObject, operationsOf, type JsonObject } from "./spec.ts";

const require = createRequire(import.meta.url);

/** The registry's documented APIs: every `apis:` entry with an `x-docs` block. */
export function documentedApis(root = findRepoRoot()): { api: RegisteredApi; docs: ApiDocs }[] {
  return [...readRegistry(root).values()].map((api) => {
    const docs = api.extensions["x-docs"] as Partial<ClientDocs & PendingDocs> | undefined;
    if (docs?.package && docs.title && typeof docs.pending === "string" && docs.pending !== "" && !docs.setup && !docs.client) {
      return { api, docs: { title: docs.title, package: docs.package, pending: docs.pending } };
    }
    if (!docs?.package || !docs.setup || !docs.client || !docs.title) {
      throw new Error(`redocly.yaml: API "${api.name}" needs x-docs with title, package, setup and client (or, before its client exists, title, package and pending)`);
    }
    if (docs.values !== undefined && !isObject(docs.values)) {
      throw new Error(`redocly.yaml: API "${api.name}": x-docs.values must map parameter names to the values the client takes`);
    }
    if (docs.mockHosts !== undefined && !isMockHosts(docs.mockHosts)) {
      throw new Error(`redocly.yaml: API "${api.name}": x-docs.mockHosts must map host option names to API names (a path may follow), or to such maps`);
    }
    return { api, docs: docs as ClientDocs };
  });
}

function isMockHosts(value: unknown): boolean {
  return isObject(value) && Object.values(value).every((item) => (typeof item === "string" && item !== "") || isMockHosts(item));
}

/** The documented APIs that have a client, so every operation page shows a snippet through it. */
export function apisWithClients(root = findRepoRoot()): { api: RegisteredApi; docs: ClientDocs }[] {
  return documentedApis(root).flatMap(({ api, docs }) => (hasClient(docs) ? [{ api, docs }] : []));
}

/** The spec with every external $ref pulled in, as Redoc and the snippets read it. */
export function bundle(api: RegisteredApi, root: string): JsonObject {
  const cli = join(dirname(require.resolve("@redocly/cli/package.json")), "bin", "cli.js");
  const out = join(root, "tools", "docs", ".bundle", `${api.name}.json`);
  mkdirSync(dirname(out), { recursive: true });
  execFileSync(process.execPath, [cli, "bundle", api.root, "--config", join(root, "redocly.yaml"), "--output", out, "--ext", "json"], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  return JSON.parse(readFileSync(out, "utf8")) as JsonObject;
}

// Redoc's side menu shows a "powered by" logo from cdn.redoc.ly; the site must load nothing from another host.
const REDOC_CDN_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg";
const LOCAL_LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#32329f"/></svg>\n`;

function writeRedocAssets(dir: string): void {
  const source = readFileSync(join(dirname(require.resolve("redoc/package.json")), "bundles", "redoc.standalone.js"), "utf8");
  if (!source.includes(REDOC_CDN_LOGO)) throw new Error(`redoc.standalone.js no longer references ${REDOC_CDN_LOGO}: check what it loads now`);
  // Pages live one folder below assets/, so the logo is addressed from there.
  writeFileSync(join(dir, "redoc.standalone.js"), source.replaceAll(REDOC_CDN_LOGO, "../assets/redoc-logo.svg"));
  writeFileSync(join(dir, "redoc-logo.svg"), LOCAL_LOGO_SVG);
}

/**
 * Builds the site into `out`: index.html, assets/ and one folder per API (index.html + openapi.json with an
 * `x-codeSamples` TypeScript snippet on every operation).
 *
 * @example
 * buildSite(join(repoRoot, "tools/docs/dist"));
 */
export function buildSite(out: string, root = findRepoRoot(), only?: string[]): ApiSummary[] {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, "assets"), { recursive: true });
  writeRedocAssets(join(out, "assets"));
  const summaries: ApiSummary[] = [];
  for (const { api, docs } of documentedApis(root).filter(({ api }) => !only || only.includes(api.name))) {
    const document = bundle(api, root);
    showProvenance(document);
    const operations = operationsOf(document);
    if (hasClient(docs)) {
      for (const operation of operations) {
        operation.operation["x-codeSamples"] = [{ lang: "TypeScript", label: docs.package, source: fullSnippet(document, operation, docs) }];
      }
    }
    const summary: ApiSummary = {
      name: api.name,
      title: docs.title,
      package: docs.package,
      auth: authMethods(document),
      operations: operations.length,
      ...(hasClient(docs) ? {} : { pending: docs.pending }),
    };
    mkdirSync(join(out, api.name), { recursive: true });
    writeFileSync(join(out, api.name, "openapi.json"), JSON.stringify(document, null, 2));
    writeFileSync(join(out, api.name, "index.html"), apiPage(summary));
    summaries.push(summary);
  }
  writeFileSync(join(out, "index.html"), indexPage(summaries));
  return summaries;
}
