// unwrapWebhook as a browser bundle: no Node import reaches it, and the same bundle verifies the vendor's signed
// sample on Node 18, where WebCrypto is not global and the guarded dynamic import of node:crypto takes over.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { nodeBinary } from "@apis/runtime-binaries";
import { rolldown } from "rolldown";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "apis-wootric-bundle-"));
const fixtures = join(import.meta.dirname, "fixtures", "webhooks");
let code = "";
const warnings: string[] = [];

beforeAll(async () => {
  const bundle = await rolldown({
    input: join(import.meta.dirname, "..", "src", "index.ts"),
    platform: "browser",
    onLog: (level, log) => {
      if (level === "warn") warnings.push(log.message);
    },
  });
  try {
    const { output } = await bundle.generate({ format: "esm", codeSplitting: false });
    code = output.map((chunk) => (chunk.type === "chunk" ? chunk.code : "")).join("");
  } finally {
    await bundle.close();
  }
  writeFileSync(join(dir, "wootric.mjs"), code);
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the browser bundle of @apis/wootric", () => {
  it("bundles without warnings and without a static Node import", () => {
    expect(warnings).toEqual([]);
    expect(code).not.toMatch(/\bfrom\s*["']node:/);
    expect(code).not.toMatch(/\brequire\(\s*["']node:/);
    expect(code).not.toMatch(/\bimport\(\s*["']node:/);
    expect(code).toContain("unwrapWebhook");
  });

  it("verifies the signed sample on Node 18 through node:crypto's webcrypto", async () => {
    const [name, signature] = readFileSync(join(fixtures, "signatures.txt"), "utf8").split("\n")[0]!.split(" ") as [string, string];
    const script = [
      `import { unwrapWebhook } from "./wootric.mjs";`,
      `import { readFileSync } from "node:fs";`,
      `const body = readFileSync(${JSON.stringify(join(fixtures, name))});`,
      `const event = await unwrapWebhook(body, { "X-Wootric-Signature": ${JSON.stringify(signature)} }, "09dfb1b73af998743fb011f8bfda8912");`,
      `let refused = "";`,
      `try { await unwrapWebhook(body, { "x-wootric-signature": ${JSON.stringify(signature)} }, "wrong-secret"); } catch (error) { refused = error.reason; }`,
      `console.log(JSON.stringify({ node: process.version, globalCrypto: typeof globalThis.crypto, type: event.type, score: event.response.score, refused }));`,
    ].join("\n");
    writeFileSync(join(dir, "run.mjs"), script);
    const { stdout } = await promisify(execFile)(nodeBinary("18"), [join(dir, "run.mjs")], { cwd: dir });
    expect(JSON.parse(stdout)).toEqual({ node: expect.stringMatching(/^v18\./), globalCrypto: "undefined", type: "response.created", score: 7, refused: "signature-mismatch" });
  }, 60_000);
});
