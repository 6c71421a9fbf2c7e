import { describe, expect, it } from "vitest";
import { checkCallQuery, checkOptionNames, checkQueryNames, defineVendorClient, fieldError, InputError, queryNameHooks, rememberSecret, TOKEN_AUTHORIZERS, type ClientOptions, type OperationTable } from "../src/index.js";
import { inputError } from "./helpers.js";

// A vendor ignores a query name it does not know and answers as if the filter or page size were not given.
const operations = {
  "/items": { get: { response: "json" } },
} as const satisfies OperationTable;

type Options = Omit<ClientOptions, "baseUrl" | "servers" | "operations" | "auth"> & { auth: { type: "token"; accessToken: string } };
type Paths = { "/items": { get: { parameters: { query?: { per_page?: number; sort_order?: string } }; responses: { 200: { content: { "application/json": unknown } } } } } };

const createClient = defineVendorClient<Paths, Options>({
  operations,
  hosts: { baseUrl: { default: "https://api.example.com" } },
  auth: { bearerAuth: { token: (auth) => ({ type: "bearer", token: auth.accessToken }) } },
  authorizers: TOKEN_AUTHORIZERS,
  authExample: '{ type: "token", accessToken }',
  // As codegen writes them: the names typed integer first, then a "#".
  calls: () => queryNameHooks("per_page # sort_order", "Example"),
});

function clientWithNames(accessToken = "query-names-token") {
  const sent: string[] = [];
  const fetch = async (input: RequestInfo | URL) => {
    sent.push(input instanceof Request ? input.url : String(input));
    return Response.json([]);
  };
  const get = createClient({ auth: { type: "token", accessToken }, fetch }).GET as unknown as (path: string, init?: unknown) => Promise<{ error?: unknown }>;
  return { get, sent };
}

