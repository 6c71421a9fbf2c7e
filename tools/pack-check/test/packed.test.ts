// Every public package as a user gets it: packed, installed outside the workspace, then loaded from Node ESM and CJS
// and typechecked under moduleResolution node16 (from ESM and from CJS) and bundler; publint and attw on each. Each
// package's own calls are its row, test/package/packed.ts: its typed usage module and a run against a local server.
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { PackedRun, PackedUsage } from "@apis/faults/packed";
import { vendorPackages } from "@apis/spec";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installPacked, publicPackages, run } from "../src/index.ts";

// APIS_PACK_CHECK_ONLY=@apis/a,@apis/b checks only those (with the runtime they need), as the scaffold test does.
const only = process.env.APIS_PACK_CHECK_ONLY?.split(",");
const packages = publicPackages().filter((pkg) => only === undefined || pkg.name === "@apis/runtime" || only.includes(pkg.name));
const usage: Record<string, PackedUsage> = Object.fromEntries(
  await Promise.all(packages.map(async (pkg) => [pkg.name, ((await import(join(pkg.dir, "test/package/packed.ts"))) as { usage: PackedUsage }).usage] as const)),
);
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

if (only === undefined) it("finds the runtime and every vendor package redocly.yaml registers that is not private, each with a usage row", () => {
  const published = vendorPackages().filter((pkg) => !(JSON.parse(readFileSync(join(pkg.dir, "package.json"), "utf8")) as { private?: boolean }).private);
  expect(packages.map((pkg) => pkg.name).sort()).toEqual(["@apis/runtime", ...published.map((pkg) => pkg.name)].sort());
  for (const pkg of packages) expect(usage[pkg.name]).toMatchObject({ args: expect.any(String), wrongArgs: expect.any(String) });
});

/** Serves `run.answer` on 127.0.0.1 while `body` runs, recording each request as `METHOD url authorization`. */
async function serving<T>(answer: PackedRun["answer"], body: (base: string, seen: string[]) => Promise<T>): Promise<T> {
  const seen: string[] = [];
  const server = createServer((request, response) => {
    seen.push(`${request.method} ${request.url} ${request.headers.authorization ?? "-"}`);
    let text = "";
    request.on("data", (chunk: Buffer) => (text += chunk.toString("latin1")));
    request.on("end", () => {
      const { status = 200, type = "application/json", body: reply } = answer({ method: request.method!, url: request.url!, body: text });
      response.statusCode = status;
      response.setHeader("content-type", type);
      response.end(typeof reply === "string" ? reply : JSON.stringify(reply));
    });
  });
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  try {
    return await body(`http://127.0.0.1:${(server.address() as { port: number }).port}`, seen);
  } finally {
    server.close();
  }
}

describe.each(packages)("$name", (pkg) => {
  const { factory = "createClient", method = "GET", ...use } = usage[pkg.name]!;
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
const client = pkg.${factory}(${use.args});
console.log(JSON.stringify({ names, method: typeof client.${method}, sameInputError: pkg.InputError === runtime.InputError }));`;
    await writeFile(join(scratch, `${stem}.mjs`), `import * as pkg from "${pkg.name}";\nimport * as runtime from "@apis/runtime";\n${probe}\n`);
    await writeFile(join(scratch, `${stem}.cjs`), `const pkg = require("${pkg.name}");\nconst runtime = require("@apis/runtime");\n${probe}\n`);
    const esm = JSON.parse((await run(process.execPath, [`${stem}.mjs`], { cwd: scratch })).stdout || "null");
    const cjs = JSON.parse((await run(process.execPath, [`${stem}.cjs`], { cwd: scratch })).stdout || "null");
    expect(esm).toMatchObject({ method: "function", sameInputError: true });
    expect(esm.names).toContain("InputError");
    expect(esm.names).toContain(factory);
    expect(cjs).toEqual(esm);
  });

  it.each(["node16", "bundler"] as const)("typechecks a call and rejects wrong options with moduleResolution %s", async (resolution) => {
    const source = `import { ${factory}, InputError } from "${pkg.name}";
export const method = ${factory}(${use.args}).${method};
export const error: InputError = new InputError("field", "what to fix");
// @ts-expect-error options no version of this package accepts
${factory}(${use.wrongArgs});
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

  if (use.types !== undefined) it("compiles its own correct calls and rejects each wrong one under NodeNext", async () => {
    await writeFile(join(scratch, `${stem}.usage.mts`), use.types!);
    const compilerOptions = { strict: true, module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", noEmit: true, skipLibCheck: false, lib: ["ES2022", "DOM"], types: [] };
    await writeFile(join(scratch, `${stem}.tsconfig.usage.json`), JSON.stringify({ compilerOptions, files: [`${stem}.usage.mts`] }));
    const result = await run(process.execPath, [tsc, "-p", `${stem}.tsconfig.usage.json`], { cwd: scratch });
    expect(result.stdout).toBe("");
    expect(result.code).toBe(0);
  });

  if (use.run !== undefined) it(`runs from its ESM entry point: ${use.run.proves}`, async () => {
    const { script, scriptCommonJs, answer, prints, seen: expected } = use.run!;
    for (const [file, text] of [[`${stem}.main.mjs`, script], [`${stem}.main.cjs`, scriptCommonJs]] as const) {
      if (text === undefined) continue;
      await serving(answer, async (base, seen) => {
        await writeFile(join(scratch, file), text(base));
        const result = await run(process.execPath, [file], { cwd: scratch });
        expect(result.stderr).toBe("");
        expect(JSON.parse(result.stdout)).toEqual(prints);
        expect(seen).toEqual(expected);
      });
    }
  });
});
