import { describe, expect, it } from "vitest";
import { checkNumber, InputError } from "../src/index.js";

describe("checkNumber", () => {
  it("returns the fallback for undefined and the value when it is within the rule", () => {
    expect(checkNumber(undefined, "delay", 7, { min: 1, max: 31 })).toBe(7);
    expect(checkNumber(31, "delay", 7, { min: 1, max: 31, integer: true })).toBe(31);
  });

  it.each<[string, unknown, string]>([
    ["below min", 0, "delay must be an integer from 1 to 31 (days), got 0"],
    ["above max", 32, "delay must be an integer from 1 to 31 (days), got 32"],
    ["a fraction where an integer is asked", 1.5, "delay must be an integer from 1 to 31 (days), got 1.5"],
    ["NaN", Number.NaN, "delay must be an integer from 1 to 31 (days), got NaN"],
    ["a numeric string", "5", "delay must be an integer from 1 to 31 (days), got a string"],
  ])("refuses %s with an InputError naming the field and the rule", (_, value, message) => {
    expect(() => checkNumber(value, "delay", 7, { min: 1, max: 31, integer: true, hint: "days" })).toThrow(new InputError("delay", message));
  });

  // Past 2^53 a number is no longer exact (2^53 + 1 is read as 2^53) and from 1e21 it is written "1e+21": neither is the
  // whole number the caller meant, though Number.isInteger says both are integers.
  it("takes an integer up to 2^53 - 1 and refuses one past it, or 1e21, where an integer is asked", () => {
    expect(checkNumber(2 ** 53 - 1, "offset", 0, { min: 0, integer: true })).toBe(2 ** 53 - 1);
    expect(() => checkNumber(2 ** 53, "offset", 0, { min: 0, integer: true })).toThrow(new InputError("offset", `offset must be an integer >= 0, got ${2 ** 53}`));
    expect(() => checkNumber(1e21, "offset", 0, { min: 0, integer: true })).toThrow(new InputError("offset", "offset must be an integer >= 0, got 1e+21"));
    expect(checkNumber(1e21, "offset", 0, { min: 0 })).toBe(1e21);
  });

  // The rule's max is optional; a JavaScript caller may write null for none, as for any other option left out.
  it("reads a max left out, or null, as no bound", () => {
    expect(checkNumber(1e12, "limit", 0, { min: 0 })).toBe(1e12);
    expect(checkNumber(1e12, "limit", 0, { min: 0, max: null as unknown as number })).toBe(1e12);
    expect(() => checkNumber(-1, "limit", 0, { min: 0, max: null as unknown as number })).toThrow(new InputError("limit", "limit must be a number >= 0, got -1"));
  });
});
