import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError, INTERACTION_DATA_KEY, interactionDataFields, RESERVED_DATA_KEYS } from "../../src/index.js";

const validKey = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,15}$/).filter((key) => !RESERVED_DATA_KEYS.includes(key));
const validValue = fc.oneof(fc.string(), fc.boolean(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer());

describe("interaction-data keys, property-based", () => {
  it("valid keys and values come back as the same keys with their text", () => {
    fc.assert(
      fc.property(fc.dictionary(validKey, validValue), (data) => {
        const fields = interactionDataFields(data);
        expect(Object.keys(fields).sort()).toEqual(Object.keys(data).sort());
        for (const [key, value] of Object.entries(data)) expect(fields[key]).toBe(String(value));
      }),
    );
  });

  it("arbitrary data never throws anything but an InputError naming the key at fault", () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.dictionary(fc.string({ unit: "binary" }), fc.anything())), (data) => {
        try {
          interactionDataFields(data);
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          expect((error as InputError).field.startsWith("data")).toBe(true);
        }
      }),
    );
  });

  it("a key outside the documented pattern is always refused", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", minLength: 1 }).filter((key) => !INTERACTION_DATA_KEY.test(key)), (key) => {
        expect(() => interactionDataFields({ [key]: "x" })).toThrow(InputError);
      }),
    );
  });
});
