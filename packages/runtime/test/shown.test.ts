import { describe, expect, it } from "vitest";
import { describeValue, fieldError, InvalidResponseError, nameShown, rememberSecret, shown } from "../src/index.js";
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
    ["a plain space as it is", "a b", '"a b"'],
    ["a string of 100 characters whole", "x".repeat(100), `"${"x".repeat(100)}"`],
    ["a longer one cut to 97 characters and ...", "x".repeat(101), `"${"x".repeat(97)}..."`],
    // JSON.stringify writes C0 controls as escapes already; the rest of \p{C} and \p{Z} it would write as they are.
    ["a C0 control as JSON writes it", "a\u001b[2Jb", '"a\\u001b[2Jb"'],
    ["a C1 control (CSI) escaped", "a\u009b2Jb", '"a\\u009b2Jb"'],
    ["a bidi override escaped", "abc\u202edef", '"abc\\u202edef"'],
    ["a no-break and a zero-width space escaped", "2020-07-16\u00a0\u200b", '"2020-07-16\\u00a0\\u200b"'],
    ["a line separator escaped", "a\u2028b", '"a\\u2028b"'],
    ["an astral format character as its two UTF-16 escapes", "a\u{e0041}", '"a\\udb40\\udc41"'],
    ["letters, accents and emoji as they are", "Café 日本 👍", '"Café 日本 👍"'],
  ])("quotes %s", (_name, value, expected) => {
    expect(shown(value)).toBe(expected);
  });

  // A caller who passes its token where an address or a path goes (an argument slipped) would find it in the error,
  // and in every log the error reaches: a credential a client holds is redacted in any form, before the cut.
  it("redacts a credential a client holds, in any form and wherever it falls in the value, before the cut", () => {
    const token = "shown-token-8a7d6c5b4e3f";
    rememberSecret(token);
    expect(shown(token)).toBe('"[redacted]"');
    expect(shown(`self:${encodeURIComponent(token)}`)).toBe('"self:[redacted]"');
    expect(shown(`${"a".repeat(90)}${token}`)).toBe(`"${"a".repeat(90)}[redacted]"`);
    expect(shown(`Bearer ${token}x`)).not.toContain("8a7d6c5b4e3f");
    expect(nameShown(`${token}\u202e`)).not.toContain("8a7d6c5b4e3f");
    expect(fieldError("email", `must be an e-mail address, got ${shown(token)}`).message).toBe('email must be an e-mail address, got "[redacted]"');
    // A long value (a CSV cell that swallowed the file) is read for credentials only as far as one could reach the quote.
    expect(shown(`${token}${"a".repeat(5_000_000)}`)).toBe(`"[redacted]${"a".repeat(87)}..."`);
  });

  it("writes nothing of a long value past its cut, and no character that acts on a terminal or the line's order", () => {
    const quoted = String(shown(`${"a".repeat(96)}\u202e${"secret-tail".repeat(1000)}`));
    expect(quoted).toBe(`"${"a".repeat(96)}\\u202e..."`);
    expect(quoted).not.toMatch(/[\u0080-\u009f\u202a-\u202e\u2066-\u2069]/);
  });
});

describe("nameShown", () => {
  it.each<[string, string, string]>([
    ["a plain name as it is", "start_date", "start_date"],
    ["a name with : . - $ as it is", "___context:renewal-date.v$", "___context:renewal-date.v$"],
    ["a letter beyond ASCII quoted", "prénom", '"prénom"'],
    ["64 characters as they are", "n".repeat(64), "n".repeat(64)],
    ["65 characters quoted", "n".repeat(65), `"${"n".repeat(65)}"`],
    ["a space quoted", "First name", '"First name"'],
    ["an empty name quoted", "", '""'],
    ["brackets as they are, as a query's wire names have them", "created[gt]", "created[gt]"],
    ["a bidi override escaped", "plan\u202e", '"plan\\u202e"'],
    ["a long name with controls cut and escaped", `\u001b[2J${"x".repeat(200)}`, `"\\u001b[2J${"x".repeat(93)}..."`],
  ])("writes %s", (_name, name, expected) => {
    expect(nameShown(name)).toBe(expected);
  });

  // A token pasted as a property name, a query key or a CSV column is a plain name too: written as it is, it went into
  // the error's field and message, and every log they reach.
  it("quotes and redacts a plain name that is or holds a credential a client holds", () => {
    const token = "name-shown-token_5f4e3d2c1b";
    rememberSecret(token);
    expect(nameShown(token)).toBe('"[redacted]"');
    expect(nameShown(`custom_${token}`)).toBe('"custom_[redacted]"');
    expect(fieldError(`properties.${nameShown(token)}`, "is no property name").field).toBe('properties."[redacted]"');
    expect(nameShown("start_date")).toBe("start_date");
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
    // A number a check refuses for being no number at all is named as it is: "got a number" would say nothing.
    ["NaN", NaN, "NaN"],
    ["-Infinity", -Infinity, "-Infinity"],
    ["a finite number", -1.5, "a number"],
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
