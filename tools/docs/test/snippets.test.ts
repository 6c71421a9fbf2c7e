// Every usage snippet the site shows is compiled against the real client packages, so a snippet cannot rot: a renamed
// path, a changed parameter or an example that no longer fits the types fails here, naming the operation.
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { apisWithClients } from "../src/build.ts";
import { operationSnippet } from "../src/snippets.ts";
import { operationsOf, type JsonObject } from "../src/spec.ts";

const dist = fileURLToPath(new URL("../dist", import.meta.url));
const workdir = fileURLToPath(new URL("../.snippets", import.meta.url));
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");

describe("the docs' TypeScript snippets", () => {
  it("compile against the client packages, one function per operation", async () => {
    rmSync(workdir, { recursive: true, force: true });
    mkdirSync(workdir, { recursive: true });
    const files: string[] = [];
    let count = 0;
    for (const { api, docs } of apisWithClients()) {
      const document = JSON.parse(readFileSync(join(dist, api.name, "openapi.json"), "utf8")) as JsonObject;
      const operations = operationsOf(document);
      const functions = operations.map((operation) => {
        const shipped = (operation.operation["x-codeSamples"] as { source: string }[] | undefined)?.[0]?.source ?? "";
        // The page must show exactly the call checked here.
        expect(shipped, `${api.name} ${operation.operationId}`).toContain(operationSnippet(document, operation, docs));
        const body = operationSnippet(document, operation, docs).replace(/\n/g, "\n  ");
        return `export async function ${operation.operationId}(): Promise<unknown> {\n  ${body}\n  return data ?? error;\n}`;
      });
      count += functions.length;
      const file = `${api.name}.ts`;
      writeFileSync(join(workdir, file), `import { createClient } from "${docs.package}";\n\n${docs.setup}\n\n${functions.join("\n\n")}\n`);
      files.push(file);
    }
    writeFileSync(
      join(workdir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { strict: true, noEmit: true, module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", lib: ["ES2022", "DOM"], types: [], skipLibCheck: true },
        files,
      }),
    );
    const result = await promisify(execFile)(process.execPath, [tsc, "-p", join(workdir, "tsconfig.json")], { cwd: workdir }).then(
      () => "",
      (error: { stdout: string }) => error.stdout,
    );
    expect(result).toBe("");
    expect(count).toBeGreaterThan(0);
  }, 120_000);
});