describe("checkQueryNames", () => {
  it.each([
    ["perPage", "per_page"],
    ["PER_PAGE", "per_page"],
    ["per-page", "per_page"],
    ["perpage", "per_page"],
    ["sortOrder", "sort_order"],
    ["per.page", "per_page"],
    ["sort order", "sort_order"],
  ])("refuses %s, naming the vendor's own name written another way (%s)", (name, meant) => {
    expect(() => checkQueryNames({ [name]: 1 }, ["per_page", "sort_order"], "Example")).toThrow(
      expect.objectContaining({ field: `params.query.${name}`, message: `params.query.${name} is not read: did you mean ${meant}?` }),
    );
  });

  it("refuses a name that none of the vendor's is, saying no operation takes it, and never quotes the value", () => {
    const error = (() => {
      try {
        checkQueryNames({ per_page: 5, access_token: "secret-value-never-shown" }, ["per_page"], "Example");
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ field: "params.query.access_token", message: "params.query.access_token is not read: no operation of Example takes it" });
    expect(String((error as Error).message)).not.toContain("secret-value");
  });

  it("passes the vendor's own names, and reads no names of a query that is no object of parameters (refused where it is written)", () => {
    expect(() => checkQueryNames({ per_page: 5, sort_order: "asc" }, ["per_page", "sort_order"], "Example")).not.toThrow();
    for (const query of [undefined, null, "per_page=5", new URLSearchParams("perPage=5"), new Map([["perPage", 5]])]) {
      expect(() => checkQueryNames(query, ["per_page"], "Example")).not.toThrow();
    }
  });

  // Wootric's created[gt], as it goes on the wire: the spec names the parameter created (deepObject style), and codegen
  // lists it as "created created[".
  it("reads a name with brackets by the name before them when that parameter is a deepObject one (listed again with a [)", () => {
    expect(() => checkQueryNames({ "created[gt]": 1, "created[lt]": 2, created: { gte: 3 }, per_page: 5 }, ["created", "created[", "per_page"], "Example")).not.toThrow();
    expect(() => checkQueryNames({ "createdAt[gt]": 1 }, ["created", "created["], "Example")).toThrow("params.query.createdAt[gt] is not read: no operation of Example takes it");
    expect(() => checkQueryNames({ "[gt]": 1 }, ["created", "created["], "Example")).toThrow("params.query.[gt] is not read");
  });

  // Wootric reads created[gt] but ignores created[after], and lists everything: codegen lists a closed schema's keys.
  it("reads an object value's keys as they go on the wire (created: { gt } is created[gt]), against a parameter's listed keys", () => {
    const names = ["created", "created[gt]", "created[lt]", "per_page", "open", "open["];
    expect(() => checkQueryNames({ created: { gt: 1, lt: 2 }, "created[gt]": 3, open: { any: 1 }, "open[x]": 2, per_page: 5 }, names, "Example")).not.toThrow();
    expect(() => checkQueryNames({ created: { after: 1 } }, names, "Example")).toThrow(
      expect.objectContaining({ field: "params.query.created[after]", message: "params.query.created[after] is not read: no operation of Example takes it" }),
    );
    expect(() => checkQueryNames({ "created[after]": 1 }, names, "Example")).toThrow("params.query.created[after] is not read");
    expect(() => checkQueryNames({ "created[gt][x]": 1 }, names, "Example")).toThrow("params.query.created[gt][x] is not read");
    expect(() => checkQueryNames({ created: { GT: 1 } }, names, "Example")).toThrow("params.query.created[GT] is not read: did you mean created[gt]?");
    expect(() => checkQueryNames({ created: {} }, names, "Example")).not.toThrow();
    expect(() => checkQueryNames({ craeted: {} }, names, "Example")).toThrow("params.query.craeted is not read: no operation of Example takes it");
    // per_page: { x } goes out as per_page[x], which no server reads as a page size.
    expect(() => checkQueryNames({ per_page: { x: 5 } }, names, "Example")).toThrow("params.query.per_page[x] is not read");
  });

  // per_page[x]=5 or _order[]=DESC reach a Rails or PHP server as a hash or a list, which it ignores: the list comes at
  // its default page size or order.
  it("refuses a name with brackets whose parameter is no deepObject one (per_page[x], _order[]), naming it", () => {
    for (const name of ["per_page[x]", "per_page[]", "_order[]"]) {
      expect(() => checkQueryNames({ [name]: 5 }, ["created", "created[", "per_page", "_order"], "Example")).toThrow(`params.query.${name} is not read`);
    }
  });

  // 52.5 or 1e21 (sent as "1e+21") is no id or page the vendor has, and past 2^53 a number goes out as a neighbouring
  // one: the list would most likely come back empty, or be another one.
  it("refuses a number that is no safe integer for a name listed before the #, a deepObject key too, and for no other name", () => {
    const names = ["created[gt]", "page", "#", "created", "created[on]", "open", "open[", "sort"];
    for (const value of [52.5, -0.5, 1e21, 2 ** 53, Number.NaN]) {
      expect(() => checkQueryNames({ page: value }, names, "Example")).toThrow(new InputError("params.query.page", `params.query.page must be an integer, got ${value}`));
      expect(() => checkQueryNames({ created: { gt: value } }, names, "Example")).toThrow(new InputError("params.query.created[gt]", `params.query.created[gt] must be an integer, got ${value}`));
      // Not typed integer: a number of any kind goes (open[x] is read by the "open[" entry, not as an integer name).
      expect(() => checkQueryNames({ sort: value, created: { on: value }, open: { x: value } }, names, "Example")).not.toThrow();
    }
    // Whole numbers, negative ones and the largest exact one pass; text is the caller's own, sent as written.
    expect(() => checkQueryNames({ page: 2 ** 53 - 1, created: { gt: -3 } }, names, "Example")).not.toThrow();
    expect(() => checkQueryNames({ page: "2.5" }, names, "Example")).not.toThrow();
    // As codegen writes a list of integer names alone (never ending in the "#"): a misspelt name is not read.
    expect(() => checkQueryNames({ pgae: 1.5 }, ["page", "#", ""], "Example")).toThrow("params.query.pgae is not read");
    // A list of names without a "#" (a hand-written one) has no integer names.
    expect(() => checkQueryNames({ page: 2.5 }, ["page"], "Example")).not.toThrow();
  });

  it("reads the own names of an object of another prototype, as the query writers send them", () => {
    expect(() => checkQueryNames(Object.assign(Object.create({}), { page: 2 }), ["per_page"], "Example")).toThrow("params.query.page is not read");
    expect(() => checkQueryNames(Object.assign(Object.create(null), { page: 2 }), ["per_page"], "Example")).toThrow("params.query.page is not read");
  });
});

describe("queryNameHooks", () => {
  it("refuses a raw call whose query names a parameter the vendor does not take, before sending it", async () => {
    const { get, sent } = clientWithNames();
    await expect(get("/items", { params: { query: { perPage: 50 } } })).rejects.toMatchObject({ field: "params.query.perPage", message: "params.query.perPage is not read: did you mean per_page?" });
    await expect(get("/items", { params: { query: { colour: "red" } } })).rejects.toThrow("no operation of Example takes it");
    expect(sent).toEqual([]);
  });

  it("refuses a raw call whose integer query parameter is given a fraction or a number past 2^53, before sending it", async () => {
    const { get, sent } = clientWithNames();
    await expect(get("/items", { params: { query: { per_page: 2.5 } } })).rejects.toMatchObject({ field: "params.query.per_page", message: "params.query.per_page must be an integer, got 2.5" });
    await expect(get("/items", { params: { query: { per_page: 1e21 } } })).rejects.toThrow("params.query.per_page must be an integer, got 1e+21");
    expect(sent).toEqual([]);
  });

  it("sends a raw call whose query names are the vendor's", async () => {
    const { get, sent } = clientWithNames();
    expect((await get("/items", { params: { query: { per_page: 50, sort_order: "asc" } } })).error).toBeUndefined();
    expect(sent.map((url) => new URL(url).search)).toEqual(["?per_page=50&sort_order=asc"]);
  });

  // The caller's own serializer may map names (perPage to per_page), or send one the spec does not list yet.
  it("leaves the names of a call that brings its own querySerializer unchecked, sending what it writes", async () => {
    const { get, sent } = clientWithNames();
    const querySerializer = (query: Record<string, unknown>) => new URLSearchParams(Object.entries(query).map(([name, value]) => [name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), String(value)])).toString();
    expect((await get("/items", { params: { query: { perPage: 50, beta: 1 } }, querySerializer })).error).toBeUndefined();
    expect(sent.map((url) => new URL(url).search)).toEqual(["?per_page=50&beta=1"]);
  });

  // openapi-fetch's serializer options ({ array: { explode: false } }) style the values and send the names as given.
  it("refuses a raw call whose querySerializer is an object of options and whose query names a parameter the vendor does not take", async () => {
    const { get, sent } = clientWithNames();
    await expect(get("/items", { params: { query: { perPage: 50 } }, querySerializer: { array: { style: "form", explode: false } } })).rejects.toMatchObject({
      field: "params.query.perPage",
      message: "params.query.perPage is not read: did you mean per_page?",
    });
    expect(sent).toEqual([]);
  });
});

