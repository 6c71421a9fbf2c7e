// Every public package as a user gets it: packed, installed outside the workspace, then loaded from Node ESM and CJS
// and typechecked under moduleResolution node16 (from ESM and from CJS) and bundler; publint and attw on each.
import { createServer } from "node:http";
import { rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installPacked, publicPackages, run } from "../src/index.ts";
import { usage } from "./usage.ts";

const packages = publicPackages();
const require = createRequire(import.meta.url);
const tsc = require.resolve("typescript/bin/tsc");
// Both CLIs run from their installed bin scripts, so the versions are the ones in this package's devDependencies.
const bin = (name: string) => join(import.meta.dirname, "../node_modules/.bin", name);
let scratch: string;

beforeAll(async () => {
  scratch = await installPacked(packages, "apis-pack-check-");
}, 300_000);

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

it("finds the runtime and the five vendor packages, each with a usage row", () => {
  expect(packages.map((pkg) => pkg.name).sort()).toEqual(["@apis/cmix", "@apis/cx", "@apis/runtime", "@apis/survey-dynamix", "@apis/wootric", "@apis/wootric-cxi"]);
  for (const pkg of packages) expect(Object.keys(usage)).toContain(pkg.name);
});

describe.each(packages)("$name", (pkg) => {
  const use = usage[pkg.name]!;
  const stem = pkg.name.replace("@apis/", "");

  it("passes publint --strict", async () => {
    const result = await run(bin("publint"), ["--strict", pkg.dir], { cwd: pkg.dir });
    expect(result.stdout + result.stderr).toContain("All good!");
    expect(result.code).toBe(0);
  });

  it("passes attw --pack for node10, node16 from CJS and ESM, and bundler", async () => {
    const result = await run(bin("attw"), ["--pack", ".", "--format", "json"], { cwd: pkg.dir });
    const report = JSON.parse(result.stdout) as { analysis: { problems: unknown[] } };
    expect(report.analysis.problems).toEqual([]);
    expect(result.code).toBe(0);
  });

  it("exports the same names from its ESM and CJS builds, on one runtime per module system", async () => {
    const probe = `const names = Object.keys(pkg).filter((name) => name !== "default" && name !== "module.exports").sort();
const client = pkg.${use.factory}(${use.args});
console.log(JSON.stringify({ names, method: typeof client.${use.method}, sameInputError: pkg.InputError === runtime.InputError }));`;
    await writeFile(join(scratch, `${stem}.mjs`), `import * as pkg from "${pkg.name}";\nimport * as runtime from "@apis/runtime";\n${probe}\n`);
    await writeFile(join(scratch, `${stem}.cjs`), `const pkg = require("${pkg.name}");\nconst runtime = require("@apis/runtime");\n${probe}\n`);
    const esm = JSON.parse((await run(process.execPath, [`${stem}.mjs`], { cwd: scratch })).stdout || "null");
    const cjs = JSON.parse((await run(process.execPath, [`${stem}.cjs`], { cwd: scratch })).stdout || "null");
    expect(esm).toMatchObject({ method: "function", sameInputError: true });
    expect(esm.names).toContain("InputError");
    expect(esm.names).toContain(use.factory);
    expect(cjs).toEqual(esm);
  });

  it.each(["node16", "bundler"] as const)("typechecks a call and rejects wrong options with moduleResolution %s", async (resolution) => {
    const source = `import { ${use.factory}, InputError } from "${pkg.name}";
export const method = ${use.factory}(${use.args}).${use.method};
export const error: InputError = new InputError("field", "what to fix");
// @ts-expect-error options no version of this package accepts
${use.factory}(${use.wrongArgs});
`;
    // Under node16 a .mts file resolves the "import" condition and a .cts file the "require" one.
    const files = resolution === "node16" ? [`${stem}.types.mts`, `${stem}.types.cts`] : [`${stem}.types.ts`];
    for (const file of files) await writeFile(join(scratch, file), source);
    const module = resolution === "node16" ? "node16" : "esnext";
    const tsconfig = `${stem}.tsconfig.${resolution}.json`;
    await writeFile(
      join(scratch, tsconfig),
      JSON.stringify({ compilerOptions: { strict: true, module, moduleResolution: resolution, target: "ES2022", lib: ["ES2022", "DOM"], types: [], noEmit: true, skipLibCheck: false }, files }),
    );
    const result = await run(process.execPath, [tsc, "-p", tsconfig], { cwd: scratch });
    expect(result.stdout).toBe("");
    expect(result.code).toBe(0);
  });
});

describe("the packed @apis/runtime", () => {
  it("makes a real request through openapi-fetch from both its ESM and its CJS build", async () => {
    const server = createServer((request, response) => {
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ path: request.url }));
    });
    await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
    const { port } = server.address() as { port: number };
    const call = `const client = runtime.createApiClient({ baseUrl: "http://127.0.0.1:${port}", operations: {}, auth: { type: "none" } });
client.GET("/ping").then(({ data }) => console.log(JSON.stringify(data)));`;
    try {
      await writeFile(join(scratch, "request.mjs"), `import * as runtime from "@apis/runtime";\n${call}\n`);
      await writeFile(join(scratch, "request.cjs"), `const runtime = require("@apis/runtime");\n${call}\n`);
      for (const file of ["request.mjs", "request.cjs"]) {
        const result = await run(process.execPath, [file], { cwd: scratch });
        expect(result.stderr).toBe("");
        expect(JSON.parse(result.stdout)).toEqual({ path: "/ping" });
      }
    } finally {
      server.close();
    }
  });
});
