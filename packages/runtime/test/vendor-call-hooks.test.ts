import { describe, expect, it } from "vitest";
import { defineVendorClient, InputError, TOKEN_AUTHORIZERS, type CallContext, type CallResult, type ClientOptions, type OperationTable } from "../src/index.js";

// A vendor's per-operation hooks (VendorDescription.calls) as a client made by defineVendorClient runs them.
const operations = {
  "/items": { get: { operationId: "listItems", security: ["bearerAuth"], response: "json" } },
} as const satisfies OperationTable;

type Options = Omit<ClientOptions, "baseUrl" | "servers" | "operations" | "auth"> & { auth: { type: "token"; accessToken: string } };

function vendor(calls: (options: Options) => { prepare?: (init: Record<string, unknown>, call: CallContext) => Record<string, unknown>; finish?: (result: CallResult, call: CallContext) => CallResult }) {
  return defineVendorClient<{ "/items": { get: { responses: { 200: { content: { "application/json": unknown } } } } } }, Options>({
    operations,
    hosts: { baseUrl: { default: "https://api.example.com" } },
    auth: { bearerAuth: { token: (auth) => ({ type: "bearer", token: auth.accessToken }) } },
    authorizers: TOKEN_AUTHORIZERS,
    authExample: '{ type: "token", accessToken }',
    calls,
  });
}

const auth = { type: "token", accessToken: "vendor-hook-token" } as const;
const fetch = async () => Response.json({ items: [1] });

describe("a vendor's call hooks", () => {
  it("are asked for once the client's options have passed their checks, so a bad option is refused first", () => {
    const asked: unknown[] = [];
    const createClient = vendor((options) => {
      asked.push(new Headers(options.headers as HeadersInit));
      return {};
    });
    expect(() => createClient({ auth, headers: { "X-A": "line\nbreak" }, fetch })).toThrow(InputError);
    expect(() => createClient({ auth, timeoutMs: -1, fetch })).toThrow(InputError);
    expect(asked).toEqual([]);
    createClient({ auth, fetch });
    expect(asked).toHaveLength(1);
  });

  it("an error of the hooks' own is thrown by createClient", () => {
    const createClient = vendor(() => {
      throw new InputError("clientId", "clientId is wrong");
    });
    expect(() => createClient({ auth, fetch })).toThrow("clientId is wrong");
  });

  it("prepare sees the call first and finish its result last, with the method lowercase, the path, its metadata and the options sent", async () => {
    const seen: unknown[] = [];
    const createClient = vendor(() => ({
      prepare: (init, call) => {
        seen.push(["prepare", init, call]);
        return { ...init, headers: { "X-Prepared": "1" } };
      },
      finish: (result, call) => {
        seen.push(["finish", result.data, call]);
        return { ...result, data: "finished" };
      },
    }));
    const sent: Request[] = [];
    const client = createClient({ auth, fetch: async (request: Request) => (sent.push(request), Response.json({ items: [1] })) });
    const result = await client.GET("/items", { params: { query: { page: 2 } } });
    expect(result.data).toBe("finished");
    expect(sent[0]?.headers.get("x-prepared")).toBe("1");
    expect(seen).toEqual([
      ["prepare", { params: { query: { page: 2 } } }, { method: "get", path: "/items", meta: operations["/items"].get }],
      ["finish", { items: [1] }, { method: "get", path: "/items", meta: operations["/items"].get, init: { params: { query: { page: 2 } }, headers: { "X-Prepared": "1" } } }],
    ]);
  });

  it("a call a hook refuses rejects, and request() takes the method in any case", async () => {
    const createClient = vendor(() => ({
      prepare: (init, call) => {
        if (call.method !== "get") throw new InputError("method", "only GET");
        return init;
      },
    }));
    const client = createClient({ auth, fetch });
    const refused = client.POST("/items" as never, {} as never);
    await expect(refused).rejects.toThrow("only GET");
    expect((await client.request("GET" as never, "/items")).data).toEqual({ items: [1] });
  });
});
