import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { isPlainObject, toFormUrlEncoded, toMultipartFormData } from "../src/index.js";

/**
 * A small Rack/qs-style parser: `a[b]` nests, `a[]` appends, and `a[][k]` starts a new hash in the list when `k`
 * is already set in the last one (the Rails convention for arrays of objects).
 */
function parseBrackets(entries: Iterable<[string, unknown]>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    const [head = "", ...rest] = key.split("[").map((part, index) => (index === 0 ? part : part.replace(/]$/, "")));
    assign(root, [head, ...rest], value);
  }
  return root;
}

function assign(target: Record<string, unknown>, path: string[], value: unknown): void {
  const [name = "", next, ...rest] = path;
  if (next === undefined) {
    target[name] = value;
    return;
  }
  if (next === "") {
    const list = (target[name] ??= []) as unknown[];
    if (rest.length === 0) {
      list.push(value);
      return;
    }
    const last = list.at(-1) as Record<string, unknown> | undefined;
    const child = last && !(rest[0]! in last && rest.length === 1) && typeof last === "object" ? last : {};
    if (child !== last) list.push(child);
    assign(child, rest, value);
    return;
  }
  const child = (target[name] ??= {}) as Record<string, unknown>;
  assign(child, [next, ...rest], value);
}

const roundTrip = (value: Record<string, unknown>) => parseBrackets(new URLSearchParams(toFormUrlEncoded(value)));

describe("toFormUrlEncoded", () => {
  it("nests objects as a[b][c]=v", () => {
    expect(toFormUrlEncoded({ a: { b: { c: "v" } } })).toBe("a%5Bb%5D%5Bc%5D=v");
    expect(roundTrip({ a: { b: { c: "v" } }, d: "e" })).toEqual({ a: { b: { c: "v" } }, d: "e" });
  });

  it("writes arrays of scalars as a[]=1&a[]=2", () => {
    expect([...new URLSearchParams(toFormUrlEncoded({ a: [1, 2] }))]).toEqual([
      ["a[]", "1"],
      ["a[]", "2"],
    ]);
  });

  it("writes arrays of objects the Rails way, a[][k]=v&a[][j]=w", () => {
    const value = { people: [{ name: "Ana", age: 30 }, { name: "Bo", age: 40 }] };
    expect([...new URLSearchParams(toFormUrlEncoded(value))]).toEqual([
      ["people[][name]", "Ana"],
      ["people[][age]", "30"],
      ["people[][name]", "Bo"],
      ["people[][age]", "40"],
    ]);
    expect(roundTrip(value)).toEqual({ people: [{ name: "Ana", age: "30" }, { name: "Bo", age: "40" }] });
  });

  it("writes an object's arrays after its other fields, so Rack starts each list item at its own hash whatever the key order", () => {
    // Rack starts the next hash of a[] only at a key the last hash has, never at a[][list][]: were the list first,
    // the second item's list would be read as the first item's.
    const value = { responses: [{ custom_properties: [{ key: "plan", value: "Pro" }], id: 1 }, { custom_properties: [{ key: "plan", value: "Free" }], id: 2 }] };
    expect([...new URLSearchParams(toFormUrlEncoded(value))].map(([key]) => key).slice(0, 3)).toEqual([
      "responses[][id]",
      "responses[][custom_properties][][key]",
      "responses[][custom_properties][][value]",
    ]);
    expect(roundTrip(value)).toEqual({
      responses: [
        { id: "1", custom_properties: [{ key: "plan", value: "Pro" }] },
        { id: "2", custom_properties: [{ key: "plan", value: "Free" }] },
      ],
    });
  });

  it("writes booleans, numbers, bigints, dates and nulls as Rails reads them, and skips undefined", () => {
    const params = new URLSearchParams(
      toFormUrlEncoded({
        yes: true,
        no: false,
        int: 42,
        float: -1.5,
        big: 1e21,
        small: 1.5e-7,
        huge: 12345678901234567890n,
        when: new Date("2024-05-06T07:08:09.010Z"),
        nothing: null,
        skipped: undefined,
        nested: { skipped: undefined, kept: 0 },
      }),
    );
    expect(Object.fromEntries(params)).toEqual({
      yes: "true",
      no: "false",
      int: "42",
      float: "-1.5",
      big: "1000000000000000000000",
      small: "0.00000015",
      huge: "12345678901234567890",
      when: "2024-05-06T07:08:09.010Z",
      nothing: "",
      "nested[kept]": "0",
    });
  });

  it("escapes reserved characters in keys and values so they round-trip", () => {
    const value = { "q&a": "x=y&z", emoji: "ü 😀 +", deep: { "k k": "%20" } };
    expect(roundTrip(value)).toEqual(value);
  });

  it("leaves out empty arrays and objects", () => {
    expect(toFormUrlEncoded({ a: [], b: {}, c: "1" })).toBe("c=1");
  });

  it("lets the same object appear twice side by side (only cycles are refused)", () => {
    const shared = { x: 1 };
    expect(roundTrip({ a: shared, b: shared })).toEqual({ a: { x: "1" }, b: { x: "1" } });
  });

  it.each([
    ["a function", { hook: { fn: () => 1 } }, /Form field hook\[fn\] is a function: send a plain object, array or string$/],
    ["a symbol", { s: Symbol("x") }, /Form field s is a symbol/],
    ["NaN", { n: { m: NaN } }, /Form field n\[m\] is NaN: send a finite number or null$/],
    ["Infinity", { n: Infinity }, /Form field n is Infinity/],
    ["an invalid Date", { d: new Date("nope") }, /Form field d is an invalid Date/],
    ["a Map", { m: new Map() }, /Form field m is a Map/],
    ["a Blob", { file: new Blob(["x"]) }, /Form field file is a file, which only a multipart body can carry/],
    ["an array inside an array", { grid: [[1]] }, /Form field grid\[0\] is an array inside an array/],
    ["objects mixed with scalars", { list: [1, { a: 1 }] }, /Form field list mixes objects and scalars/],
  ])("throws a TypeError naming the key for %s", (_, value, message) => {
    expect(() => toFormUrlEncoded(value as Record<string, unknown>)).toThrow(TypeError);
    expect(() => toFormUrlEncoded(value as Record<string, unknown>)).toThrow(message);
  });

  it("throws a TypeError naming the key path of a cycle", () => {
    const node: Record<string, unknown> = { name: "root", child: { name: "c" } };
    (node.child as Record<string, unknown>).parent = node;
    expect(() => toFormUrlEncoded(node)).toThrow(/Form field child\[parent\] refers back to one of its parents/);
  });

  it("refuses a body that is not a plain object", () => {
    expect(() => toFormUrlEncoded([1] as never)).toThrow(/A form body must be a plain object, got an array/);
    expect(() => toFormUrlEncoded("a=1" as never)).toThrow(TypeError);
  });
});

