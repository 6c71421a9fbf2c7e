// The leak watch fails the test file that leaked, by itself: no other suite, file exchange or run order involved.
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
// The package exports no path to its CLI script: it sits beside package.json.
const vitest = fileURLToPath(new URL("vitest.mjs", new URL(".", `file://${createRequire(import.meta.url).resolve("vitest/package.json")}`)));
const fixtures = fileURLToPath(new URL("./fixtures/leak-watch/", import.meta.url));
const SECRET = "fixture+secret/é-1234";

async function runFixture(name: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [vitest, "run", "--root", fixtures, `${name}.fixture.ts`], { env: { ...process.env, NO_COLOR: "1" } });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, output: stdout + stderr };
  }
}

describe("the leak watch", () => {
  it("fails a test file whose error and console line show a declared credential, naming where, not what", async () => {
    const { code, output } = await runFixture("leaks");
    expect(code).not.toBe(0);
    expect(output).toMatch(/leak watch: a declared credential shows, in some encoding, in 5 rendering\(s\): Error \(/);
    expect(output).toContain("console.log");
    // The report itself must not print the credential it found. (The fixture's own console line, which vitest echoes,
    // shows it percent-encoded; the raw and base64 forms appear nowhere.)
    expect(output).not.toContain(SECRET);
    expect(output).not.toContain(Buffer.from(`ana:${SECRET}`).toString("base64"));
  });

  it("passes the same file with the credential redacted", async () => {
    const { code, output } = await runFixture("clean");
    expect(output).toMatch(/1 passed/);
    expect(code).toBe(0);
  });
});