describe("checkCallQuery", () => {
  it("checks a raw call's query names, as a vendor's own prepare hook calls it", () => {
    expect(() => checkCallQuery({ params: { query: { perPage: 50 } } }, ["per_page"], "Example")).toThrow("params.query.perPage is not read: did you mean per_page?");
    expect(() => checkCallQuery({ params: { query: { per_page: 50 } } }, ["per_page"], "Example")).not.toThrow();
    expect(() => checkCallQuery({}, ["per_page"], "Example")).not.toThrow();
  });

  it("leaves the names unchecked when the call brings a querySerializer function, but not serializer options", () => {
    expect(() => checkCallQuery({ params: { query: { perPage: 50 } }, querySerializer: () => "per_page=50" }, ["per_page"], "Example")).not.toThrow();
    expect(() => checkCallQuery({ params: { query: { perPage: 50 } }, querySerializer: { array: { style: "form", explode: false } } }, ["per_page"], "Example")).toThrow("params.query.perPage is not read");
  });
});

// A credential pasted where a name goes is written into the InputError's field and message by the check that refuses
// the name: those reach logs and error trackers.
describe("an InputError naming a credential", () => {
  // The names are a credential's characters, so expectNoSecrets (inputError) also finds none of SECRETS there.
  function expectRedacted(error: InputError, secret: string) {
    const all = `${error.field}\n${error.message}\n${JSON.stringify(error)}\n${String(error.stack)}`;
    expect(all).not.toContain(secret.slice(0, 12));
    expect(error.field).toContain("[redacted]");
  }

  it("redacts a client's token used as a query parameter's name, in field and message, before anything is sent", async () => {
    const token = "query-key-token_9a8b7c6d5e4f";
    const { get, sent } = clientWithNames(token);
    const error = await get("/items", { params: { query: { [token]: 1 } } }).catch((failure: unknown) => failure as InputError);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ field: "params.query.[redacted]", message: "params.query.[redacted] is not read: no operation of Example takes it" });
    expectRedacted(error as InputError, token);
    expect(sent).toEqual([]);
  });

  // Known from a client's creation on: the options of the client that brings it are checked before its auth is read.
  it("redacts a known token used as an option's name (pasted beside auth instead of in it)", () => {
    const token = "option-key-token_1b2c3d4e5f6a";
    createClient({ auth: { type: "token", accessToken: token } });
    const error = inputError(() => createClient({ auth: { type: "token", accessToken: token }, [token]: true } as never), "[redacted]");
    expect(error.message).toMatch(/^\[redacted\] is not an option of createClient, which takes /);
    expectRedacted(error, token);
  });

  // The client being created brings the credential: its auth is read only after the option names are checked, so the
  // first client of a process quoted it whole.
  it("redacts a credential of the very client that brings it, used as an option's name beside auth", () => {
    const token = "first-client-token_7e6d5c4b3a2f";
    const beside = inputError(() => createClient({ auth: { type: "token", accessToken: token }, [token]: true } as never), "[redacted]");
    expect(beside.message).toMatch(/^\[redacted\] is not an option of createClient, which takes /);
    expectRedacted(beside, token);
  });

  it("redacts a known credential in every encoding from the names checkQueryNames and checkOptionNames quote", () => {
    const secret = "known secret/with+signs_0f1e2d";
    rememberSecret(secret);
    for (const [name, shown] of [
      [secret, "[redacted]"],
      [encodeURIComponent(secret), "[redacted]"],
      [`x_${encodeURIComponent(secret)}_y`, "x_[redacted]_y"],
    ]) {
      expectRedacted(inputError(() => checkQueryNames({ [name!]: 1 }, ["per_page"], "Example"), `params.query.${shown}`), secret);
      expectRedacted(inputError(() => checkOptionNames({ [name!]: 1 }, ["auth"], "createClient"), shown!), secret);
    }
  });

  // Redacted where the caller's name goes in, not over the whole message: a short credential (a sandbox password
  // "password") would blank the library's own words, and the field callers match on.
  it("leaves the library's own words whole when a short credential is known", () => {
    rememberSecret("password", "option");
    const error = inputError(() => checkOptionNames({ timeout: 5 }, ["timeoutMs", "auth"], "createClient"), "timeout");
    expect(error.message).toBe("timeout is not an option of createClient: did you mean timeoutMs?");
    expect(fieldError("auth.password", "must be a non-empty string").field).toBe("auth.password");
    expect(inputError(() => checkOptionNames({ password: 1 }, ["auth"], "createClient"), "[redacted]").message).toBe("[redacted] is not an option of createClient, which takes auth");
  });
});
