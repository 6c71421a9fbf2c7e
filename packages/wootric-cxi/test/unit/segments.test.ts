import { describe, expect, it } from "vitest";
import { createClient, InputError } from "../../src/index.js";
import { json, observedFetch } from "@apis/faults/observed-fetch";

function clientWith() {
  const observed = observedFetch(() => json({}, 200));
  return { observed, cxi: createClient({ baseUrl: "https://cxi.test", fetch: observed.fetch, maxRetries: 0, auth: { type: "token", accessToken: "t" } }) };
}

// A JavaScript caller's body, as the types would refuse it.
type AnyBody = Parameters<ReturnType<typeof createClient>["PUT"]>[1] & { body: never };
const put = (cxi: ReturnType<typeof createClient>, body: unknown) => cxi.PUT("/v1/segments/update_bulk", { body } as AnyBody);

async function refusal(body: unknown): Promise<InputError> {
  const { observed, cxi } = clientWith();
  const error = await put(cxi, body).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InputError);
  expect(observed.requests).toHaveLength(0);
  return error as InputError;
}

describe("PUT /v1/segments/update_bulk", () => {
  it("sends each entry with its id first and each property's key and value, as Rails reads them", async () => {
    const { observed, cxi } = clientWith();
    await put(cxi, {
      responses: [
        { id: 413, custom_properties: [{ key: "plan", value: "Pro" }] },
        { id: 414, custom_properties: [] },
      ],
      users: [{ user_id: "u-1", custom_properties: [{ key: "plan", value: null }] }],
    });
    expect(decodeURIComponent(await observed.requests[0]!.text())).toBe(
      "responses[][id]=413&responses[][custom_properties][][key]=plan&responses[][custom_properties][][value]=Pro&responses[][id]=414" +
        "&users[][user_id]=u-1&users[][custom_properties][][key]=plan&users[][custom_properties][][value]=",
    );
  });

  it("refuses an entry without its id, which Rails would merge into the entry before it, before sending", async () => {
    const body = { responses: [{ id: 413, custom_properties: [{ key: "plan", value: "Pro" }] }, { custom_properties: [{ key: "plan", value: "Lite" }] }] };
    expect((await refusal(body)).field).toBe("body.responses[1].id");
    expect((await refusal({ users: [{ id: "u-1", custom_properties: [] }] })).field).toBe("body.users[0].user_id");
  });

  it("refuses an id, key or value sent as no field or as a list, which Rails would merge as if it were left out", async () => {
    const entries = (first: unknown, second: unknown) => ({
      responses: [
        { id: first, custom_properties: [{ key: "plan", value: "Pro" }] },
        { id: second, custom_properties: [{ key: "plan", value: "Lite" }] },
      ],
    });
    // [] and {} send no field at all, as if the id were left out.
    for (const id of [[], {}]) expect((await refusal(entries(413, id))).field).toBe("body.responses[1].id");
    // responses[][id][]=414 is added to the hash before, as are the properties after it: one hash with both ids and plans.
    expect((await refusal(entries([413], [414]))).field).toBe("body.responses[0].id");
    expect((await refusal({ users: [{ user_id: 7, custom_properties: [{ key: {}, value: "Pro" }] }] })).field).toBe("body.users[0].custom_properties[0].key");
  });

  it("refuses a property without its key or value, which Rails would merge into the property beside it", async () => {
    const properties = [{ key: "plan" }, { key: "persona", value: "Developer" }];
    expect((await refusal({ responses: [{ id: 413, custom_properties: properties }] })).field).toBe("body.responses[0].custom_properties[0].value");
    expect((await refusal({ users: [{ user_id: "u-1", custom_properties: [{ value: "Pro" }] }] })).field).toBe("body.users[0].custom_properties[0].key");
  });

  // Rails reads responses[][custom_properties][plan]=Pro as a hash, not the list of { key, value } it updates by: a map
  // or a lone property went out unchecked, and a string or null as one empty or plain value.
  it("refuses custom_properties that is no list (a map, one property, a string or null), naming the entry, before sending", async () => {
    for (const properties of [{ plan: "Pro" }, { key: "plan", value: "Pro" }, "plan=Pro", null]) {
      const body = { responses: [{ id: 413, custom_properties: [{ key: "plan", value: "Lite" }] }, { id: 414, custom_properties: properties }] };
      expect(await refusal(body)).toMatchObject({ field: "body.responses[1].custom_properties", message: "body.responses[1].custom_properties must be a list" });
    }
    expect((await refusal({ users: [{ user_id: "u-1", custom_properties: new Map([["plan", "Pro"]]) }] })).field).toBe("body.users[0].custom_properties");
  });

  it("refuses a body that lists neither responses nor users, or names another list, which would update nothing", async () => {
    expect((await refusal({})).field).toBe("body");
    expect((await refusal({ responses: undefined })).field).toBe("body");
    expect((await refusal({ response: [{ id: 413, custom_properties: [] }] })).field).toBe("body.response");
    expect((await refusal({ responses: { id: 413, custom_properties: [] } })).field).toBe("body.responses");
    // A body left out altogether sends an empty PUT, which Wootric answers 200 having updated nothing.
    expect((await refusal(undefined)).field).toBe("body");
  });

  // Looked up among an object's built-ins, such a name was taken for a list: its entries were refused under a field
  // written from the built-in's source ("body.toString[0].function toString() { [native code] }"), and an empty one sent.
  it.each(["toString", "constructor", "valueOf", "__proto__"])("refuses a list named %s, a name every object has, as a list it does not read", async (name) => {
    for (const list of [[], [{ id: 413, custom_properties: [] }]]) {
      const error = await refusal(JSON.parse(`{ ${JSON.stringify(name)}: ${JSON.stringify(list)} }`));
      expect(error).toMatchObject({ field: `body.${name}`, message: `body.${name} is not read: send lists of responses or users` });
    }
  });

  it("leaves a body that brings its own bodySerializer unchecked", async () => {
    const { observed, cxi } = clientWith();
    await cxi.PUT("/v1/segments/update_bulk", { body: {} as never, bodySerializer: () => "responses[][id]=413" });
    expect(await observed.requests[0]!.text()).toBe("responses[][id]=413");
  });
});
