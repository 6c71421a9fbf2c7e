import { describe, expect, it } from "vitest";
import { InputError, type ClientOptions } from "../src/index.js";
import { observedClient } from "./fixtures.js";
import { caught, json } from "./helpers.js";

// What a JavaScript caller without the types may hand a client, and what it must not turn into: a request to another
// host, headers or a query dropped without a word, a platform error quoting a header's value.
describe("a careless caller", () => {
  it("refuses a path without its leading slash, which would name another host, and sends nothing", async () => {
    const { client, calls } = observedClient(() => json([]));
    const error = await caught(client.GET("items" as "/items"));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe("path");
    expect(calls).toEqual([]);
  });

  // openapi-fetch reads a null init as none; the client threw a TypeError ("reading 'baseUrl'") before sending.
  it("reads a call's null init as none, as openapi-fetch does", async () => {
    const { client, calls } = observedClient(() => json([]));
    const { data } = await client.GET("/items", null as never);
    expect(data).toEqual([]);
    expect(calls.map((request) => String(request.url))).toEqual(["https://api.example.com/items"]);
  });

  // openapi-fetch defaults params only when it is undefined: a null one threw a TypeError ("reading 'header'").
  it("reads a call's null params as none, as it reads a null init", async () => {
    const { client, calls } = observedClient(() => json([]));
    const { data } = await client.GET("/items", { params: null as never });
    expect(data).toEqual([]);
    expect(calls.map((request) => String(request.url))).toEqual(["https://api.example.com/items"]);
  });

  // The form writer threw a TypeError, which no caller catching InputError for bad input expects.
  it("refuses a form body that is no object (null, a list, a number), or holds a field no form can write, with an InputError on body, and sends nothing", async () => {
    const { client, calls } = observedClient(() => json({}));
    for (const body of [null, [], 5, { seats: NaN }, { plan: { since: new Date(NaN) } }]) {
      const error = await caught(client.POST("/forms", { body: body as never }));
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).field).toBe("body");
    }
    expect(calls).toEqual([]);
  });

  it("refuses a query that is no object of parameters (URLSearchParams, a Map, a string) instead of sending none", async () => {
    const { client, calls } = observedClient(() => json([]));
    for (const query of [new URLSearchParams("limit=5"), new Map([["limit", 5]]), "limit=5"]) {
      const error = await caught(client.GET("/items", { params: { query: query as never } }));
      expect((error as InputError).field).toBe("params.query");
    }
    expect(calls).toEqual([]);
  });

  it("refuses headers given as a Map, for the client or a call, instead of sending none", async () => {
    expect(() => observedClient(() => json([]), { headers: new Map([["X-A", "1"]]) as unknown as ClientOptions["headers"] })).toThrow(
      "headers must be a Headers, a { name: value } record or an array of [name, value] pairs, got a Map",
    );
    const { client, calls } = observedClient(() => json([]));
    const error = await caught(client.GET("/items", { headers: new Map([["X-A", "1"]]) as never }));
    expect((error as InputError).field).toBe("headers");
    expect(calls).toEqual([]);
  });

  it("refuses a call's header value HTTP cannot carry without quoting it", async () => {
    const { client, calls } = observedClient(() => json([]));
    for (const headers of [{ "X-Api-Key": "key-secret\nvalue" }, [["X-Api-Key", "key-secret\u0000value"]]]) {
      const error = await caught(client.GET("/items", { headers: headers as never }));
      expect(error).toBeInstanceOf(InputError);
      expect(String((error as Error).message)).not.toContain("key-secret");
    }
    expect(calls).toEqual([]);
  });
});
