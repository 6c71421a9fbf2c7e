import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { filePath, InputError, MAX_NAME_LENGTH, parseFilePath } from "../../src/index.js";

const owner = fc.oneof(fc.constant("self"), fc.stringMatching(/^[A-Za-z0-9_-]{22}$/));
const name = fc
  .string({ unit: "grapheme", minLength: 1, maxLength: 40 })
  // Without "/" or NUL, and without a part that is "." or ".." once look-alikes are folded (NFKC) and ignorable characters
  // and white space dropped, between backslashes, folded slashes, yen or won signs: filePath refuses those.
  .filter(
    (segment) =>
      !/[/\0]/.test(segment) &&
      !segment.normalize("NFKC").replace(/\p{Default_Ignorable_Code_Point}|\s/gu, "").split(/[\\/\u00A5\u20A9]/).some((part) => part === "." || part === "..") &&
      segment.length <= MAX_NAME_LENGTH,
  );
const absolutePath = fc.array(name, { minLength: 1, maxLength: 5 }).map((segments) => `/${segments.join("/")}`);

describe("the CX path builder, property-based", () => {
  it("filePath and parseFilePath round-trip every valid owner and path", () => {
    fc.assert(
      fc.property(owner, absolutePath, (who, path) => {
        const built = filePath(who, path);
        expect(built.startsWith(`${who}:`)).toBe(true);
        expect(parseFilePath(built)).toEqual({ owner: who, path });
      }),
    );
  });

  it("arbitrary owners, paths and file-path strings never throw anything but an InputError", () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.string({ unit: "binary" }), (who, path, raw) => {
        for (const run of [() => filePath(who as string, path as string), () => parseFilePath(raw), () => parseFilePath(who as string)]) {
          try {
            run();
          } catch (error) {
            expect(error).toBeInstanceOf(InputError);
          }
        }
      }),
    );
  });
});
