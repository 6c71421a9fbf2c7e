import { bad } from "@apis/faults/bad-input";
import { describe, expect, it } from "vitest";
import { ApiError, createClient, importCsv, InputError, InvalidResponseError, listAll, PaginationLimitError, UnprocessableEntityError } from "../../src/index.js";
import { json, observedFetch } from "@apis/faults/observed-fetch";

const BASE = "https://cxi.test";

function clientWith(handler: Parameters<typeof observedFetch>[0]) {
  const observed = observedFetch(handler);
  return { observed, cxi: createClient({ baseUrl: BASE, fetch: observed.fetch, maxRetries: 0, auth: { type: "token", accessToken: "t" } }) };
}

describe("importCsv", () => {
  it("uploads a checked CSV as the multipart part `file`, named after the filename", async () => {
    const { observed, cxi } = clientWith(() => json({ id: 11, name: "survey.csv" }, 201));
    const created = await importCsv(cxi, "feedback_date,feedback\n2020-07-16,Great\n", { filename: "survey.csv" });
    expect(created.id).toBe(11);
    const request = observed.requests[0]!;
    expect(request.method).toBe("POST");
    expect(request.url).toBe(`${BASE}/v1/imports`);
    const form = await request.clone().formData();
    const file = form.get("file") as File;
    expect(file.name).toBe("survey.csv");
    expect(await file.text()).toBe("feedback_date,feedback\n2020-07-16,Great\n");
  });

  it("uploads a string with a byte-order mark without it, as it uploads the same file given as a Blob", async () => {
    const { observed, cxi } = clientWith(() => json({ id: 14, name: "import.csv" }, 201));
    const csv = "feedback_date,feedback\n2020-07-16,Great\n";
    await importCsv(cxi, `\uFEFF${csv}`);
    await importCsv(cxi, new Blob([`\uFEFF${csv}`]));
    // The bytes, not text(), which would drop a BOM itself.
    const uploads = await Promise.all(observed.requests.map(async (request) => Buffer.from(await ((await request.clone().formData()).get("file") as File).arrayBuffer())));
    for (const upload of uploads) expect(upload).toEqual(Buffer.from(csv));
  });

  it("uploads a CSV that starts with two byte-order marks without either, as the header it checked", async () => {
    const { observed, cxi } = clientWith(() => json({ id: 15, name: "import.csv" }, 201));
    const csv = "feedback_date,feedback\n2020-07-16,Great\n";
    await importCsv(cxi, `\uFEFF\uFEFF${csv}`);
    await importCsv(cxi, new Blob([`\uFEFF\uFEFF${csv}`]));
    // Both were checked as starting with feedback_date: a mark left in would make Wootric read "\uFEFFfeedback_date".
    const uploads = await Promise.all(observed.requests.map(async (request) => Buffer.from(await ((await request.clone().formData()).get("file") as File).arrayBuffer())));
    for (const upload of uploads) expect(upload).toEqual(Buffer.from(csv));
  });

  it("uploads the rows it checked: no blank line, each row ended by \\n, quoted fields as written", async () => {
    const { observed, cxi } = clientWith(() => json({ id: 16, name: "import.csv" }, 201));
    // Blank lines, a line of spaces, a tab's, CRLF, CR and LF mixed: a Rails reader would take each blank line for a
    // response without a feedback_date, and a line break of another kind than the first for part of a field.
    const csv = 'feedback_date,feedback,plan\r\n\r\n2020-07-16,"Great,\r\nreally",""\r   \n2020-07-17,ok,Pro\n\t\n\n2020-07-18,"say ""hi""",\r\n\r\n';
    await importCsv(cxi, csv);
    await importCsv(cxi, new Blob([csv]));
    const uploads = await Promise.all(observed.requests.map(async (request) => ((await request.clone().formData()).get("file") as File).text()));
    const sent = 'feedback_date,feedback,plan\n2020-07-16,"Great,\nreally",""\n2020-07-17,ok,Pro\n2020-07-18,"say ""hi""",\n';
    expect(uploads).toEqual([sent, sent]);
  });

  it("names the import after a File it is given", async () => {
    const { observed, cxi } = clientWith(() => json({ id: 12, name: "q3.csv" }, 201));
    await importCsv(cxi, new File(["feedback_date\n1504948149\n"], "q3.csv", { type: "text/csv" }));
    const file = (await observed.requests[0]!.clone().formData()).get("file") as File;
    expect(file.name).toBe("q3.csv");
  });

  it("calls no method of a Blob whose name is one: the part is named as FormData names it, as before", async () => {
    const { observed, cxi } = clientWith(() => json({ id: 15, name: "import.csv" }, 201));
    let calls = 0;
    const name = () => (calls++, "called.csv");
    await importCsv(cxi, Object.assign(new Blob(["feedback_date\n1504948149\n"]), { name }));
    const file = (await observed.requests[0]!.clone().formData()).get("file") as File;
    const form = new FormData();
    form.append("file", new Blob([]), name as unknown as string);
    expect(calls).toBe(0);
    expect(file.name).toBe((form.get("file") as File).name);
  });

  it("takes null options as left out: the import is sent, named import.csv", async () => {
    const { observed, cxi } = clientWith(() => json({ id: 13, name: "import.csv" }, 201));
    const created = await importCsv(cxi, "feedback_date\n1504948149\n", bad<{ filename?: string }>(null));
    expect(created.id).toBe(13);
    expect(observed.requests).toHaveLength(1);
    const file = (await observed.requests[0]!.clone().formData()).get("file") as File;
    expect(file.name).toBe("import.csv");
  });

  it("throws the vendor's refusal as an UnprocessableEntityError carrying its body", async () => {
    const { cxi } = clientWith(() => json({ message: "Invalid file" }, 422));
    const error = await importCsv(cxi, "feedback_date\n1504948149\n").then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect((error as UnprocessableEntityError).body).toEqual({ message: "Invalid file" });
  });

  it.each([
    ["an empty 201", () => new Response(null, { status: 201 })],
    ["a null body", () => json(null, 201)],
    ["a list", () => json([], 201)],
  ])("throws an InvalidResponseError when the upload is answered with %s instead of the import", async (_name, answer) => {
    const { cxi } = clientWith(answer);
    const error = await importCsv(cxi, "feedback_date\n1504948149\n").then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).message).toMatch(/^POST https:\/\/cxi\.test\/v1\/imports returned 201 but no import/);
  });

  it.each([
    ["in an envelope", { import: { id: 11, name: "import.csv" } }],
    ["in a list", [{ id: 11, name: "import.csv" }]],
    ["as a string", { id: "11", name: "import.csv" }],
    ["left out", { name: "import.csv" }],
  ])("throws an InvalidResponseError keeping the body when the upload's answer has the import's id %s, so it is not lost", async (_name, body) => {
    const { cxi } = clientWith(() => json(body, 201));
    const error = await importCsv(cxi, "feedback_date\n1504948149\n").then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ status: 201, method: "POST", body });
    expect((error as InvalidResponseError).message).toBe("POST https://cxi.test/v1/imports returned 201 but no import id (see body): look for it with GET /v1/imports");
  });

  // The README's convention: 424 (an account not onboarded) has no status-keyed class, so a newcomer catching those
  // by class needs ApiError and its status.
  it("throws the 424 of an account not onboarded as a plain ApiError with its status and body, none of the status-keyed classes", async () => {
    const { cxi } = clientWith(() => json({ message: "Please complete the onboarding flow first." }, 424));
    const error = await importCsv(cxi, "feedback_date\n1504948149\n").then(() => undefined, (e: unknown) => e);
    expect(Object.getPrototypeOf(error)).toBe(ApiError.prototype);
    expect(error).toMatchObject({ status: 424, body: { message: "Please complete the onboarding flow first." } });
  });

  it("sends nothing when the CSV breaks the vendor's rules", async () => {
    const { observed, cxi } = clientWith(() => json({}, 201));
    await expect(importCsv(cxi, "feedback,tags\nhi,x\n")).rejects.toBeInstanceOf(InputError);
    expect(observed.requests).toHaveLength(0);
  });
});

