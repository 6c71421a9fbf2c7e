import { describe, expect, it } from "vitest";
import { createClient, InputError } from "../../src/index.js";
import { json, observedFetch } from "@apis/faults/observed-fetch";
import { caught } from "@apis/faults/leak-watch";
import { ACCESS_TOKEN } from "../support/secrets.js";

// CX's call hooks add an Accept header and client_id to a call's own headers and query before the runtime checks
// them: what a caller without the types passes must be refused as it is, not as the hooks copied it.
describe("a careless caller of a CX client", () => {
  const cx = (fetch: typeof globalThis.fetch) => createClient({ auth: { type: "token", accessToken: ACCESS_TOKEN }, clientId: "app-1", fetch, maxRetries: 0 });

  it("refuses a call's headers given as a Map instead of sending none of them", async () => {
    const observed = observedFetch(() => json({}));
    const error = await caught(cx(observed.fetch).GET("/users/self", { headers: new Map([["X-Trace", "1"]]) as never }));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe("headers");
    expect(observed.requests).toEqual([]);
  });

  it("refuses a call's header array with a value HTTP cannot carry without quoting it", async () => {
    const observed = observedFetch(() => json({}));
    const error = await caught(cx(observed.fetch).GET("/users/self", { headers: [["X-Api-Key", "key-secret\nvalue"]] as never }));
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).not.toContain("key-secret");
    expect(observed.requests).toEqual([]);
  });

  it("refuses a query that is no object of parameters instead of sending client_id alone or its characters", async () => {
    const observed = observedFetch(() => json({}));
    for (const query of [new URLSearchParams("verbose=1"), "verbose=1"]) {
      const error = await caught(cx(observed.fetch).GET("/users/self", { params: { query: query as never } }));
      expect((error as InputError).field).toBe("params.query");
    }
    expect(observed.requests).toEqual([]);
  });
});