// Jest runs each test file in a vm context: an object literal written there has that realm's Object.prototype, and
// was refused as "no plain object" (the form walk and the query check compared prototypes with this realm's).
describe("an object literal from another realm", () => {
  it("is a plain object, and is encoded as this realm's is", () => {
    const foreign = runInNewContext('({ name: "Jane", plan: { tier: "Pro", seats: [1, 2] } })') as Record<string, unknown>;
    expect(Object.getPrototypeOf(foreign)).not.toBe(Object.prototype);
    expect(isPlainObject(foreign)).toBe(true);
    expect(toFormUrlEncoded(foreign)).toBe(toFormUrlEncoded({ name: "Jane", plan: { tier: "Pro", seats: [1, 2] } }));
  });

  it("while a Date, a Map or an array from there is not", () => {
    for (const source of ["new Date(0)", "new Map()", "[1]"]) expect(isPlainObject(runInNewContext(source))).toBe(false);
    expect(() => toFormUrlEncoded(runInNewContext("new Date(0)") as never)).toThrow(/must be a plain object, got a Date/);
  });
});

describe("toMultipartFormData", () => {
  it("uses the same bracket notation for fields", () => {
    const form = toMultipartFormData({ survey: { id: 7, tags: ["a", "b"] }, people: [{ name: "Ana" }], on: true });
    expect([...form.entries()]).toEqual([
      ["survey[id]", "7"],
      ["survey[tags][]", "a"],
      ["survey[tags][]", "b"],
      ["people[][name]", "Ana"],
      ["on", "true"],
    ]);
    expect(parseBrackets(form.entries())).toEqual({ survey: { id: "7", tags: ["a", "b"] }, people: [{ name: "Ana" }], on: "true" });
  });

  it("makes Blob and File values file parts: a File keeps its name, a bare Blob is named blob", async () => {
    const form = toMultipartFormData({
      report: new File(["r"], "report.csv", { type: "text/csv" }),
      raw: new Blob(["b"]),
      nested: { files: [new Blob(["n"])] },
    });
    const report = form.get("report") as File;
    expect(report.name).toBe("report.csv");
    expect(report.type).toBe("text/csv");
    expect(await report.text()).toBe("r");
    expect((form.get("raw") as File).name).toBe("blob");
    expect((form.get("nested[files][]") as File).name).toBe("blob");
  });

  it("names bare Blobs as asked, by a fixed name or per key", () => {
    expect((toMultipartFormData({ f: new Blob(["x"]) }, { filename: "data.csv" }).get("f") as File).name).toBe("data.csv");
    const form = toMultipartFormData({ a: new Blob(["x"]), b: { c: new Blob(["y"]) } }, { filename: (key) => `${key}.bin` });
    expect((form.get("a") as File).name).toBe("a.bin");
    expect((form.get("b[c]") as File).name).toBe("b[c].bin");
  });

  it("throws a TypeError naming the key for unsupported values", () => {
    expect(() => toMultipartFormData({ a: { b: () => 1 } })).toThrow(/Form field a\[b\] is a function/);
  });
});
