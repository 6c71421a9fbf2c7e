import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toFormUrlEncoded, toMultipartFormData } from "../src/index.js";

type Parsed = { [key: string]: string | string[] | Parsed };

/**
 * A Rails/qs-style decoder of bracket notation, written here so the serializer is judged by an independent reading:
 * `a[b][c]=v` nests, `a[]=v` appends to a list.
 */
function parseBrackets(body: string): Parsed {
  const root: Parsed = {};
  for (const pair of body.split("&").filter(Boolean)) {
    const eq = pair.indexOf("=");
    const decode = (text: string) => decodeURIComponent(text.replace(/\+/g, " "));
    const name = decode(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? "" : decode(pair.slice(eq + 1));
    const head = name.slice(0, name.indexOf("[") < 0 ? name.length : name.indexOf("["));
    const keys = [head, ...[...name.slice(head.length).matchAll(/\[([^\]]*)\]/g)].map((match) => match[1]!)];
    let node: Parsed = root;
    keys.forEach((key, index) => {
      const last = index === keys.length - 1;
      const next = keys[index + 1];
      if (last) {
        node[key] = value;
      } else if (next === "" && index + 1 === keys.length - 1) {
        const list = (node[key] ??= []) as string[];
        list.push(value);
        keys.length = 0;
      } else {
        node = (node[key] ??= {}) as Parsed;
      }
    });
  }
  return root;
}

const key = fc.stringMatching(/^[a-z][a-z0-9_]{0,7}$/);
const text = fc.string({ unit: "grapheme", maxLength: 20 });
// Non-empty objects and lists: the serializer leaves empty ones out, so they could not come back.
const formValue: fc.Arbitrary<Parsed> = fc.letrec<{ node: Parsed; value: string | string[] | Parsed }>((tie) => ({
  node: fc.dictionary(key, tie("value"), { minKeys: 1, maxKeys: 4 }),
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, text, fc.array(text, { minLength: 1, maxLength: 4 }), tie("node")),
})).node;

describe("form serializers, property-based", () => {
  it("bracket-notation bodies round-trip through a Rails/qs-style parser", () => {
    fc.assert(
      fc.property(formValue, (value) => {
        expect(parseBrackets(toFormUrlEncoded(value))).toEqual(value);
      }),
    );
  });

  it("arbitrary input never throws anything but a TypeError naming what is wrong", () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true }), (value) => {
        for (const serialize of [toFormUrlEncoded, (input: Record<string, unknown>) => toMultipartFormData(input)]) {
          try {
            serialize(value as Record<string, unknown>);
          } catch (error) {
            expect(error).toBeInstanceOf(TypeError);
            expect((error as TypeError).message.length).toBeGreaterThan(10);
          }
        }
      }),
    );
  });
});
