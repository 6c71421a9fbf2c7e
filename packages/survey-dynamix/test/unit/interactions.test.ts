import { bad } from "@apis/faults/bad-input";
import { describe, expect, it } from "vitest";
import {
  ApiError,
  BadRequestError,
  ConflictError,
  createClient,
  createInteraction,
  DuplicateInteractionError,
  InputError,
  interactionWebLink,
  InvalidResponseError,
  updateInteraction,
  type CreateInteractionInput,
  type UpdateInteractionInput,
} from "../../src/index.js";
import { formFields, json, observedFetch } from "@apis/faults/observed-fetch";
import { INTERACTION } from "./fixtures.js";

const BASE = "https://sdx.test/api";

function clientWith(handler: Parameters<typeof observedFetch>[0]) {
  const observed = observedFetch(handler);
  return { observed, sdx: createClient({ baseUrl: BASE, fetch: observed.fetch, maxRetries: 0, auth: { type: "token", accessToken: "t" } }) };
}

async function inputError(promise: Promise<unknown>): Promise<InputError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof InputError)) throw new Error(`expected an InputError, got ${String(error)}`);
  return error;
}

describe("createInteraction", () => {
  it("reads a falsy signal as none, as a JavaScript caller's `useTimeout && AbortSignal.timeout(5000)` gives it", async () => {
    const { observed, sdx } = clientWith(() => json(INTERACTION, 201));
    const input: CreateInteractionInput = { survey_id: 52, survey_type: "sms", phone_number: "+61409999999" };
    await expect(createInteraction(sdx, input, { signal: bad<AbortSignal>(false) })).resolves.toEqual(INTERACTION);
    expect(observed.requests).toHaveLength(1);
  });

  it("sends interaction data as extra form fields next to the interaction's own", async () => {
    const { observed, sdx } = clientWith(() => json(INTERACTION, 201));
    const data = await createInteraction(sdx, {
      survey_id: 52,
      survey_type: "sms",
      phone_number: "+61409999999",
      scheduled_at: new Date("2017-05-04T02:58:49.250Z"),
      data: { plan: "GOLD", seats: 12, vip: true, Region_2: "QLD", skipped: undefined },
    });
    expect(data.id).toBe(891234);
    expect(observed.requests[0]?.method).toBe("POST");
    expect(observed.requests[0]?.url).toBe(`${BASE}/interactions`);
    expect(Object.fromEntries(formFields(observed.bodies[0]))).toEqual({
      survey_id: "52",
      survey_type: "sms",
      phone_number: "+61409999999",
      scheduled_at: "2017-05-04 02:58:49",
      plan: "GOLD",
      seats: "12",
      vip: "true",
      Region_2: "QLD",
    });
  });

  it.each([
    ["an empty 201", () => new Response(null, { status: 201 })],
    ["a 204", () => new Response(null, { status: 204 })],
    ["null", () => json(null, 201)],
    ["a list", () => json([], 200)],
  ])("throws InvalidResponseError for %s instead of resolving it as the interaction", async (_, answer) => {
    const { sdx } = clientWith(answer);
    const created = createInteraction(sdx, { survey_id: 52, survey_type: "sms", phone_number: "+61409999999" });
    await expect(created).rejects.toBeInstanceOf(InvalidResponseError);
    await expect(created).rejects.toThrow("without the interaction's id (see body): find it with GET /interactions");
    await expect(updateInteraction(sdx, 891234, { agent_id: "nevilr" })).rejects.toBeInstanceOf(InvalidResponseError);
  });

  it.each([
    ["a list of it", [INTERACTION]],
    ["an envelope", { data: INTERACTION }],
    ["an object without an id", { message: "Created" }],
    ["a text id", { ...INTERACTION, id: "24062" }],
  ])("throws InvalidResponseError keeping the body for %s, instead of an interaction without its id", async (_, body) => {
    const { sdx } = clientWith(() => json(body, 201));
    const created = await createInteraction(sdx, { survey_id: 52 }).catch((thrown: unknown) => thrown);
    expect(created).toBeInstanceOf(InvalidResponseError);
    expect(created).toMatchObject({ status: 201, method: "POST", body });
    const updated = await updateInteraction(sdx, 24062, { agent_id: "nevilr" }).catch((thrown: unknown) => thrown);
    expect(updated).toMatchObject({ status: 201, method: "PUT", body });
  });

  it("takes null options as left out", async () => {
    const { observed, sdx } = clientWith(() => json(INTERACTION, 201));
    const data = await createInteraction(sdx, { survey_id: 52, survey_type: "sms", phone_number: "+61409999999" }, bad<{ signal?: AbortSignal }>(null));
    expect(data.id).toBe(891234);
    expect(observed.requests).toHaveLength(1);
    expect(Object.fromEntries(formFields(observed.bodies[0]))).toEqual({ survey_id: "52", survey_type: "sms", phone_number: "+61409999999" });
  });

  it("sends _force_new as 1 when asked to create past a pending duplicate", async () => {
    const { observed, sdx } = clientWith(() => json(INTERACTION, 201));
    await createInteraction(sdx, { survey_id: 52, survey_type: "outbound", phone_number: "+61409999999", _force_new: true });
    expect(formFields(observed.bodies[0])).toContainEqual(["_force_new", "1"]);
  });

  it.each(["false", "0", 0])("refuses a _force_new of %j before sending: the vendor reads the text \"false\" as true", async (value) => {
    const { observed, sdx } = clientWith(() => json(INTERACTION, 201));
    const error = await inputError(createInteraction(sdx, { survey_id: 52, _force_new: bad(value) }));
    expect(error.field).toBe("_force_new");
    expect(error.message).toContain("true or false");
    expect(observed.requests).toHaveLength(0);
  });

  // MINDFUL-HELP, the vendor's newer parameter table: a websms type and three fields the 1.0.0 doc lacks.
  it("sends a websms interaction with a phone connection, a language and short URLs as the vendor's own fields", async () => {
    const { observed, sdx } = clientWith(() => json(INTERACTION, 201));
    await createInteraction(sdx, {
      survey_id: 52,
      survey_type: "websms",
      phone_number: "+61409999999",
      phone_connection_id: 7,
      respondent_language: "fr",
      _shorten_urls: true,
      data: { plan: "GOLD" },
    });
    expect(Object.fromEntries(formFields(observed.bodies[0]))).toEqual({
      survey_id: "52",
      survey_type: "websms",
      phone_number: "+61409999999",
      phone_connection_id: "7",
      respondent_language: "fr",
      _shorten_urls: "1",
      plan: "GOLD",
    });
  });

  it("refuses a websms interaction without phone_number before sending: the link goes by SMS", async () => {
    const { observed, sdx } = clientWith(() => json(INTERACTION, 201));
    const error = await inputError(createInteraction(sdx, bad<CreateInteractionInput>({ survey_id: 52, survey_type: "websms" })));
    expect(error.field).toBe("phone_number");
    expect(error.message).toMatch(/^A websms interaction needs phone_number in international format/);
    expect(observed.requests).toHaveLength(0);
  });

  it.each([
    ["sms", { phone_number: " " }, "phone_number", /^A sms interaction needs phone_number/],
    ["outbound", { phone_number: "\t\n" }, "phone_number", /^A outbound interaction needs phone_number/],
    ["email", { email: "  " }, "email", /^An email interaction needs email/],
  ])("refuses a %s interaction whose respondent is white space alone (a blank cell), before sending", async (type, respondent, field, message) => {
    const { observed, sdx } = clientWith(() => json(INTERACTION, 201));
    const error = await inputError(createInteraction(sdx, bad<CreateInteractionInput>({ survey_id: 52, survey_type: type, ...respondent })));
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
    expect(observed.requests).toHaveLength(0);
  });

  it.each([
    ["sms", "0409999999"],
    ["outbound", "61409999999"],
    ["websms", "(04) 0999 9999"],
    ["inbound", " +61409999999"],
    ["sms", "+61 409 999 999"],
    ["outbound", "+1 (415) 555-0100"],
    ["sms", "+61409999999\r"],
  ])("refuses a %s interaction whose phone_number %j is not in international format, before sending (the spec's pattern, which its mock enforces)", async (type, phone_number) => {
    const { observed, sdx } = clientWith(() => json(INTERACTION, 201));
    const error = await inputError(createInteraction(sdx, bad<CreateInteractionInput>({ survey_id: 52, survey_type: type, phone_number })));
    expect(error.field).toBe("phone_number");
    expect(error.message).toBe(`A ${type} interaction needs phone_number in international format, digits only, e.g. "+61409999999"`);
    expect(observed.requests).toHaveLength(0);
  });

  it("sends a phone_number in international format as it is", async () => {
    const { observed, sdx } = clientWith(() => json(INTERACTION, 201));
    await createInteraction(sdx, { survey_id: 52, survey_type: "sms", phone_number: "+61409999999" });
    expect(Object.fromEntries(formFields(observed.bodies[0])).phone_number).toBe("+61409999999");
  });

  it.each([
    ["_shorten_urls", "false", "must be true or false, got a string"],
    ["_shorten_urls", 1, "must be true or false, got a number"],
    ["phone_connection_id", "7", "must be an ID, a positive integer"],
    ["phone_connection_id", 0, "must be an ID, a positive integer"],
    ["phone_connection_id", 7.5, "must be an ID, a positive integer"],
    ["respondent_language", 33, "must be a string, got a number"],
  ])("refuses %s %j before sending", async (field, value, message) => {
    const { observed, sdx } = clientWith(() => json(INTERACTION, 201));
    const error = await inputError(createInteraction(sdx, bad<CreateInteractionInput>({ survey_id: 52, [field]: value })));
    expect(error.field).toBe(field);
    expect(error.message).toBe(`${field} ${message}`);
    expect(observed.requests).toHaveLength(0);
  });

  it.each(["phone_connection_id", "respondent_language"])("refuses %s as an interaction-data key: the vendor reads it as the field", async (key) => {
    const { observed, sdx } = clientWith(() => json(INTERACTION, 201));
    const error = await inputError(createInteraction(sdx, { survey_id: 52, data: { [key]: "x" } }));
    expect(error.field).toBe(`data.${key}`);
    expect(error.message).toContain(`is a field of the interaction itself: pass it as ${key}, not in data`);
    expect(observed.requests).toHaveLength(0);
  });

  it.each([
    ["9lives", "data.9lives"],
    ["plan-tier", "data.plan-tier"],
    ["_private", "data._private"],
    ["a.b", "data.a.b"],
    // Quoted: a space, a letter beyond ASCII, nothing.
    ["with space", 'data."with space"'],
    ["prénom", 'data."prénom"'],
    ["", 'data.""'],
  ])(
    "refuses the interaction-data key %j before sending, saying what a key may hold",
    async (key, field) => {
      const { observed, sdx } = clientWith(() => json(INTERACTION, 201));
      const error = await inputError(createInteraction(sdx, { survey_id: 52, data: { [key]: "x" } }));
      expect(error.field).toBe(field);
      expect(error.message).toContain("use letters, digits and underscores, starting with a letter");
      expect(observed.requests).toHaveLength(0);
    },
  );

  it.each([
    ["email", /field of the interaction itself: pass it as email/],
    ["survey_id", /field of the interaction itself/],
    ["status", /^Interaction-data key "status" names a field the vendor reads itself: rename the key, e\.g\. "customer_status"$/],
    ["web_link", /names a field the vendor reads itself/],
    // The vendor's legacy credential parameter.
    ["auth_token", /^Interaction-data key "auth_token" names a field the vendor reads itself: rename the key/],
  ])("refuses the interaction-data key %s, which the vendor would not store as data", async (key, message) => {
    const { observed, sdx } = clientWith(() => json(INTERACTION, 201));
    const error = await inputError(createInteraction(sdx, { survey_id: 52, data: { [key]: "x" } }));
    expect(error.field).toBe(`data.${key}`);
    expect(error.message).toMatch(message);
    expect(observed.requests).toHaveLength(0);
  });

  it("refuses a data value that is not text, a number or a boolean", async () => {
    const { sdx } = clientWith(() => json(INTERACTION, 201));
    const error = await inputError(createInteraction(sdx, { survey_id: 52, data: { plan: { tier: "gold" } as unknown as string } }));
    expect(error.field).toBe("data.plan");
  });

  it("refuses an unknown top-level field, which the vendor would silently store as interaction data", async () => {
    const { observed, sdx } = clientWith(() => json(INTERACTION, 201));
    const input = { survey_id: 52, sheduled_at: "Now + 5 minutes" } as unknown as CreateInteractionInput;
    const error = await inputError(createInteraction(sdx, input));
    expect(error.field).toBe("sheduled_at");
    expect(error.message).toContain("put interaction data in data");
    expect(observed.requests).toHaveLength(0);
  });

  // The first four the type refuses too (test/types/create-interaction.test-d.ts): a JavaScript caller may send them.
  it.each<[object, string]>([
    [{ survey_id: 52, survey_type: "sms" }, "phone_number"],
    [{ survey_id: 52, survey_type: "outbound" }, "phone_number"],
    [{ survey_id: 52, survey_type: "inbound" }, "phone_number"],
    [{ survey_id: 52, survey_type: "email" }, "email"],
    [{ survey_id: 0 }, "survey_id"],
  ])("refuses %j before sending, naming %s", async (input, field) => {
    const { observed, sdx } = clientWith(() => json(INTERACTION, 201));
    expect((await inputError(createInteraction(sdx, input as CreateInteractionInput))).field).toBe(field);
    expect(observed.requests).toHaveLength(0);
  });

  it("throws a DuplicateInteractionError on 409 that names _force_new: true and keeps the vendor's body", async () => {
    const body = { message: "A pending interaction already exists." };
    const { observed, sdx } = clientWith(() => json(body, 409));
    const error = await createInteraction(sdx, { survey_id: 52, survey_type: "sms", phone_number: "+61409999999" }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(DuplicateInteractionError);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toBeInstanceOf(ApiError);
    const duplicate = error as DuplicateInteractionError;
    expect(duplicate.message).toContain("_force_new: true");
    expect(duplicate.message).not.toContain("+61409999999");
    expect(duplicate).toMatchObject({ status: 409, surveyId: 52, body, method: "POST" });
    expect(observed.requests).toHaveLength(1);
  });

  // A 409 with another cause in its body was reported as a pending duplicate all the same, the vendor's reason in body only.
  it.each([
    [{ message: "Survey 52 is closed" }, "POST /interactions was refused with 409 Conflict: Survey 52 is closed. The docs give 409 when survey 52"],
    ["Survey 52 is closed.", "POST /interactions was refused with 409 Conflict: Survey 52 is closed. The docs give 409 when survey 52"],
    [undefined, "POST /interactions was refused with 409 Conflict. The docs give 409 when survey 52"],
  ])("quotes the vendor's reason (%j) in a DuplicateInteractionError's message, giving a duplicate only as the documented cause", async (body, start) => {
    const { sdx } = clientWith(() => (body === undefined ? new Response(null, { status: 409 }) : typeof body === "string" ? new Response(body, { status: 409 }) : json(body, 409)));
    const error = await createInteraction(sdx, { survey_id: 52, survey_type: "web" }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(DuplicateInteractionError);
    expect((error as Error).message).toBe(`${start} already has a pending interaction for this respondent: then pass _force_new: true to create another.`);
  });

  it("throws a plain ConflictError with the vendor's reason on a 409 to a call that sent _force_new: true, which no duplicate explains", async () => {
    const body = { message: "The interaction cannot be created while the survey is being edited." };
    const { sdx } = clientWith(() => json(body, 409));
    const error = await createInteraction(sdx, { survey_id: 52, survey_type: "sms", phone_number: "+61409999999", _force_new: true }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).not.toBeInstanceOf(DuplicateInteractionError);
    expect((error as ApiError).message).toContain(body.message);
    expect((error as ApiError).message).not.toContain("Pass _force_new");
  });

  it("throws the status-keyed ApiError with the vendor's body for any other error status", async () => {
    const { sdx } = clientWith(() => json({ message: "The survey id field is required." }, 400));
    const error = await createInteraction(sdx, { survey_id: 52 }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).not.toBeInstanceOf(DuplicateInteractionError);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).message).toContain("The survey id field is required.");
  });
});

