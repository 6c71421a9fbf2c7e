// Runs after every unit, contract and package test file (vitest.config.ts: a later project group). Each of those files
// recorded every error it caught, every error body it got and every line it logged, rendered every way a log can
// render them (message, String, JSON, util.inspect with hidden properties and causes); none may hold a credential.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { ACCESS_TOKEN, AUTH_CODE, CLIENT_ID, CLIENT_SECRET } from "./support/secrets.js";
import type { Rendering } from "./support/token-watch.js";

interface FileRecord {
  file: string;
  renderings: Rendering[];
}

const dir = inject("tokenWatchDir");
const records: FileRecord[] = readdirSync(dir).map((name) => JSON.parse(readFileSync(join(dir, name), "utf8")) as FileRecord);
const testFiles = ["unit", "contract", "package"].flatMap((folder) =>
  readdirSync(join(import.meta.dirname, folder))
    .filter((name) => name.endsWith(".test.ts"))
    .map((name) => `${folder}/${name}`),
);

const forms = {
  "the access token": [ACCESS_TOKEN],
  "the client secret": [CLIENT_SECRET, btoa(`${CLIENT_ID}:${CLIENT_SECRET}`)],
  "the authorization code": [AUTH_CODE],
};

describe("credentials across the whole suite", () => {
  it("were watched in every unit, contract and package test file of this run", () => {
    expect(records.map((record) => record.file).sort(), "run the whole suite (pnpm test), not this file alone").toEqual(testFiles.sort());
    const count = (folder: string) => records.filter((record) => record.file.startsWith(folder)).reduce((sum, record) => sum + record.renderings.length, 0);
    expect(count("unit/")).toBeGreaterThan(100);
    expect(count("contract/")).toBeGreaterThan(10);
  });

  it.each(Object.entries(forms))("never show %s in an error, an error body or a log line", (_name, values) => {
    const leaks = records.flatMap((record) =>
      record.renderings.filter((rendering) => values.some((value) => rendering.text.includes(value))).map((rendering) => `${record.file}: ${rendering.what}: ${rendering.text.slice(0, 300)}`),
    );
    expect(leaks).toEqual([]);
  });
});
