// Every public package as a user gets it: packed, installed outside the workspace, then loaded from Node ESM and CJS
// and typechecked under moduleResolution node16 (from ESM and from CJS) and bundler; publint and attw on each. Each
// package's own calls are its row, test/package/packed.ts: its typed usage module and a run against a local server.
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { readdir, rm, writeFile } from "node:fs/promises";
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

/** A package's file stem in the scratch folder: `@apis/wootric-cxi` writes wootric-cxi.types.mts and the like. */
const stemOf = (name: string) => name.replace("@apis/", "");

/** The source that calls a package's factory, which `tsc` must accept, and its wrong options, which it must refuse. */
function callSource(name: string): string {
  const { factory = "createClient", method = "GET", ...use } = usage[name]!;
  return `import { ${factory}, InputError } from "${name}";
export const method = ${factory}(${use.args}).${method};
export const error: InputError = new InputError("field", "what to fix");
// @ts-expect-error options no version of this package accepts
${factory}(${use.wrongArgs});
`;
}

/** The files of each compiler setup, for one package. Under node16 a .mts file resolves "import" and a .cts one "require". */
const setups = {
  node16: { module: "node16", moduleResolution: "node16", lib: ["ES2022", "DOM"], files: (stem: string) => [`${stem}.types.mts`, `${stem}.types.cts`] },
  bundler: { module: "esnext", moduleResolution: "bundler", lib: ["ES2022", "DOM"], files: (stem: string) => [`${stem}.types.ts`] },
  // Under exactOptionalPropertyTypes, which strict projects turn on: an option given a value that may be undefined.
  usage: { module: "NodeNext", moduleResolution: "NodeNext", lib: ["ES2022", "DOM"], exactOptionalPropertyTypes: true, files: (stem: string) => [`${stem}.usage.mts`] },
} as const;
const programs = new Map<keyof typeof setups, Promise<string[]>>();

/**
 * What `tsc` reports against one package's files under a compiler setup, and what it reports against no package's
 * file (a library's, or a failure to start), which counts against every package. One program per setup covers every
 * package: tsc's start and its DOM library cost seconds a run, paid once instead of once a package.
 */
async function diagnosticsOf(setup: keyof typeof setups, stem: string): Promise<string[]> {
  if (!programs.has(setup)) programs.set(setup, compile(setup));
  const stems = packages.map((pkg) => stemOf(pkg.name));
  return (await programs.get(setup)!).filter((diagnostic) => diagnostic.startsWith(`${stem}.`) || !stems.some((other) => diagnostic.startsWith(`${other}.`)));
}

async function compile(setup: keyof typeof setups): Promise<string[]> {
  const { files, ...options } = setups[setup];
  const written: string[] = [];
  for (const pkg of packages) {
    const source = setup === "usage" ? usage[pkg.name]!.types : callSource(pkg.name);
    if (source === undefined) continue;
    for (const file of files(stemOf(pkg.name))) {
      await writeFile(join(scratch, file), source);
      written.push(file);
    }
  }
  const compilerOptions = { strict: true, target: "ES2022", types: [], noEmit: true, skipLibCheck: false, ...options };
  await writeFile(join(scratch, `tsconfig.${setup}.json`), JSON.stringify({ compilerOptions, files: written }));
  const result = await run(process.execPath, [tsc, "-p", `tsconfig.${setup}.json`, "--pretty", "false"], { cwd: scratch });
  // One diagnostic a line, its further lines indented under it.
  const diagnostics = result.stdout.split(/\n(?=\S)/).filter((text) => text.trim() !== "");
  return result.code === 0 || diagnostics.length > 0 ? diagnostics : [`tsc -p tsconfig.${setup}.json exited ${result.code}: ${result.stderr}`];
}

describe.each(packages)("$name", (pkg) => {
  const { factory = "createClient", method = "GET", ...use } = usage[pkg.name]!;
  const stem = stemOf(pkg.name);

  it("passes publint --strict", async () => {
    const result = await run(bin("publint"), ["--strict", pkg.dir], { cwd: pkg.dir });
    expect(result.stdout + result.stderr).toContain("All good!");
    expect(result.code).toBe(0);
  });

  // The tarball installPacked made with pnpm pack, which users get (attw --pack would pack it again, with npm).
  it("passes attw on its packed tarball for node10, node16 from CJS and ESM, and bundler", async () => {
    const tarballs = await readdir(join(scratch, "tarballs"));
    const tarball = tarballs.find((file) => file.startsWith(`apis-${stem}-`) && /^\d/.test(file.slice(`apis-${stem}-`.length)));
    expect(tarball, tarballs.join(", ")).toBeDefined();
    const result = await run(bin("attw"), [join(scratch, "tarballs", tarball!), "--format", "json"], { cwd: pkg.dir });
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
    expect(await diagnosticsOf(resolution, stem)).toEqual([]);
  });

  if (use.types !== undefined) it("compiles its own correct calls and rejects each wrong one under NodeNext", async () => {
    expect(await diagnosticsOf("usage", stem)).toEqual([]);
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