describe("updateInteraction", () => {
  it("JSON-encodes the interaction into the form field `interaction`, with the path's id", async () => {
    const { observed, sdx } = clientWith(() => json({ ...INTERACTION, agent_id: "nevilr" }));
    const { id: _id, ...withoutId } = INTERACTION;
    const data = await updateInteraction(sdx, 891234, { ...withoutId, survey_type: "sms", agent_id: "nevilr" });
    expect(data.agent_id).toBe("nevilr");
    const request = observed.requests[0]!;
    expect(request.method).toBe("PUT");
    expect(request.url).toBe(`${BASE}/interactions/891234`);
    expect(request.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    const fields = formFields(observed.bodies[0]);
    expect(fields.map(([name]) => name)).toEqual(["interaction"]);
    expect(JSON.parse(fields[0]![1])).toEqual({ ...INTERACTION, agent_id: "nevilr" });
  });

  it("writes a Date as the vendor's UTC time YYYY-MM-DD HH:MM:SS, as createInteraction does, not as ISO 8601", async () => {
    const { observed, sdx } = clientWith(() => json(INTERACTION));
    await updateInteraction(sdx, 891234, { scheduled_at: new Date("2017-05-04T02:58:49.120Z") });
    expect(JSON.parse(formFields(observed.bodies[0])[0]![1]).scheduled_at).toBe("2017-05-04 02:58:49");
    // JSON would send an invalid Date as null, clearing the field.
    expect((await inputError(updateInteraction(sdx, 891234, { scheduled_at: new Date(Number.NaN) }))).field).toBe("interaction.scheduled_at");
    expect(observed.requests).toHaveLength(1);
  });

  // toISOString writes a year past 9999 with six digits and a sign ("+010000-01-01T..."), which sliced to 19 characters
  // went out as "+010000-01-01 00:00", no time the vendor reads: a time in ms multiplied by 1000 again makes one.
  it.each([
    ["the year 10000", new Date(Date.UTC(10000, 0, 1))],
    ["a time in milliseconds multiplied by 1000 again", new Date(Date.UTC(2026, 0, 1) * 1000)],
    ["the year -1", new Date(Date.UTC(-1, 0, 1))],
  ])("refuses %s as a Date, in createInteraction and updateInteraction, and sends nothing", async (_, date) => {
    const { observed, sdx } = clientWith(() => json(INTERACTION, 201));
    const created = await inputError(createInteraction(sdx, { survey_id: 52, scheduled_at: date }));
    expect([created.field, created.message]).toEqual(["scheduled_at", "scheduled_at is an invalid Date"]);
    expect((await inputError(updateInteraction(sdx, 891234, { scheduled_at: date }))).field).toBe("interaction.scheduled_at");
    expect(observed.requests).toHaveLength(0);
  });

  it("writes the last second of the year 9999 and the first of the year 0 as the vendor's four-digit years", async () => {
    const { observed, sdx } = clientWith(() => json(INTERACTION, 201));
    await createInteraction(sdx, { survey_id: 52, scheduled_at: new Date(Date.UTC(9999, 11, 31, 23, 59, 59, 999)) });
    await createInteraction(sdx, { survey_id: 52, scheduled_at: new Date("0000-01-01T00:00:00Z") });
    expect(observed.bodies.map((body) => Object.fromEntries(formFields(body)).scheduled_at)).toEqual(["9999-12-31 23:59:59", "0000-01-01 00:00:00"]);
  });

  it("takes null options as left out", async () => {
    const { observed, sdx } = clientWith(() => json({ ...INTERACTION, agent_id: "nevilr" }));
    const data = await updateInteraction(sdx, 891234, { agent_id: "nevilr" }, bad<{ signal?: AbortSignal }>(null));
    expect(data.agent_id).toBe("nevilr");
    expect(observed.requests.map((request) => `${request.method} ${request.url}`)).toEqual([`PUT ${BASE}/interactions/891234`]);
  });

  it("leaves out the responses and interaction data that _include_* added to a fetched interaction", async () => {
    const { observed, sdx } = clientWith(() => json(INTERACTION));
    const fetched = { ...INTERACTION, survey_type: "sms" as const, responses: [], interaction_data: [] };
    await updateInteraction(sdx, 891234, fetched);
    const sent = JSON.parse(formFields(observed.bodies[0])[0]![1]) as Record<string, unknown>;
    expect(sent).not.toHaveProperty("responses");
    expect(sent).not.toHaveProperty("interaction_data");
  });

  it("refuses an interaction whose id is not the one being updated, before sending", async () => {
    const { observed, sdx } = clientWith(() => json(INTERACTION));
    const error = await inputError(updateInteraction(sdx, 891234, { id: 24062, agent_id: "x" }));
    expect(error.field).toBe("interaction.id");
    expect(error.message).toBe("interaction.id must be the number 891234, as interactionId, or left out");
    expect(observed.requests).toHaveLength(0);
  });

  it("refuses a 2xx answer for another interaction as an InvalidResponseError that keeps the body", async () => {
    const other = { ...INTERACTION, id: 891235 };
    const { sdx } = clientWith(() => json(other));
    const error = await updateInteraction(sdx, 891234, { agent_id: "nevilr" }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).message).toBe(`PUT ${BASE}/interactions/891234 returned 200 without interaction 891234 (see body)`);
    expect((error as InvalidResponseError).body).toEqual(other);
  });

  // The vendor takes the interaction as GET returns it, every field snake_case: these name none of them.
  it.each([
    ["agentId, a camelCase agent_id", { agentId: "nevilr" }, "agentId"],
    ["scheduledAt, a camelCase scheduled_at", { survey_id: 52, scheduledAt: new Date("2017-05-04T02:58:49Z") }, "scheduledAt"],
    ["data, which only createInteraction sends as interaction data", { data: { plan: "GOLD" } }, "data"],
    ["_force_new, which only createInteraction reads", { agent_id: "nevilr", _force_new: true }, "_force_new"],
    ["_shorten_urls, which only createInteraction reads", { agent_id: "nevilr", _shorten_urls: true }, "_shorten_urls"],
  ])("refuses %s, before sending", async (_name, interaction, key) => {
    const { observed, sdx } = clientWith(() => json(INTERACTION));
    const error = await inputError(updateInteraction(sdx, 891234, bad<UpdateInteractionInput>(interaction)));
    expect(error.field).toBe(`interaction.${key}`);
    expect(error.message).toBe(`interaction.${key} is not a field of an interaction`);
    expect(observed.requests).toHaveLength(0);
  });

  it("sends a lower-case field the doc does not list, as GET may return one", async () => {
    const { observed, sdx } = clientWith(() => json(INTERACTION));
    await updateInteraction(sdx, 891234, bad<UpdateInteractionInput>({ ...INTERACTION, deleted_at: null, agent_id: "nevilr" }));
    expect(JSON.parse(formFields(observed.bodies[0])[0]![1])).toEqual({ ...INTERACTION, deleted_at: null, agent_id: "nevilr" });
  });

  it("throws an ApiError when the vendor refuses the update", async () => {
    const { sdx } = clientWith(() => json({ message: "Gone" }, 410));
    const error = await updateInteraction(sdx, 891234, { agent_id: "x" }).catch((thrown: unknown) => thrown);
    expect((error as ApiError).status).toBe(410);
  });
});

describe("interactionWebLink", () => {
  it("reads the link under either of the doc's spellings", () => {
    expect(interactionWebLink({ web_link: "https://a" })).toBe("https://a");
    expect(interactionWebLink({ weblink: "https://b" })).toBe("https://b");
    expect(interactionWebLink({})).toBeUndefined();
  });
});
