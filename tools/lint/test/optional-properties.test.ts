import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { scanStrictOptionals, strictOptionals } from "../src/optional-properties.ts";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

describe("every optional property of a hand-written type takes undefined", () => {
  // Under exactOptionalPropertyTypes, createClient({ surveyBaseUrl: process.env.X }) and exportArchive(..., { signal })
  // with a signal that may be undefined were refused (TS2379), though the runtime reads undefined as left out.
  test("in packages/*/src (src/generated aside)", () => {
    expect(scanStrictOptionals(ROOT).map((found) => `${found.at}: ${found.property}`)).toEqual([]);
  });

  test("finds an optional property without undefined in interfaces, type literals and mapped types, and an optional method signature, and no other", () => {
    const text = [
      "export interface A { a?: number; b?: number | undefined; c: string; d?: (x: number) => void; e?: never; f?: unknown }",
      "type B = { g?: string | null; h?: (string | undefined) };",
      "type C = { [K in 'x']?: number };",
      "function f(optional?: number) { return { i: optional }; }",
      "interface D { j?(x: number): void; k(x: number): void; l?: ((x: number) => void) | undefined }",
      "class E { m?(): void {} }",
    ].join("\n");
    expect(strictOptionals("x.ts", text)).toEqual([
      { at: "x.ts:1", property: "a?: number;" },
      { at: "x.ts:1", property: "d?: (x: number) => void;" },
      { at: "x.ts:2", property: "g?: string | null;" },
      { at: "x.ts:3", property: "{ [K in 'x']?: number }" },
      { at: "x.ts:5", property: "j?(x: number): void;" },
    ]);
  });
});
