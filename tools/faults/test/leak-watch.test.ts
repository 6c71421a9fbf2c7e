import { describe, expect, it } from "vitest";
import { leakFinder, showsSecret } from "../src/leak-watch.js";

const SECRET = "s3cret-Token_42";

describe("showsSecret", () => {
  it("finds a secret verbatim and URL-encoded", () => {
    expect(showsSecret(`GET /x?access_token=${SECRET}`, SECRET)).toBe(true);
    expect(showsSecret(`token=${encodeURIComponent("a b&c/d=e+f")}`, "a b&c/d=e+f")).toBe(true);
  });

  it("finds a secret form-encoded and JSON-escaped", () => {
    const secret = 'pa ss+&/"é%';
    expect(showsSecret(`password=${new URLSearchParams({ v: secret }).toString().slice(2)}`, secret)).toBe(true);
    expect(showsSecret(JSON.stringify({ password: secret }), secret)).toBe(true);
  });

  it("finds a secret inside base64 whatever its offset, as in a Basic header", () => {
    for (const prefix of ["", "a", "ab", "client-id:"]) {
      const header = `Authorization: Basic ${Buffer.from(`${prefix}${SECRET}`).toString("base64")}`;
      expect(showsSecret(header, SECRET), prefix).toBe(true);
    }
    expect(showsSecret(Buffer.from(`{"sub":"${SECRET}"}`).toString("base64url"), SECRET)).toBe(true);
  });

  it("does not flag text that only shares a prefix, or a redacted value", () => {
    expect(showsSecret("GET /x?access_token=[REDACTED]", SECRET)).toBe(false);
    expect(showsSecret(SECRET.slice(0, -1), SECRET)).toBe(false);
  });
});

describe("leakFinder", () => {
  it("tells a text that shows any of several secrets, in any encoding, from one that shows none", () => {
    const shows = leakFinder([SECRET, "another-secret-1"]);
    expect(shows(`failed with ${SECRET}`)).toBe(true);
    expect(shows(`Authorization: Basic ${Buffer.from("id:another-secret-1").toString("base64")}`)).toBe(true);
    expect(shows("GET /x -> 200")).toBe(false);
  });
});
