import { formFields, json, observedFetch } from "@apis/faults/observed-fetch";
import { describe, expect, it, vi } from "vitest";
import {
  BadRequestError,
  checkEmailSurveyCsv,
  createClient,
  InputError,
  InternalServerError,
  MAX_CSV_ROWS,
  MAX_EMAILS,
  properties,
  type PropertyInput,
  RateLimitError,
  sendEmailSurvey,
  sendEmailSurveyCsv,
} from "../../src/index.js";

const BASE = "https://wootric.test";
const CSV = "email,First Name,plan,___context:service\njane@example.com,Jane,Pro,internet\njohn@example.com,John,Free,laundry\n";

function client(handler: (request: Request) => Response = () => json({}), maxRetries = 0) {
  const observed = observedFetch(handler);
  const wootric = createClient({ baseUrl: BASE, fetch: observed.fetch, auth: { type: "token", accessToken: "tok-1" }, maxRetries, retryDelay: { baseMs: 0 } });
  return { wootric, observed };
}

async function refusal(promise: Promise<unknown>): Promise<InputError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe("the e-mail survey helpers on a 2xx with no body", () => {
  // Wootric's success body is undocumented: an empty 2xx is a send it accepted, resolved as undefined (as typed), not
  // an error that would have the caller send the surveys twice.
  it.each([
    ["204", () => new Response(null, { status: 204 })],
    ["200 with Content-Length: 0", () => new Response("", { status: 200, headers: { "content-length": "0" } })],
    ["202 with an empty body", () => new Response("", { status: 202 })],
  ])("resolves undefined on a %s, for both helpers", async (_, answer) => {
    const { wootric, observed } = client(answer);
    await expect(sendEmailSurvey(wootric, { emails: ["a@example.com"] })).resolves.toBeUndefined();
    await expect(sendEmailSurveyCsv(wootric, "email\na@example.com\n")).resolves.toBeUndefined();
    expect(observed.calls()).toEqual([`POST ${BASE}/v1/email_survey`, `POST ${BASE}/v1/email_survey_csv`]);
  });

  // Nor is its shape documented: any JSON is handed on as it came, not refused as an error that would have the caller
  // send the surveys twice. (This was so before the helpers were typed unknown; the type test,
  // test/types/email-survey-result.test-d.ts, pins the type that says so.)
  it.each([["text", "queued"], ["a number", 2], ["a list", [1, 2]], ["true", true]])("resolves %s as it came, for both helpers", async (_, body) => {
    const { wootric } = client(() => json(body));
    await expect(sendEmailSurvey(wootric, { emails: ["a@example.com"] })).resolves.toEqual(body);
    await expect(sendEmailSurveyCsv(wootric, "email\na@example.com\n")).resolves.toEqual(body);
  });
});

