import { describe, expect, it } from "vitest";
import { describeValue, InvalidResponseError, shown } from "../src/index.js";
import { itemsOf } from "../src/paginate.js";

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

describe("describeValue", () => {
  it.each<[string, unknown, string]>([
    ["a typed array by its class", new Uint8Array(1), "a Uint8Array"],
    ["a URL", new URL("https://example.com/"), "a URL"],
    ["a class of the caller's own", new (class Tag {})(), "a Tag"],
    // A "constructor" field parsed from a server's JSON names no class: its text (a terminal escape) is not quoted.
    ["an object with a constructor field of its own", JSON.parse('{"constructor":{"name":"\\u001b[2J\\u202eforged"}}'), "an object"],
    ["an object whose class name is no identifier", Object.defineProperty(new (class {})(), "constructor", { value: { name: "x".repeat(41) } }), "an object"],
    ["an object without a prototype", Object.create(null), "an object"],
    // Nor does one whose text is a class's name, or any words (found by a review).
    ["an object with a constructor field naming a class", JSON.parse('{"constructor":{"name":"Array"}}'), "an object"],
    ["an object with a constructor field of words", JSON.parse('{"constructor":{"name":"CALL_1_800_555_0199_TO_VERIFY"}}'), "an object"],
  ])("names %s", (_name, value, expected) => {
    expect(describeValue(value)).toBe(expected);
  });

  it("names a server's page that is an object with a constructor field an object, in the error for a page that is no list", () => {
    const data = JSON.parse('{"constructor":{"name":"\\u001b[2J\\u202eforged"}}');
    let error: unknown;
    try {
      itemsOf({ data, response: new Response("{}") }, (page) => page as unknown[], "page 2");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toMatch(/^Fetching page 2 failed: got an object, not a list/);
  });
});
