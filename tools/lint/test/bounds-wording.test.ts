// Issue 15 decided what `timeoutMs` and `maxResponseBytes` cover, and that every README and every option doc says
// it in the same words, so that no vendor's documentation promises more (or less) than the runtime does.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { vendorPackages } from "@apis/spec";
import { describe, expect, it } from "vitest";

const TIMEOUT = '`timeoutMs` bounds each attempt until its buffered body has been read in full, headers and body alike; a body the caller streams (`parseAs: "stream"`, CX `downloadFile`) is bounded only until its headers arrive.';
const BODY_LIMIT = "`maxResponseBytes` bounds every body the client buffers (JSON, text, blob, error bodies and token responses): a larger body is cancelled and the call fails with a `ResponseTooLargeError` naming the limit. An error status's body is read up to 1 MiB: past that it is cancelled, and a note stands in for it as `error`.";

const repo = join(import.meta.dirname, "../../..");
const packages = readdirSync(join(repo, "packages"), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
const oneLine = (text: string) => text.replace(/\s+/g, " ");

const exists = (path: string) => {
  try {
    readFileSync(join(repo, path));
    return true;
  } catch {
    return false;
  }
};

/** A package has a client, and so these options, when its entry point exports `createClient`. */
const exportsCreateClient = (index: string) => /^export\s*\{[^}]*\bcreateClient\b[^}]*\}/m.test(index);
const hasClient = (name: string) => exists(`packages/${name}/src/index.ts`) && exportsCreateClient(readFileSync(join(repo, "packages", name, "src/index.ts"), "utf8"));

// The root README, and the README of every package with a client (a package of types only has no timeoutMs or
// maxResponseBytes to describe).
const readmes = ["README.md", ...packages.filter(hasClient).map((name) => `packages/${name}/README.md`)].filter(exists);

/** Every documented `timeoutMs` or `maxResponseBytes` option in the packages' hand-written sources, with its JSDoc. */
function optionDocs(option: string): { where: string; doc: string }[] {
  return packages.flatMap((name) => {
    const dir = join(repo, "packages", name, "src");
    return readdirSync(dir)
      .filter((file) => file.endsWith(".ts"))
      .flatMap((file) => {
        const lines = readFileSync(join(dir, file), "utf8").split("\n");
        return lines.flatMap((line, at) => {
          if (!new RegExp(`^\\s+${option}\\?:`).test(line) || !lines[at - 1]?.trim().endsWith("*/")) return [];
          let start = at - 1;
          while (start > 0 && !lines[start]!.trim().startsWith("/**")) start--;
          const doc = lines.slice(start, at).join(" ").replace(/\/\*\*|\*\/|^\s*\*|\s\*\s/g, " ");
          return [{ where: `${relative(repo, join(dir, file))}:${at + 1}`, doc: oneLine(doc) }];
        });
      });
  });
}

describe("the READMEs held to this wording", () => {
  it("are those of the packages whose src/index.ts exports createClient", () => {
    expect(exportsCreateClient('export { createClient, type ClientOptions } from "./client.js";')).toBe(true);
    expect(exportsCreateClient('export {\n  createClient,\n  DEFAULT_BASE_URL,\n} from "./client.js";')).toBe(true);
    expect(exportsCreateClient('export { unwrapWebhook } from "./webhooks.js";\nexport type { paths } from "./generated/schema.js";')).toBe(false);
    expect(exportsCreateClient("// createClient comes later\nexport { unwrapWebhook } from \"./webhooks.js\";")).toBe(false);
    // Every vendor package redocly.yaml registers is one of them.
    for (const { dir } of vendorPackages(repo)) expect(readmes).toContain(`${relative(repo, dir)}/README.md`);
  });
});

describe("timeoutMs and maxResponseBytes are described in the same words everywhere", () => {
  it.each(readmes)("%s says what timeoutMs and maxResponseBytes cover", (path) => {
    const text = oneLine(readFileSync(join(repo, path), "utf8"));
    expect(text).toContain(TIMEOUT);
    expect(text).toContain(BODY_LIMIT);
  });

  it("every documented timeoutMs option says what it covers", () => {
    const docs = optionDocs("timeoutMs");
    // The vendors' createClient options and code-exchange options take the runtime's (by type), so the option is
    // documented in the runtime (the transport, the API client and the OAuth 2 token source), plus any helper that
    // still declares it itself.
    expect(docs.length).toBeGreaterThanOrEqual(3);
    expect(docs.filter(({ doc }) => !doc.includes(TIMEOUT)).map(({ where }) => where)).toEqual([]);
  });

  it("every documented maxResponseBytes option says what it covers", () => {
    const docs = optionDocs("maxResponseBytes");
    // The vendors' createClient options and code-exchange options take the runtime's (by type), so the option is
    // documented in the runtime (the transport, the API client and the OAuth 2 token source), plus any helper that
    // still declares it itself.
    expect(docs.length).toBeGreaterThanOrEqual(3);
    expect(docs.filter(({ doc }) => !doc.includes(BODY_LIMIT)).map(({ where }) => where)).toEqual([]);
  });
});
