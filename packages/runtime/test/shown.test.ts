import { describe, expect, it } from "vitest";
import { shown } from "../src/index.js";

describe("shown", () => {
  it.each<[string, unknown, unknown]>([
    ["a number as it is written", 42, 42],
    ["a string quoted as JSON", 'eu"2', '"eu\\"2"'],
    ["an object described, not written out", { password: "hunter2-secret" }, "an object"],
    ["an array described, not written out", ["hunter2-secret"], "an array"],
    ["a BigInt described, where JSON.stringify throws", 1n, "a bigint"],
    ["an object whose references loop described, where JSON.stringify throws", (() => { const loop: Record<string, unknown> = {}; loop.self = loop; return loop; })(), "an object"],
    ["undefined as nothing", undefined, "nothing"],
    ["null", null, "null"],
  ])("quotes %s", (_name, value, expected) => {
    expect(shown(value)).toBe(expected);
  });
});