describe("sendEmailSurvey", () => {
  it("posts the addresses and options as a bracket-notation form and returns Wootric's answer", async () => {
    const { wootric, observed } = client(() => json({ queued: 2 }));
    const result = await sendEmailSurvey(wootric, {
      emails: ["john@example.com", "jane@example.com"],
      survey_immediately: true,
      end_user: { properties: { campaign_name: "Spring" } },
      survey_settings: { custom_messages: { followup_text: "Thank you!" } },
      subject: "How was our {{service}}?",
      context: [{ service: "internet" }],
      delay: 8,
    });
    expect(result).toEqual({ queued: 2 });
    expect(observed.calls()).toEqual([`POST ${BASE}/v1/email_survey`]);
    expect(observed.requests[0]!.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(observed.requests[0]!.headers.get("authorization")).toBe("Bearer tok-1");
    expect(formFields(observed.bodies[0])).toEqual([
      ["emails[]", "john@example.com"],
      ["emails[]", "jane@example.com"],
      ["survey_immediately", "true"],
      ["end_user[properties][campaign_name]", "Spring"],
      ["survey_settings[custom_messages][followup_text]", "Thank you!"],
      ["subject", "How was our {{service}}?"],
      ["context[][service]", "internet"],
      ["delay", "8"],
    ]);
  });

  // As everywhere else end-user properties are written (see properties): Wootric stores what it gets, so a date in
  // milliseconds or a fraction of an _amount would become a wrong segment without a word.
  it.each<[string, Record<string, unknown>, string]>([
    ["a *_date in milliseconds", { purchase_date: 1_796_112_673_409 }, "end_user.properties.purchase_date"],
    ["a fractional *_amount", { revenue_amount: 1.5 }, "end_user.properties.revenue_amount"],
    ["a nested object", { nested: { deep: 1 } }, "end_user.properties.nested"],
    ["NaN", { plan: Number.NaN }, "end_user.properties.plan"],
    ["a name with brackets", { "plan][x": "Pro" }, "end_user.properties.plan][x"],
    ["an empty string in place of the object", "" as unknown as Record<string, unknown>, "end_user.properties"],
  ])("refuses end_user.properties with %s, sending nothing, naming the field as the caller wrote it", async (_, given, field) => {
    const { wootric, observed } = client();
    const error = await refusal(sendEmailSurvey(wootric, { emails: ["a@example.com"], end_user: { properties: given as never } }));
    expect(error.field).toBe(field);
    expect(error.message.startsWith(`${field} `)).toBe(true);
    expect(observed.calls()).toEqual([]);
  });

  // The vendor's table reads "end_user | Hash | End user properties": written so, they went out as end_user[plan]=Pro,
  // which Wootric ignores, and the survey went without them.
  it("names a field written straight into end_user quoted when it is no plain name", async () => {
    const { wootric, observed } = client();
    const error = await refusal(sendEmailSurvey(wootric, { emails: ["a@example.com"], end_user: { "\u202eplan": "Pro" } as never }));
    expect(error.field).toBe('end_user."\\u202eplan"');
    expect(error.message).toMatch(/^end_user\."\\u202eplan" is no field/);
    expect(observed.calls()).toEqual([]);
  });

  it("refuses end-user properties written straight into end_user, sending nothing, saying to put them under properties", async () => {
    const { wootric, observed } = client();
    const error = await refusal(sendEmailSurvey(wootric, { emails: ["a@example.com"], end_user: { plan: "Pro" } as never }));
    expect(error.field).toBe("end_user.plan");
    expect(error.message).toBe("end_user.plan is no field: end-user properties go in end_user.properties");
    expect(observed.calls()).toEqual([]);
  });

  // Wootric ignores a survey_settings name it does not know: the survey went out without the message or the sampling.
  it.each<[string, object, string, RegExp]>([
    ["a setting", { custom_message: { followup_text: "Thanks!" } }, "custom_message", /^custom_message is not an option of survey_settings: did you mean custom_messages\?$/],
    ["a custom message", { custom_messages: { followup: "Thanks!" } }, "followup", /^followup is not an option of survey_settings\.custom_messages: did you mean followup_text\?$/],
    ["a sampling rule", { sampling: { registeredPercent: 50 } }, "registeredPercent", /^registeredPercent is not an option of survey_settings\.sampling: did you mean registered_percent\?$/],
  ])("refuses %s in survey_settings spelt otherwise, by both e-mail survey helpers, sending nothing", async (_, settings, field, message) => {
    const { wootric, observed } = client();
    for (const send of [sendEmailSurvey(wootric, { emails: ["a@example.com"], survey_settings: settings as never }), sendEmailSurveyCsv(wootric, "email\na@example.com\n", { survey_settings: settings as never })]) {
      const error = await refusal(send);
      expect(error.field).toBe(field);
      expect(error.message).toMatch(message);
    }
    expect(observed.calls()).toEqual([]);
  });

  // Their names were read as the checks read an object's: a string's or an array's are its indexes ("0 is not an option").
  it.each<[string, object, string, string]>([
    ["survey_settings as a string", { survey_settings: "custom" }, "survey_settings", "a string"],
    ["survey_settings as an array", { survey_settings: [{ logo_url: "https://example.com/logo.png" }] }, "survey_settings", "an array"],
    ["custom_messages as a string", { survey_settings: { custom_messages: "Thanks!" } }, "survey_settings.custom_messages", "a string"],
    ["sampling as a number", { survey_settings: { sampling: 50 } }, "survey_settings.sampling", "a number"],
    // A Map's entries are no fields: read as an object, it would send no settings without a word.
    ["survey_settings as a Map", { survey_settings: new Map([["language", "fr"]]) }, "survey_settings", "a Map"],
  ])("refuses %s as no object, by both e-mail survey helpers, sending nothing", async (_, options, field, described) => {
    const { wootric, observed } = client();
    for (const send of [sendEmailSurvey(wootric, { emails: ["a@example.com"], ...options } as never), sendEmailSurveyCsv(wootric, "email\na@example.com\n", options as never)]) {
      const error = await refusal(send);
      expect(error.field).toBe(field);
      expect(error.message).toBe(`${field} must be an object, got ${described}`);
    }
    expect(observed.calls()).toEqual([]);
  });

  // The spec's Sampling: a chance from 0 to 100 to serve the survey; 150 or -5 went out as they were.
  it.each([150, -5, 12.5, "50", null])("refuses a registered_percent of %s, by both e-mail survey helpers and the CSV check, sending nothing", async (percent) => {
    const { wootric, observed } = client();
    const options = { survey_settings: { sampling: { registered_percent: percent as never } } };
    const sends = [sendEmailSurvey(wootric, { emails: ["a@example.com"], ...options }), sendEmailSurveyCsv(wootric, "email\na@example.com\n", options), Promise.resolve().then(() => checkEmailSurveyCsv("email\na@example.com\n", options))];
    for (const send of sends) {
      const error = await refusal(send);
      expect(error.field).toBe("survey_settings.sampling.registered_percent");
      expect(error.message).toMatch(/^survey_settings\.sampling\.registered_percent must be an integer from 0 to 100, got /);
    }
    expect(observed.calls()).toEqual([]);
    await sendEmailSurvey(wootric, { emails: ["a@example.com"], survey_settings: { sampling: { registered_percent: 0 } } });
    await sendEmailSurvey(wootric, { emails: ["a@example.com"], survey_settings: { sampling: { registered_percent: 100 } } });
    expect(observed.calls()).toHaveLength(2);
  });

  it("takes a null survey_settings and a null custom_messages as none", async () => {
    const { wootric, observed } = client();
    await sendEmailSurvey(wootric, { emails: ["a@example.com"], survey_settings: null as never });
    await sendEmailSurvey(wootric, { emails: ["a@example.com"], survey_settings: { custom_messages: null as never } });
    expect(observed.calls()).toHaveLength(2);
  });

  it("sends every survey_settings field the spec names", async () => {
    const { wootric, observed } = client();
    const survey_settings = {
      language: "EN", survey_template_id: 7, logo_url: "https://example.com/logo.png", audience_text: "your team", product_name: "Acme",
      custom_messages: { followup_text: "a", detractor_followup_text: "b", passive_followup_text: "c", promoter_followup_text: "d", prompt_text: "e", detractor_prompt_text: "f", passive_prompt_text: "g", promoter_prompt_text: "h" },
      sampling: { first_survey_delay: 1, response_throttle: 2, decline_throttle: 3, registered_percent: 50 },
    };
    await sendEmailSurvey(wootric, { emails: ["a@example.com"], survey_settings: survey_settings as never });
    expect(observed.calls()).toHaveLength(1);
  });

  // A key left undefined goes out as nothing (as everywhere the form is written): no property was misplaced there.
  it("sends an end_user whose other keys are undefined, which the form leaves out, instead of refusing them as misplaced properties", async () => {
    const { wootric, observed } = client();
    const endUser = { properties: { plan: "Pro" }, email: undefined } as { properties: { plan: string } };
    await sendEmailSurvey(wootric, { emails: ["a@example.com"], end_user: endUser });
    expect(formFields(observed.bodies[0])).toEqual([
      ["emails[]", "a@example.com"],
      ["end_user[properties][plan]", "Pro"],
    ]);
  });

  it("sends a Date in end_user.properties as Unix seconds, as properties() writes it", async () => {
    const { wootric, observed } = client();
    const when = new Date("2026-12-01T08:00:00Z");
    await sendEmailSurvey(wootric, { emails: ["a@example.com"], end_user: { properties: { plan: "Pro", when_date: when as never } } });
    expect(formFields(observed.bodies[0])).toEqual([
      ["emails[]", "a@example.com"],
      ["end_user[properties][plan]", "Pro"],
      ["end_user[properties][when_date]", String(when.getTime() / 1000)],
    ]);
  });

  it("takes exactly 100 addresses, counting comma-joined ones as the vendor's example sends them", async () => {
    const { wootric, observed } = client();
    const emails = Array.from({ length: MAX_EMAILS / 2 }, (_, i) => `a${i}@example.com,b${i}@example.com`);
    await sendEmailSurvey(wootric, { emails, external_ids: emails.map((_, i) => `A${i},B${i}`) });
    expect(observed.requests).toHaveLength(1);
  });

  it("takes a list written with spaces around its commas, sent as written", async () => {
    const { wootric, observed } = client();
    await sendEmailSurvey(wootric, { emails: ["a@example.com, b@example.com ,c@example.com"] });
    expect(formFields(observed.bodies[0])).toEqual([["emails[]", "a@example.com, b@example.com ,c@example.com"]]);
  });

  it("refuses 101 addresses before any request, saying to send batches of 100", async () => {
    const { wootric, observed } = client();
    const error = await refusal(sendEmailSurvey(wootric, { emails: Array.from({ length: 101 }, (_, i) => `u${i}@example.com`) }));
    expect(error.field).toBe("emails");
    expect(error.message).toBe("emails has 101 addresses, over Wootric's 100 per request: send batches");
    expect(observed.requests).toHaveLength(0);
  });

  it.each([
    ["a number among the addresses", { emails: ["a@example.com", 42] }, "emails[1]", /emails\[1\] must be a string \(e-mail address\), got a number/],
    ["a string instead of a list", { emails: "a@example.com" }, "emails", /emails must be an array of e-mail address strings, got a string/],
    ["no address", { emails: [] }, "emails", /emails is empty/],
    ["a value that is not an address", { emails: ["a@example.com", "bob"] }, "emails (address 2)", /must be an e-mail address, got "bob"/],
    ["an address with two @", { emails: ["jane@doe@example.com"] }, "emails (address 1)", /^emails \(address 1\) must be an e-mail address, got "jane@doe@example\.com"$/],
    ["a stray comma", { emails: ["a@example.com,"] }, "emails[0]", /emails\[0\] has an empty e-mail address/],
    // Pasted from a page or a sheet: Wootric would make an end user of the address with the character in it.
    ["a zero-width space in an address", { emails: ["a\u200b@example.com"] }, "emails (address 1)", /must be an e-mail address, got "a\\u200b@example.com"/],
    ["a control character in an address", { emails: ["a@example.com\u0007"] }, "emails (address 1)", /must be an e-mail address, got "a@example.com\\u0007"/],
    ["a soft hyphen in an address", { emails: ["jane\u00addoe@example.com"] }, "emails (address 1)", /must be an e-mail address/],
    // At an end too: checked as it is sent (a trim that removed them let them through to Wootric).
    ["a byte-order mark before an address", { emails: ["\ufeffa@example.com"] }, "emails (address 1)", /must be an e-mail address, got "\\ufeffa@example.com"/],
    ["a no-break space after an address", { emails: ["a@example.com", "b@example.com\u00a0"] }, "emails (address 2)", /must be an e-mail address, got "b@example.com\\u00a0"/],
    ["a line separator after a comma", { emails: ["a@example.com,\u2028b@example.com"] }, "emails (address 2)", /must be an e-mail address, got "\\u2028b@example.com"/],
    ["a space before an address", { emails: [" a@example.com"] }, "emails (address 1)", /must be an e-mail address, got " a@example.com"/],
    ["fewer external IDs than addresses", { emails: ["a@example.com", "b@example.com"], external_ids: ["A"] }, "external_ids", /external_ids has 1 IDs for 2 addresses/],
    ["more external IDs than addresses", { emails: ["a@example.com"], external_ids: ["A", "B , C"] }, "external_ids", /external_ids has 3 IDs for 1 addresses/],
    ["a delay of 32 days", { emails: ["a@example.com"], delay: 32 }, "delay", /delay must be an integer from 1 to 31 \(days to wait before sending\), got 32/],
  ])("refuses %s before any request", async (_, request, field, message) => {
    const { wootric, observed } = client();
    const error = await refusal(sendEmailSurvey(wootric, request as never));
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
    expect(observed.requests).toHaveLength(0);
  });

  it("throws the status-keyed ApiError with Wootric's body when the send is refused", async () => {
    const { wootric } = client(() => json({ errors: ["Invalid email"] }, 400));
    const error = await sendEmailSurvey(wootric, { emails: ["a@example.com"] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ status: 400, body: { errors: ["Invalid email"] } });
  });

  // Wootric may have sent some of the surveys before it failed: "retry later" would survey those people twice.
  it("says a 5xx may have sent the surveys and to check before resending, sending once", async () => {
    // Retries on, as by default: a GET's 500 would be sent again, this POST is not.
    const { wootric, observed } = client(() => json({ error: "Internal Server Error" }, 500), 2);
    const error = await sendEmailSurvey(wootric, { emails: ["a@example.com"] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as Error).message).toMatch(/failed with 500: Internal Server Error\. The vendor failed\. Not retried: the server may have acted on it; check before resending\.$/);
    expect((error as Error).message).not.toContain("retry later");
    expect(observed.requests).toHaveLength(1);
  });
});

describe("sendEmailSurveyCsv", () => {
  it("uploads the checked CSV as the Base64url csv field of an urlencoded form, with the send options", async () => {
    const { wootric, observed } = client(() => json({}));
    await sendEmailSurveyCsv(wootric, CSV, { survey_immediately: true, subject: "Hello {{service}}", survey_settings: { survey_template_id: 888 } });
    expect(observed.calls()).toEqual([`POST ${BASE}/v1/email_survey_csv`]);
    expect(observed.requests[0]!.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    const fields = formFields(observed.bodies[0]);
    expect(fields.map(([name]) => name)).toEqual(["survey_immediately", "subject", "survey_settings[survey_template_id]", "csv"]);
    const csv = fields.find(([name]) => name === "csv")![1];
    expect(csv).toMatch(/^[A-Za-z0-9_=-]+$/);
    expect(Buffer.from(csv, "base64url").toString("utf8")).toBe(CSV);
  });

  it.each(["00:00", "23:59"])("sends a delivery_time of %s, the ends of the day, as given", async (time) => {
    const { wootric, observed } = client(() => json({}));
    await sendEmailSurveyCsv(wootric, CSV, { send_to_email_field: "email", delivery_time: time });
    expect(formFields(observed.bodies[0]).find(([name]) => name === "delivery_time")).toEqual(["delivery_time", time]);
  });

  it("encodes the vendor's own sample CSV to the vendor's Base64 string, its last row ended by \\n as every row is", async () => {
    const { wootric, observed } = client();
    await sendEmailSurveyCsv(wootric, "email,Region,Country,Project Name\nuser1@gmail.com,EMEA,USA,Project One\nuser2@gmail.com,LATAM,Argentina,Assessment Project");
    // The vendor's string, with the line break the upload ends its last row with.
    const vendors = "ZW1haWwsUmVnaW9uLENvdW50cnksUHJvamVjdCBOYW1lCnVzZXIxQGdtYWlsLmNvbSxFTUVBLFVTQSxQcm9qZWN0IE9uZQp1c2VyMkBnbWFpbC5jb20sTEFUQU0sQXJnZW50aW5hLEFzc2Vzc21lbnQgUHJvamVjdA==";
    expect(formFields(observed.bodies[0])).toEqual([["csv", Buffer.from(`${Buffer.from(vendors, "base64")}\n`).toString("base64")]]);
  });

  it("uploads the rows it checked: no blank line, each row ended by \\n, quoted fields as written", async () => {
    const { wootric, observed } = client();
    // Blank lines, a line of spaces, a tab's, CRLF, CR and LF mixed: a Rails reader would take each blank line for a row
    // without an address, and a line break of another kind than the first for part of a field.
    const csv = 'email,note,plan\r\n\r\njane@example.com,"Great,\r\nreally",""\r   \njohn@example.com,ok,Pro\n\t\n\nann@example.com,"say ""hi""",\r\n\r\n';
    await sendEmailSurveyCsv(wootric, csv);
    await sendEmailSurveyCsv(wootric, new Blob([csv]));
    const sent = 'email,note,plan\njane@example.com,"Great,\nreally",""\njohn@example.com,ok,Pro\nann@example.com,"say ""hi""",\n';
    expect(observed.bodies.map((body) => Buffer.from(formFields(body).find(([name]) => name === "csv")![1], "base64url").toString("utf8"))).toEqual([sent, sent]);
  });

  it("reads a Blob as UTF-8 and uses the URL-safe alphabet for bytes that standard Base64 writes as + and /", async () => {
    const { wootric, observed } = client();
    const text = "email,note\nzoë@example.com,¿?>>>\n";
    await sendEmailSurveyCsv(wootric, new Blob([text], { type: "text/csv" }));
    const csv = formFields(observed.bodies[0]).find(([name]) => name === "csv")![1];
    expect(csv).not.toMatch(/[+/]/);
    expect(Buffer.from(csv, "base64url").toString("utf8")).toBe(text);
  });

  it("uploads a string with a byte-order mark without it, as it uploads the same file read as a Blob", async () => {
    const { wootric, observed } = client();
    await sendEmailSurveyCsv(wootric, `\uFEFF${CSV}`);
    await sendEmailSurveyCsv(wootric, new Blob([`\uFEFF${CSV}`]));
    const [fromText, fromBlob] = observed.bodies.map((body) => formFields(body).find(([name]) => name === "csv")![1]);
    expect(Buffer.from(fromText!, "base64url").toString("utf8")).toBe(CSV);
    expect(fromText).toBe(fromBlob);
  });

  it("uploads a CSV that starts with two byte-order marks without either, as the header it checked", async () => {
    const { wootric, observed } = client();
    await sendEmailSurveyCsv(wootric, `\uFEFF\uFEFF${CSV}`);
    await sendEmailSurveyCsv(wootric, new Blob([`\uFEFF\uFEFF${CSV}`]));
    // Both were checked as starting with email: a mark left in would make Wootric read "\uFEFFemail".
    for (const body of observed.bodies) expect(Buffer.from(formFields(body).find(([name]) => name === "csv")![1], "base64url").toString("utf8")).toBe(CSV);
  });

  it("says a 5xx may have sent the surveys and to check before resending, sending once", async () => {
    const { wootric, observed } = client(() => json({ error: "Bad Gateway" }, 502), 2);
    const error = await sendEmailSurveyCsv(wootric, CSV).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as Error).message).toMatch(/The vendor failed\. Not retried: the server may have acted on it; check before resending\.$/);
    expect(observed.requests).toHaveLength(1);
  });

  it("throws the status-keyed ApiError when Wootric refuses the upload", async () => {
    const { wootric } = client(() => json({ error: "Too many requests" }, 429));
    await expect(sendEmailSurveyCsv(wootric, CSV)).rejects.toBeInstanceOf(RateLimitError);
  });

  it.each([
    ["an empty file", "", {}, "csv", /csv is empty: it needs a header row \(email first\), then one row per address$/],
    ["a header only", "email,plan\n", {}, "csv", /csv has a header but no rows/],
    ["email not first", "plan,email\nPro,a@example.com\n", {}, "csv: column email", /csv line 1: the first column must be email.*has it as column 2/],
    ["no email column", "mail,plan\na@example.com,Pro\n", {}, "csv: column email", /has no email column/],
    // Excel in many locales writes semicolons: the header reads as one column, which has no email column either.
    ["a file separated by semicolons", "email;plan\na@example.com;Pro\n", {}, "csv: column email", /^csv line 1: the first column must be email \(the address to survey\), but the header is one column: separate columns with commas$/],
    ["a file separated by tabs", "email\tplan\na@example.com\tPro\n", {}, "csv: column email", /but the header is one column: separate columns with commas$/],
    ["Email capitalised", "Email,plan\na@example.com,Pro\n", {}, "csv: column email", /names it "Email": the name is exact, lower case/],
    ["email with a space after it, which Wootric reads as another column", "email ,plan\na@example.com,Pro\n", {}, "csv: column email", /names it "email ": the name is exact, lower case/],
    ["a row with an extra field", "email,plan\na@example.com,Pro\nb@example.com,Pro,extra\n", {}, "csv: line 3", /^csv line 3 has 3 fields but the header has 2: quote values with commas$/],
    // Without the check, the missing column's value would be read from nothing (undefined), or the row sent as it is.
    ["a row with a field missing", "email,plan,start_date\na@example.com,Pro,\nb@example.com,Pro\n", {}, "csv: line 3", /^csv line 3 has 2 fields but the header has 3: write empty fields as commas$/],
    ["a row without an address", "email,plan\n\na@example.com,Pro\nnobody,Free\n", {}, "csv: line 4, column email", /must be an e-mail address, got "nobody"/],
    ["a row without an address in a send_to_email_field column with a space", "id,E mail\n7,nobody\n", { send_to_email_field: "E mail" }, 'csv: line 2, column "E mail"', /^csv: line 2, column "E mail" must be an e-mail address, got "nobody"$/],
    ["a multi-line quoted field before the bad row", 'email,note\na@example.com,"two\nlines"\nb@,x\n', {}, "csv: line 4, column email", /got "b@"/],
    ["an address after a space in its cell, which Wootric would read as part of it", "email,plan\n a@example.com,Pro\n", {}, "csv: line 2, column email", /^csv: line 2, column email must be an e-mail address, got " a@example\.com"$/],
    ["an address with a no-break space at its end", "email\na@example.com\u00a0\n", {}, "csv: line 2, column email", /^csv: line 2, column email must be an e-mail address, got "a@example\.com\\u00a0"$/],
    ["a non-integer _amount", "email,price_amount\na@example.com,12\nb@example.com,9.99\n", {}, "csv: line 3, column price_amount", /has "9\.99" in "price_amount": a column ending in _amount takes whole numbers/],
    ["a _date as yyyy-mm-dd", "email,start_date\na@example.com,1350466020\nb@example.com,\nc@example.com,2020-01-01\n", {}, "csv: line 4, column start_date", /^csv line 4 has "2020-01-01" in "start_date": a column ending in _date takes a Unix timestamp in seconds$/],
    ["a _date in milliseconds", "email,last_order_date\na@example.com,1350466020000\n", {}, "csv: line 2, column last_order_date", /has "1350466020000" in "last_order_date": a column ending in _date takes a Unix timestamp in seconds/],
    ["a fractional _date", "email,plan,start_date\na@example.com,Pro,1350466020.5\n", {}, "csv: line 2, column start_date", /has "1350466020\.5" in "start_date": a column ending in _date/],
    ["a ___language column without a template", "email,___language\na@example.com,en\n", {}, "survey_settings.survey_template_id", /^csv's ___language column needs survey_settings\.survey_template_id: the template of those languages$/],
    ["a ___language column without a template, with send_to_email_field", "id,receiver,___language\n7,a@example.com,en\n", { send_to_email_field: "receiver" }, "survey_settings.survey_template_id", /^csv's ___language column needs survey_settings\.survey_template_id: the template of those languages$/],
    ["a repeated email column", "email,plan,email\na@example.com,Pro,b@example.com\n", {}, "csv: column email", /^csv has the column "email" twice: column names must be unique$/],
    ["a repeated property column", "email,plan,Plan,plan\na@example.com,Pro,x,Free\n", {}, "csv: column plan", /^csv has the column "plan" twice: column names must be unique$/],
    ["a repeated receiver column", "id,receiver,receiver\n7,a@example.com,b@example.com\n", { send_to_email_field: "receiver" }, "csv: column receiver", /^csv has the column "receiver" twice/],
    // A caller's cell and column quoted with a C1 control (CSI) and a bidi override as escapes, the cell cut at 100.
    ["a _date cell with a terminal control", "email,start_date\na@example.com,1350466020\u009b2J\n", {}, "csv: line 2, column start_date", /^csv line 2 has "1350466020\\u009b2J" in "start_date": a column ending in _date/],
    ["a long _amount cell", `email,seats_amount\na@example.com,${"9".repeat(5000)}x\n`, {}, "csv: line 2, column seats_amount", new RegExp(`^csv line 2 has "${"9".repeat(97)}\\.\\.\\." in "seats_amount": a column ending in _amount takes whole numbers$`)],
    // The column's name is the caller's too: a third party's header with an OSC title sequence, a CSI and a bidi override.
    ["a _date column named with terminal controls", "email,x\u001b]0;pwned\u0007\u009b2J\u202e_date\na@example.com,zz\n", {}, 'csv: line 2, column "x\\u001b]0;pwned\\u0007\\u009b2J\\u202e_date"', /^csv line 2 has "zz" in "x\\u001b\]0;pwned\\u0007\\u009b2J\\u202e_date": a column ending in _date/],
    ["a repeated column with a bidi override", "email,plan\u202e,plan\u202e\na@example.com,a,b\n", {}, 'csv: column "plan\\u202e"', /^csv has the column "plan\\u202e" twice: column names must be unique$/],
    ["a send_to_email_field the header lacks", "email,plan\na@example.com,Pro\n", { send_to_email_field: "receiver" }, "send_to_email_field", /^send_to_email_field names the column "receiver", not in the CSV's header$/],
    // Described, not written out: an object's fields (a password among them) would be, and a BigInt threw a TypeError.
    ["a send_to_email_field that is an object", "email,plan\na@example.com,Pro\n", { send_to_email_field: { column: "receiver", password: "wtPw-hunter2" } as never }, "send_to_email_field", /^send_to_email_field names the column an object, not in the CSV's header$/],
    ["a send_to_email_field that is a BigInt", "email,plan\na@example.com,Pro\n", { send_to_email_field: 7n as never }, "send_to_email_field", /^send_to_email_field names the column a bigint, not in the CSV's header$/],
    // The column that sets each end user's e-mail (the vendor's doc): one misspelt would leave every end user without it.
    ["a unique_identifier_field the header lacks", "id,receiver\n7,a@example.com\n", { send_to_email_field: "receiver", unique_identifier_field: "user_id" }, "unique_identifier_field", /^unique_identifier_field names the column "user_id", not in the CSV's header$/],
  ])("refuses %s before any request, naming the line", async (_, csv, options, field, message) => {
    const { wootric, observed } = client();
    const error = await refusal(sendEmailSurveyCsv(wootric, csv, options));
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
    expect(observed.requests).toHaveLength(0);
  });

  it(`takes ${MAX_CSV_ROWS} rows and refuses one more, naming the line where the excess starts`, () => {
    const rows = (count: number) => `email\n${Array.from({ length: count }, (_, i) => `u${i}@example.com`).join("\n")}\n`;
    expect(() => checkEmailSurveyCsv(rows(MAX_CSV_ROWS))).not.toThrow();
    expect(() => checkEmailSurveyCsv(rows(MAX_CSV_ROWS + 1))).toThrow(/csv has 5001 rows, over Wootric's 5000 per request: split it \(row 5001 is on line 5002\)/);
  });

  it("takes Unix timestamps in seconds, before 1970 too, or nothing in *_date columns, and any text in other date-like columns", () => {
    const csv = "email,start_date,birth_date,date_of_birth,dated\na@example.com,1350466020,-86400,1990-05-01,yes\nb@example.com,,9999999999,,\n";
    expect(() => checkEmailSurveyCsv(csv)).not.toThrow();
  });

  it("takes any text in ___context: columns, which fill the subject and intro and are no end-user properties", () => {
    const csv = "email,___context:renewal_date,___context:seats_amount\na@example.com,March 3,ten\n";
    expect(() => checkEmailSurveyCsv(csv)).not.toThrow();
  });

  it("takes blank header cells, as a spreadsheet export leaves after the last column, however many", () => {
    expect(() => checkEmailSurveyCsv("email,plan,,\na@example.com,Pro,,\n")).not.toThrow();
  });

  it("checks a wide header for repeated columns without searching it once per column", () => {
    // One indexOf over the header per column made the check quadratic, as it was in checkImportCsv.
    const columns = Array.from({ length: 20_000 }, (_, i) => `property_${i}`);
    const csv = `email,${columns.join(",")}\na@example.com${",".repeat(columns.length)}\n`;
    const indexOf = vi.spyOn(Array.prototype, "indexOf");
    let searches: number;
    try {
      checkEmailSurveyCsv(csv);
    } finally {
      searches = indexOf.mock.calls.length;
      indexOf.mockRestore();
    }
    expect(searches).toBeLessThan(10);
  });

  it("reads the receiver's address from send_to_email_field's column when it is given", () => {
    expect(() => checkEmailSurveyCsv("id,receiver\n7,a@example.com\n", { send_to_email_field: "receiver", unique_identifier_field: "id" })).not.toThrow();
    expect(() => checkEmailSurveyCsv("id,receiver\n7,nobody\n", { send_to_email_field: "receiver" })).toThrow('csv: line 2, column receiver must be an e-mail address, got "nobody"');
  });

  it.each([
    ["a delivery_time that is not hh:mm", { delivery_time: "9am" }, "delivery_time", /delivery_time must be a UTC time hh:mm \(24 h\), e\.g\. "09:30", got "9am"/],
    // 24 h: the day has no 24:00, nor an hour's 60th minute.
    ["a delivery_time of 24:00", { delivery_time: "24:00" }, "delivery_time", /^delivery_time must be a UTC time hh:mm \(24 h\), e\.g\. "09:30", got "24:00"$/],
    ["a delivery_time of 09:60", { delivery_time: "09:60" }, "delivery_time", /^delivery_time must be a UTC time hh:mm \(24 h\), e\.g\. "09:30", got "09:60"$/],
    ["a delivery_time given as a number, quoted as itself", { delivery_time: 930 }, "delivery_time", /delivery_time must be a UTC time hh:mm \(24 h\), e\.g\. "09:30", got 930$/],
    ["unique_identifier_field without send_to_email_field", { unique_identifier_field: "id" }, "unique_identifier_field", /needs send_to_email_field/],
    ["a delay of 0 days", { delay: 0 }, "delay", /delay must be an integer from 1 to 31/],
  ])("refuses %s before reading the CSV", async (_, options, field, message) => {
    const { wootric, observed } = client();
    const error = await refusal(sendEmailSurveyCsv(wootric, CSV, options as never));
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
    expect(observed.requests).toHaveLength(0);
    // A check that passes must send: checkEmailSurveyCsv refuses the same options alike.
    expect(() => checkEmailSurveyCsv(CSV, options as never)).toThrow(expect.objectContaining({ field, message: expect.stringMatching(message) }));
  });

  // None has option names of its own: every option (the subject, send_to_email_field, delivery_time) would be dropped,
  // and the surveys sent all the same (found by a review of the shared options check).
  it.each<[string, unknown, string]>([
    ["a Map", new Map([["subject", "Hi"]]), "a Map"],
    ["a URLSearchParams", new URLSearchParams({ send_to_email_field: "work_email" }), "a URLSearchParams"],
    ["an empty list", [], "an array"],
  ])("refuses %s as the options, in checkEmailSurveyCsv as in sendEmailSurveyCsv, before any request", async (_, options, what) => {
    const { wootric, observed } = client();
    const refused = expect.objectContaining({ field: "options", message: `options must be an object, got ${what}` });
    expect(() => checkEmailSurveyCsv(CSV, options as never)).toThrow(refused);
    await expect(sendEmailSurveyCsv(wootric, CSV, options as never)).rejects.toThrow(refused);
    expect(observed.requests).toHaveLength(0);
  });

  it("refuses a list with items as the options by its first index, in checkEmailSurveyCsv as in sendEmailSurveyCsv", async () => {
    const { wootric, observed } = client();
    const refused = (helper: string) => expect.objectContaining({ field: "0", message: expect.stringMatching(new RegExp(`^0 is not an option of ${helper}, which takes survey_immediately, `)) });
    expect(() => checkEmailSurveyCsv(CSV, ["send_to_email_field"] as never)).toThrow(refused("checkEmailSurveyCsv"));
    await expect(sendEmailSurveyCsv(wootric, CSV, ["send_to_email_field"] as never)).rejects.toThrow(refused("sendEmailSurveyCsv"));
    expect(observed.requests).toHaveLength(0);
  });
});

describe("properties", () => {
  it("turns Dates into Unix seconds, leaves undefined out and keeps the rest as given", () => {
    expect(properties({ plan: "Pro", revenue_amount: 10000, purchase_date: new Date("2017-05-12T06:03:41Z"), active: true, coupon: null, skipped: undefined })).toEqual({
      plan: "Pro",
      revenue_amount: 10000,
      purchase_date: 1494569021,
      active: true,
      coupon: null,
    });
  });

  // A second parameter would be the index there, and name the property "1.plan".
  it("names a bad property under properties when mapped over a list point-free", () => {
    const inputs: PropertyInput[] = [{ plan: "Pro" }, { plan: { tier: "gold" } as never }];
    expect(() => inputs.map(properties)).toThrow(expect.objectContaining({ field: "properties.plan", message: expect.stringMatching(/^properties\.plan must be/) }));
  });

  it("sends as one level of Rails brackets in a write body", async () => {
    const { wootric, observed } = client(() => json({ id: 3 }, 201));
    await wootric.POST("/v1/end_users", { body: { email: "new@example.com", properties: properties({ plan: "Pro", last_order_date: 1350466020 }) } });
    expect(formFields(observed.bodies[0])).toEqual([
      ["email", "new@example.com"],
      ["properties[plan]", "Pro"],
      ["properties[last_order_date]", "1350466020"],
    ]);
  });

  it.each([
    ["a name with brackets", { "plan][x": "Pro" }, "properties.plan][x", /without \[ or \]/],
    ["a nested object", { plan: { tier: "gold" } }, "properties.plan", /must be a string, number, boolean or Date, got an object: Wootric keeps one level/],
    ["a fractional _amount", { total_purchase_amount: 12.5 }, "properties.total_purchase_amount", /must be a whole number/],
    ["a date string for a _date", { last_order_date: "2020-01-01" }, "properties.last_order_date", /must be a Date or whole Unix seconds/],
    // Date.now() / 1000 without Math.floor: seconds already, so the message must not blame milliseconds alone.
    ["fractional seconds for a _date", { last_order_date: Date.UTC(2012, 9, 17) / 1000 + 0.5 }, "properties.last_order_date", /must be a Date or whole Unix seconds/],
    ["milliseconds for a _date", { last_order_date: 1350466020000 }, "properties.last_order_date", /whole Unix seconds, not milliseconds/],
    ["milliseconds before 1970 for a _date", { birth_date: -1262304000000 }, "properties.birth_date", /whole Unix seconds, not milliseconds/],
    ["milliseconds of 1968 for a _date", { birth_date: Date.UTC(1968, 5, 1) }, "properties.birth_date", /whole Unix seconds, not milliseconds/],
    ["NaN", { score: Number.NaN }, "properties.score", /must be a finite number, got NaN/],
  ])("refuses %s, naming the property", (_, input, field, message) => {
    const error = (() => {
      try {
        properties(input as never);
      } catch (caught) {
        return caught as InputError;
      }
      throw new Error("expected a throw");
    })();
    expect(error).toBeInstanceOf(InputError);
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
  });
});
