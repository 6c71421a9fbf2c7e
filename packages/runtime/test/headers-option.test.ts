import { describe, expect, it } from "vitest";
import { InputError, type ClientOptions } from "../src/index.js";
import { observedClient } from "./fixtures.js";
import { json } from "./helpers.js";

// The client-wide `headers` option (checkHeadersOption): what it sends, and what it refuses before any request.
const setup = (headers: unknown) => observedClient(() => json({ ok: true }), { headers: headers as ClientOptions["headers"] });

function refusal(headers: unknown): { field: string; message: string } | string {
  try {
    setup(headers);
    return "accepted";
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { field: error.field, message: error.message };
  }
}

describe("the headers option", () => {
  it("sends a Headers, an array of pairs and a record alike, a record's list of values as one header each", async () => {
    const sent: (string | null)[][] = [];
    for (const headers of [new Headers({ "X-A": "1" }), [["X-A", "1"]], { "X-A": 1, "X-B": ["b", true], "X-C": null }]) {
      const { client, calls } = setup(headers);
      await client.GET("/items");
      sent.push(["x-a", "x-b", "x-c"].map((name) => calls[0]!.headers.get(name)));
    }
    expect(sent).toEqual([
      ["1", null, null],
      ["1", null, null],
      ["1", "b, true", null],
    ]);
  });

  it("refuses what is no Headers, record or array of string pairs, naming the field and not the value", () => {
    expect(refusal("X-A: secret-value")).toEqual({ field: "headers", message: "headers must be a Headers, a { name: value } record or an array of [name, value] pairs, got a string" });
    expect(refusal(null)).toEqual({ field: "headers", message: "headers must be a Headers, a { name: value } record or an array of [name, value] pairs, got null" });
    expect(refusal([["X-A", "1"], ["X-B", 2]])).toEqual({ field: "headers", message: "headers must be a Headers, a { name: value } record or an array of [name, value] pairs of strings; one entry is an array" });
    expect(refusal([["X-A", "1"], "X-B"])).toEqual({ field: "headers", message: "headers must be a Headers, a { name: value } record or an array of [name, value] pairs of strings; one entry is a string" });
  });

  it("takes exactly the names and values the platform's Headers takes, whether or not they are plain ASCII", () => {
    const names = ["X-A", "x_a", "X~!#$%&'*+.^`|", "X A", "X:A", "Xé", "", "X\u0100"];
    const values = ["", " padded ", "a\tb", "é ÿ", "ā", "a\nb", "a\rb", "a\u0000b", "ascii ~!\"#"];
    for (const name of names) {
      for (const value of values) {
        let platform = "accepted";
        try {
          new Headers([[name, value]]);
        } catch {
          platform = "refused";
        }
        expect([name, value, refusal({ [name]: value }) === "accepted" ? "accepted" : "refused"]).toEqual([name, value, platform]);
      }
    }
  });

  it("refuses a value of another type, and one or a name HTTP cannot carry, without quoting the value", () => {
    expect(refusal({ "X-A": { token: "secret-value" } })).toEqual({ field: "headers", message: "headers: a header value must be a string, number or boolean, got an object" });
    expect(refusal({ "X-A": ["1", () => "secret-value"] })).toEqual({ field: "headers", message: "headers: a header value must be a string, number or boolean, got a function" });
    expect(refusal({ "X-A": "secret\nvalue" })).toEqual({ field: "headers", message: "headers: header X-A cannot be sent (a line break, control or non-Latin-1 character)" });
    expect(refusal([["X A", "secret-value"]])).toEqual({ field: "headers", message: "headers: a header name cannot be sent (a line break, control or non-Latin-1 character)" });
  });
});