describe("listAll", () => {
  it("fetches pages of 50 lazily until a short page", async () => {
    const { observed, cxi } = clientWith((request) => {
      const page = Number(new URL(request.url).searchParams.get("page"));
      const size = page < 3 ? 50 : 7;
      return json(Array.from({ length: size }, (_, i) => ({ id: page * 100 + i, name: `T${i}`, mode: "manual" })));
    });
    const iterator = listAll(cxi, "/v1/tags", { query: { exclude_disabled: true } });
    await iterator.next();
    expect(observed.requests).toHaveLength(1);
    let count = 1;
    for await (const _tag of iterator) count++;
    expect(count).toBe(107);
    expect(observed.requests.map((request) => new URL(request.url).search)).toEqual([
      "?exclude_disabled=true&page=1&per_page=50",
      "?exclude_disabled=true&page=2&per_page=50",
      "?exclude_disabled=true&page=3&per_page=50",
    ]);
  });

  it("takes null options as left out: pages of 50 with no other query", async () => {
    const { observed, cxi } = clientWith(() => json([{ id: 1, name: "T1", mode: "manual" }]));
    const names: string[] = [];
    for await (const tag of listAll(cxi, "/v1/tags", bad<{ query?: { per_page?: number } }>(null))) names.push(tag.name);
    expect(names).toEqual(["T1"]);
    expect(observed.requests.map((request) => new URL(request.url).search)).toEqual(["?page=1&per_page=50"]);
  });

  it.each([
    ["a string", "a=b", "a string"],
    ["a URLSearchParams", new URLSearchParams("a=b"), "a URLSearchParams"],
    ["an array", [["a", "b"]], "an array"],
    ["a Date", new Date(0), "a Date"],
  ])("refuses a query given as %s, which would be sent garbled or as nothing, asking for an object of parameters", (_name, query, got) => {
    const { observed, cxi } = clientWith(() => json({ total_count: 0, items: [] }));
    expect(() => listAll(cxi, "/v1/responses", { query: bad<{ sort_order?: "asc" }>(query) })).toThrow(
      expect.objectContaining({ field: "query", message: `query must be an object of parameters, got ${got}` }),
    );
    expect(observed.requests).toHaveLength(0);
  });

  // The client's check knows every operation's names, so a name of another list passed it: Wootric ignores it, and a
  // search on the responses listed every response, a sort_order on tags sorted them by response count.
  it.each([
    ["/v1/responses", "search", "billing"],
    ["/v1/tags", "sort_order", "asc"],
    ["/v1/imports", "exclude_disabled", true],
    ["/v1/responses", "export_type", "users"],
  ] as const)("on %s, refuses query.%s, a name only another operation reads, before any request", (path, name, value) => {
    const { observed, cxi } = clientWith(() => json({ total_count: 0, items: [] }));
    expect(() => listAll(cxi, path, { query: bad<{}>({ [name]: value }) })).toThrow(
      expect.objectContaining({ name: "InputError", field: `query.${name}`, message: `query.${name} is not read by ${path}` }),
    );
    expect(observed.requests).toHaveLength(0);
  });

  it("sends each list's own query names, and a name of another list left undefined or null, which is not sent", async () => {
    const { observed, cxi } = clientWith((request) => json(request.url.includes("tags") ? [] : { total_count: 0, items: [] }));
    for await (const _tag of listAll(cxi, "/v1/tags", { query: { flat: true, sort: "name_asc", search: "x", no_stats: true, exclude_disabled: true } })) break;
    for await (const _response of listAll(cxi, "/v1/responses", { query: bad<{}>({ sort_order: "desc", search: undefined, flat: null }) })) break;
    expect(observed.requests.map((request) => new URL(request.url).search)).toEqual([
      "?flat=true&sort=name_asc&search=x&no_stats=true&exclude_disabled=true&page=1&per_page=50",
      "?sort_order=desc&page=1&per_page=50",
    ]);
  });

  // It was overwritten by the page asked for: a caller who meant to start on page 3 read every page from 1.
  it("refuses a page in the query, naming query.page, since listAll pages itself; a null page reads as left out", async () => {
    const { observed, cxi } = clientWith(() => json({ total_count: 0, items: [] }));
    expect(() => listAll(cxi, "/v1/responses", { query: bad<{ sort_order?: "asc" }>({ page: 3 }) })).toThrow(
      expect.objectContaining({ field: "query.page", message: "query.page is not taken: listAll pages itself" }),
    );
    expect(observed.requests).toHaveLength(0);
    for await (const _response of listAll(cxi, "/v1/responses", { query: bad<{ sort_order?: "asc" }>({ page: null }) })) break;
    expect(observed.requests.map((request) => new URL(request.url).search)).toEqual(["?page=1&per_page=50"]);
  });

  it("takes a query object without a prototype, as parsed JSON or Object.create(null) makes it", async () => {
    const { observed, cxi } = clientWith(() => json({ total_count: 0, items: [] }));
    const query = Object.assign(Object.create(null) as { sort_order?: "asc" }, { sort_order: "asc" as const });
    for await (const _response of listAll(cxi, "/v1/responses", { query })) break;
    expect(observed.requests.map((request) => new URL(request.url).search)).toEqual(["?sort_order=asc&page=1&per_page=50"]);
  });

  it("reads only the options' own keys with a value: an inherited key or one left undefined is no option it refuses", async () => {
    const { observed, cxi } = clientWith(() => json({ total_count: 0, items: [] }));
    const options = Object.assign(Object.create({ headers: { "x-a": "b" } }) as { query: { sort_order: "asc" } }, { query: { sort_order: "asc" as const }, path: undefined });
    for await (const _response of listAll(cxi, "/v1/responses", options)) break;
    expect(observed.requests.map((request) => new URL(request.url).search)).toEqual(["?sort_order=asc&page=1&per_page=50"]);
  });

  it("reads the responses envelope and stops at its total_count", async () => {
    const { observed, cxi } = clientWith((request) => {
      const page = Number(new URL(request.url).searchParams.get("page"));
      return json({ total_count: 4, items: [{ id: page * 10 }, { id: page * 10 + 1 }] });
    });
    const ids: number[] = [];
    for await (const response of listAll(cxi, "/v1/responses", { query: { per_page: 2, sort_order: "asc" } })) ids.push(response.id);
    expect(ids).toEqual([10, 11, 20, 21]);
    expect(observed.requests).toHaveLength(2);
  });

  // A stale count (total_count 3 over pages of 2, 2 and 1) would have ended the list after page 2, its fifth response
  // dropped without a word: a full page that reads past the total goes on.
  it("reads on past a total_count that a full page contradicts, to the short page", async () => {
    const { observed, cxi } = clientWith((request) => {
      const page = Number(new URL(request.url).searchParams.get("page"));
      return json({ total_count: 3, items: [{ id: page * 10 }, { id: page * 10 + 1 }].slice(0, page < 3 ? 2 : 1) });
    });
    const ids: number[] = [];
    for await (const response of listAll(cxi, "/v1/responses", { query: { per_page: 2 } })) ids.push(response.id);
    expect(ids).toEqual([10, 11, 20, 21, 30]);
    expect(observed.requests).toHaveLength(3);
  });

  // A null in a page would reach the caller's loop as a tag, to fail there on tag.name.
  it("throws an InvalidResponseError when a page holds a null, yielding none of that page", async () => {
    const { cxi } = clientWith(() => json([{ id: 1, name: "a" }, null]));
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const tag of listAll(cxi, "/v1/tags")) seen.push(tag);
    })().catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ message: "Fetching page 1 failed: its item 1 is null" });
    expect(seen).toEqual([]);
  });

  // Wootric's explanation of a refused filter comes as { message } under 200, with no items: it is kept as the error's body.
  it("throws an InvalidResponseError keeping the body when a responses page is the vendor's { message } under 200", async () => {
    const { cxi } = clientWith(() => json({ message: "Invalid sort_order" }));
    const error = await (async () => {
      for await (const _response of listAll(cxi, "/v1/responses")) break;
    })().catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ message: "Fetching page 1 failed: got nothing, not a list", status: 200, body: { message: "Invalid sort_order" } });
  });

  // Newest first, a response answered after page 1 moves every later one down a place: the last of each page comes again
  // on the next, and total_count counts the new one, which no page after the first holds.
  it("reads the responses of 29 pages and a bit to their end when one is answered mid-way, each once, not a PaginationLimitError at page 30", async () => {
    const ids = Array.from({ length: 1450 }, (_, i) => 5000 - i);
    const { observed, cxi } = clientWith((request) => {
      const page = Number(new URL(request.url).searchParams.get("page"));
      const answer = json({ total_count: ids.length, items: ids.slice((page - 1) * 50, page * 50).map((id) => ({ id })) });
      if (page === 1) ids.unshift(5001);
      return answer;
    });
    const seen: number[] = [];
    for await (const response of listAll(cxi, "/v1/responses")) seen.push(response.id);
    expect(new Set(seen).size).toBe(1450);
    expect(seen).toHaveLength(1450);
    expect(observed.requests).toHaveLength(30);
  });

  it("throws a PaginationLimitError after page 30 when the list goes on, instead of dropping the rest", async () => {
    const { observed, cxi } = clientWith((request) => {
      const page = Number(new URL(request.url).searchParams.get("page"));
      return json(Array.from({ length: 50 }, (_, i) => ({ id: (page - 1) * 50 + i, name: "x", created_at: 0 })));
    });
    let count = 0;
    const error = await (async () => {
      for await (const _item of listAll(cxi, "/v1/imports")) count++;
    })().catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(PaginationLimitError);
    expect(count).toBe(1500);
    expect(observed.requests).toHaveLength(30);
  });

  // A 200 of JSON null, a bare array where the envelope belongs, or a string: what a broken proxy or vendor may send.
  it.each([
    ["/v1/responses", null, "nothing"],
    ["/v1/responses", [{ id: 1 }], "nothing"],
    ["/v1/tags", "Service unavailable", "a string"],
  ] as const)("on %s, a 200 page of %j throws InvalidResponseError naming the page, not a TypeError or characters as items", async (path, body, what) => {
    const { cxi } = clientWith(() => json(body));
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const item of listAll(cxi, path)) if (seen.push(item) > 50) break;
    })().catch((thrown: unknown) => thrown);
    expect(seen).toEqual([]);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toBe(`Fetching page 1 failed: got ${what}, not a list`);
  });

  it("throws an ApiError carrying the vendor's body when a page fails", async () => {
    const { cxi } = clientWith(() => json({ message: "Please complete the onboarding flow first." }, 424));
    const error = await listAll(cxi, "/v1/tags").next().catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(424);
    expect((error as ApiError).body).toEqual({ message: "Please complete the onboarding flow first." });
  });
});
