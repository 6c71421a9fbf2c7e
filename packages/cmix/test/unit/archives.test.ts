import { bad } from "@apis/faults/bad-input";
import { types } from "node:util";
import { describe, expect, it, vi } from "vitest";
import {
  ApiError,
  ApiUserAbortError,
  ArchiveAbortError,
  ArchiveFailedError,
  ArchiveTimeoutError,
  createArchive,
  createClient,
  EmbeddedApiError,
  exportArchive,
  getArchive,
  InputError,
  InvalidResponseError,
  pollArchive,
  type ArchiveRef,
  type ExportArchiveOptions,
  type PollOptions,
} from "../../src/index.js";
import { json, observedFetch } from "@apis/faults/observed-fetch";
import { isTokenRequest, PASSWORD_AUTH, TOKEN } from "./fixtures.js";

const SURVEY = 138651;
const ARCHIVE = { id: 9001, surveyId: SURVEY, dataLayoutId: null, type: "XLSX_READABLE", status: "PENDING", progress: 0, archiveUrl: null };
const COMPLETE = { ...ARCHIVE, dataLayoutId: 5, status: "COMPLETE", progress: 100, archiveUrl: "https://files.cmix.test/9001.xlsx" };
const FAST = { pollIntervalMs: 1 } as const;

/** A CMIX whose archive is complete on the `completeOnPoll`-th poll; `archives` overrides individual answers. */
function vendor(options: { completeOnPoll?: number; create?: unknown; poll?: (n: number) => Response | undefined } = {}) {
  let polls = 0;
  const observed = observedFetch((request) => {
    const path = new URL(request.url).pathname;
    if (isTokenRequest(request)) return json(TOKEN);
    if (request.method === "POST" && path === `/surveys/${SURVEY}/archives`) return json(options.create ?? ARCHIVE);
    if (path === `/surveys/${SURVEY}/data-layouts`) return json([{ id: 4, name: "Custom" }, { id: 5, name: "Default" }]);
    if (path.includes("/archives/")) {
      polls++;
      const custom = options.poll?.(polls);
      if (custom) return custom;
      return json(polls >= (options.completeOnPoll ?? 2) ? COMPLETE : { ...ARCHIVE, progress: 50 });
    }
    return json({ error: { message: `unexpected ${request.method} ${path}` } }, 404);
  });
  const cmix = createClient({ environment: "production", fetch: observed.fetch, maxRetries: 0, auth: { type: "token", accessToken: "t" } });
  return { cmix, observed, polls: () => polls };
}

function paths(observed: ReturnType<typeof observedFetch>) {
  return observed.requests.map((request) => `${request.method} ${new URL(request.url).pathname}`);
}

describe("every option the helpers' types declare", () => {
  // Each object must name them all (Required<> makes it whole), and the call must go through with them.
  it("is taken by exportArchive, pollArchive, createArchive and getArchive", async () => {
    const { cmix, observed } = vendor({ create: { ...ARCHIVE, dataLayoutId: 7 }, completeOnPoll: 1 });
    const signal = new AbortController().signal;
    const poll: Required<PollOptions> = { pollIntervalMs: 1, maxWaitMs: 60_000, maxAttempts: 5, signal };
    const every: Required<ExportArchiveOptions> = { ...poll, type: "XLSX_READABLE", respondentType: "TEST", completes: true, inProcess: true, terminates: true, dataLayoutId: 3 };
    const ref = { surveyId: SURVEY, dataLayoutId: 3, archiveId: 9001 };
    const request = { respondentType: "LIVE", type: "XLSX_READABLE", completes: true, inProcess: false, terminates: false } as const;
    const withSignal: Required<NonNullable<Parameters<typeof getArchive>[2]>> = { signal };
    await expect(exportArchive(cmix, SURVEY, every)).resolves.toBe(COMPLETE.archiveUrl);
    await expect(pollArchive(cmix, ref, poll)).resolves.toMatchObject({ archiveUrl: COMPLETE.archiveUrl });
    await createArchive(cmix, SURVEY, request, withSignal satisfies Required<NonNullable<Parameters<typeof createArchive>[3]>>);
    await getArchive(cmix, ref, withSignal);
    expect(observed.requests).toHaveLength(5);
  });
});

describe("exportArchive", () => {
  it("creates the archive, finds the Default layout, polls until COMPLETE and returns the archive URL", async () => {
    const { cmix, observed } = vendor({ completeOnPoll: 2 });
    const url = await exportArchive(cmix, SURVEY, { type: "XLSX_READABLE", ...FAST });
    expect(url).toBe("https://files.cmix.test/9001.xlsx");
    expect(paths(observed)).toEqual([
      `POST /surveys/${SURVEY}/archives`,
      `GET /surveys/${SURVEY}/data-layouts`,
      `GET /surveys/${SURVEY}/data-layouts/5/archives/9001`,
      `GET /surveys/${SURVEY}/data-layouts/5/archives/9001`,
    ]);
    expect(JSON.parse(observed.bodies[0]!)).toEqual({ respondentType: "LIVE", type: "XLSX_READABLE", completes: true, inProcess: false, terminates: false });
    expect(observed.requests[0]?.headers.get("content-type")).toBe("application/json");
  });

  // Dynata's own client keeps the last layout named Default; one flagged deleted is passed over while another is there.
  it.each([
    ["two, the last one", [{ id: 3, name: "Default" }, { id: 4, name: "Custom" }, { id: 7, name: "Default" }], 7],
    ["a deleted one last (deletedYn true)", [{ id: 3, name: "Default", deletedYn: false }, { id: 7, name: "Default", deletedYn: true }], 3],
    ["a deleted one last (deletedYn Y)", [{ id: 3, name: "Default", deletedYn: "N" }, { id: 7, name: "Default", deletedYn: "Y" }], 3],
    ["only a deleted one", [{ id: 4, name: "Custom" }, { id: 7, name: "Default", deletedYn: "Y" }], 7],
  ])("polls through the Default layout when the survey has %s", async (_case, layouts, id) => {
    const observed = observedFetch((request) => {
      const path = new URL(request.url).pathname;
      if (request.method === "POST") return json(ARCHIVE);
      return path.endsWith("/data-layouts") ? json(layouts) : json({ ...COMPLETE, dataLayoutId: id });
    });
    const cmix = createClient({ environment: "production", fetch: observed.fetch, maxRetries: 0, auth: { type: "token", accessToken: "t" } });
    await expect(exportArchive(cmix, SURVEY, { type: "XLSX_READABLE", ...FAST })).resolves.toBe(COMPLETE.archiveUrl);
    expect(paths(observed).at(-1)).toBe(`GET /surveys/${SURVEY}/data-layouts/${id}/archives/9001`);
  });

  it("reads a signal of null as none, as fetch does, in the export and in each request it makes", async () => {
    const { cmix, observed } = vendor({ completeOnPoll: 1 });
    const url = await exportArchive(cmix, SURVEY, { type: "XLSX_READABLE", ...FAST, signal: bad<AbortSignal>(null) });
    expect(url).toBe("https://files.cmix.test/9001.xlsx");
    expect(observed.requests).toHaveLength(3);
  });

  it("polls through the layout the archive names, without looking for the Default one", async () => {
    const { cmix, observed } = vendor({ create: { ...ARCHIVE, dataLayoutId: 7 }, completeOnPoll: 1 });
    await exportArchive(cmix, SURVEY, { type: "XLSX_READABLE", respondentType: "TEST", terminates: true, ...FAST });
    expect(paths(observed)).toEqual([`POST /surveys/${SURVEY}/archives`, `GET /surveys/${SURVEY}/data-layouts/7/archives/9001`]);
    expect(JSON.parse(observed.bodies[0]!)).toMatchObject({ respondentType: "TEST", terminates: true });
  });

  it("polls through the caller's data layout when given one", async () => {
    const { cmix, observed } = vendor({ create: { ...ARCHIVE, dataLayoutId: 7 }, completeOnPoll: 1 });
    await exportArchive(cmix, SURVEY, { type: "XLSX_READABLE", dataLayoutId: 3, ...FAST });
    expect(paths(observed)[1]).toBe(`GET /surveys/${SURVEY}/data-layouts/3/archives/9001`);
  });

  it("returns at once when the new archive is already complete", async () => {
    const { cmix, observed } = vendor({ create: COMPLETE });
    await expect(exportArchive(cmix, SURVEY, { type: "XLSX_READABLE" })).resolves.toBe(COMPLETE.archiveUrl);
    expect(observed.requests).toHaveLength(1);
  });

  // The URL is the caller's to download or to show as a link: a javascript: one in a page would run.
  it.each([
    "javascript:alert(document.cookie)",
    "file:///etc/passwd",
    "/exports/9001.xlsx",
    "https://",
    "https://files.cmix.test/a b.xlsx",
    " https://files.cmix.test/9001.xlsx",
    // The file holds respondent data: in clear text only on loopback, as the client's own hosts.
    "http://files.cmix.test/9001.xlsx",
    // A credential in a link the caller logs or shows.
    "https://user:pw@files.cmix.test/9001.xlsx",
    "https://token@files.cmix.test/9001.xlsx",
    // A terminal escape (OSC 8, a hyperlink of another target) and a NUL, which a logged link would carry.
    "https://files.cmix.test/\u001b]8;;https://evil.test\u0007.xlsx",
    "https://files.cmix.test/9001.xlsx\u0000",
    "https://files.cmix.test/9001\u202e.xlsx",
  ])(
    "refuses a complete archive whose archiveUrl %j is no absolute https URL without user info, with an InvalidResponseError naming the archive",
    async (archiveUrl) => {
      const bad = { ...COMPLETE, archiveUrl };
      for (const [cmix, call] of [
        [vendor({ create: bad }).cmix, "created"],
        [vendor({ poll: () => json(bad) }).cmix, "polled"],
      ] as const) {
        const error = await exportArchive(cmix, SURVEY, { type: "XLSX_READABLE", ...FAST }).catch((caught: unknown) => caught);
        expect(error, call).toBeInstanceOf(InvalidResponseError);
        expect((error as Error).message).toBe(`Archive 9001 of survey ${SURVEY} reports an archiveUrl that is no https URL. \`body\` holds the archive.`);
        // The body as it came, but for user info, which is redacted as every credential in a URL is.
        const body = (error as InvalidResponseError).body as { id: number; archiveUrl: string };
        expect(body.id).toBe(9001);
        if (!archiveUrl.includes("@")) expect(body.archiveUrl).toBe(archiveUrl);
        expect(JSON.stringify(body)).not.toMatch(/user:pw|token@/);
        // The archive exists (complete, with a link refused): the error names it, as every other one after the create.
        expect(error, call).toMatchObject({ surveyId: SURVEY, archiveId: 9001 });
      }
      const polled = await pollArchive(vendor({ poll: () => json(bad) }).cmix, { surveyId: SURVEY, dataLayoutId: 5, archiveId: 9001 }, FAST).catch((caught: unknown) => caught);
      expect(polled).toBeInstanceOf(InvalidResponseError);
    },
  );

  it.each(["https://files.cmix.test/9001.xlsx?X-Amz-Signature=ab%2Fcd&X-Amz-Expires=3600", "HTTPS://files.cmix.test:8443/9001.xlsx", "https://files.cmix.test", "http://127.0.0.1:4010/9001.xlsx", "http://localhost/9001.xlsx"])(
    "takes the absolute https (http on loopback) archiveUrl %j as it comes",
    async (archiveUrl) => {
      await expect(exportArchive(vendor({ create: { ...COMPLETE, archiveUrl } }).cmix, SURVEY, { type: "XLSX_READABLE" })).resolves.toBe(archiveUrl);
    },
  );

  it("keeps polling an archive that says COMPLETE before it has a URL", async () => {
    const { cmix, polls } = vendor({ completeOnPoll: 3, poll: (n) => (n === 1 ? json({ ...COMPLETE, archiveUrl: null }) : undefined) });
    await expect(exportArchive(cmix, SURVEY, { type: "XLSX_READABLE", ...FAST })).resolves.toBe(COMPLETE.archiveUrl);
    expect(polls()).toBe(3);
  });

  // It said "was not complete ... last status "COMPLETE"", which reads as a contradiction.
  it("says an archive that stays COMPLETE without a URL has no archiveUrl when it gives up", async () => {
    const { cmix } = vendor({ poll: () => json({ ...COMPLETE, archiveUrl: "" }) });
    const error = await exportArchive(cmix, SURVEY, { type: "XLSX_READABLE", pollIntervalMs: 0, maxAttempts: 2 }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ArchiveTimeoutError);
    expect((error as Error).message).toContain('(maxAttempts 2 reached; last status "COMPLETE" but no archiveUrl, progress 100). It may still finish');
  });

  it.each([
    [true, "true"],
    [500, "500"],
    [{ reason: "E_LAYOUT" }, '{"reason":"E_LAYOUT"}'],
    [["layout missing"], '["layout missing"]'],
    [{ message: 42 }, '{"message":42}'],
  ])("throws an EmbeddedApiError, not a TypeError, for a 200 whose error key is %j", async (embedded, shown) => {
    const { cmix } = vendor({ create: { response: 1, error: embedded } });
    const error = await exportArchive(cmix, SURVEY, { type: "XLSX_READABLE" }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(EmbeddedApiError);
    expect((error as Error).message).toContain(`its body reports an error: ${shown}.`);
  });

  it("throws an EmbeddedApiError when the create call answers 200 with an error key, and polls nothing", async () => {
    const { cmix, observed } = vendor({ create: { response: 1, error: "Oops!" } });
    const error = await exportArchive(cmix, SURVEY, { type: "XLSX_READABLE" }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(EmbeddedApiError);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as EmbeddedApiError).status).toBe(200);
    expect((error as EmbeddedApiError).body).toEqual({ response: 1, error: "Oops!" });
    expect((error as Error).message).toContain("Oops!");
    expect(observed.requests).toHaveLength(1);
  });

  it("throws an EmbeddedApiError when a poll answers 200 with an error key", async () => {
    const { cmix, polls } = vendor({ poll: () => json({ error: { message: "Archive could not be generated" } }) });
    const error = await exportArchive(cmix, SURVEY, { type: "XLSX_READABLE", ...FAST }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(EmbeddedApiError);
    expect((error as Error).message).toContain("Archive could not be generated");
    expect(polls()).toBe(1);
  });

  it("throws an ApiError with the vendor's body when a poll fails", async () => {
    const { cmix } = vendor({ poll: () => json({ error: { message: "Not found" } }, 404) });
    const error = await exportArchive(cmix, SURVEY, { type: "XLSX_READABLE", ...FAST }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(404);
    expect((error as ApiError).body).toEqual({ error: { message: "Not found" } });
  });

  // The archive exists and may still finish: the error of a poll or of the layouts lookup names it, so that pollArchive
  // resumes the wait instead of a second archive being built.
  // A worker's postMessage, a job queue or Error.isError reads only a native error: a copy made by Object.create was none.
  it("names the archive on a copy of a poll's error that is a native Error of its class, which structuredClone keeps", async () => {
    const { cmix } = vendor({ poll: () => json({ message: "Service Unavailable" }, 503) });
    const error = (await exportArchive(cmix, SURVEY, { type: "XLSX_READABLE", ...FAST }).catch((thrown: unknown) => thrown)) as ApiError & ArchiveRef;
    expect(types.isNativeError(error)).toBe(true);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.constructor.name).toBe("InternalServerError");
    expect(error).toMatchObject({ status: 503, archiveId: 9001 });
    const cloned = structuredClone(error);
    expect(cloned.message).toBe(error.message);
    expect(cloned.stack).toBe(error.stack);
  });

  // The layouts list follows the rule every archive answer does: a 200 with an error key is CMIX reporting a failure.
  it("throws an EmbeddedApiError naming the archive when the Default layout's lookup answers 200 with an error key", async () => {
    const observed = observedFetch((request) => (request.method === "POST" ? json(ARCHIVE) : json({ error: { message: "Survey locked" } })));
    const cmix = createClient({ environment: "production", fetch: observed.fetch, maxRetries: 0, auth: { type: "token", accessToken: "t" } });
    const error = await exportArchive(cmix, SURVEY, { type: "XLSX_READABLE", ...FAST }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(EmbeddedApiError);
    expect((error as Error).message).toMatch(/^GET https:\/\/survey-api\.cmix\.com\/surveys\/138651\/data-layouts answered 200 but its body reports an error: Survey locked\./);
    expect(error).toMatchObject({ surveyId: SURVEY, archiveId: 9001 });
  });

  // As createArchive, getArchive and countResponses take { signal } after their input: here it would be ignored.
  it("refuses options given as a fourth argument, before any request", async () => {
    const { cmix, observed } = vendor();
    const call = exportArchive as unknown as (...args: unknown[]) => Promise<string>;
    const error = await call(cmix, SURVEY, { type: "XLSX_READABLE" }, { signal: AbortSignal.abort(), pollIntervalMs: 1 }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ field: "options", message: "options go with type, in the third argument" });
    expect(observed.requests).toHaveLength(0);
    // Undefined or null there, as a wrapper passes an optional argument on, is none given.
    await expect(call(cmix, SURVEY, { type: "XLSX_READABLE", ...FAST }, undefined)).resolves.toBe(COMPLETE.archiveUrl);
    await expect(call(cmix, SURVEY, { type: "XLSX_READABLE", ...FAST }, null)).resolves.toBe(COMPLETE.archiveUrl);
  });

  it("names the archive on a poll's error, so that pollArchive resumes the wait", async () => {
    let failing = true;
    const { cmix, observed } = vendor({ poll: () => (failing ? json({ message: "Service Unavailable" }, 503) : undefined) });
    const error = await exportArchive(cmix, SURVEY, { type: "XLSX_READABLE", ...FAST }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 503, surveyId: SURVEY, dataLayoutId: 5, archiveId: 9001 });
    failing = false;
    await expect(pollArchive(cmix, error as ApiError & ArchiveRef, FAST)).resolves.toMatchObject({ archiveUrl: COMPLETE.archiveUrl });
    expect(paths(observed).filter((path) => path === `POST /surveys/${SURVEY}/archives`)).toHaveLength(1);
  });

  // The transport hands back a 429 that asks for more than a minute, or one still there after its retries (none here):
  // thrown, the caller would export again and build a second archive.
  it.each([
    ["retry-after-ms", { "retry-after-ms": "30" }],
    ["Retry-After", { "retry-after": "1" }],
  ])("waits out a poll answered 429 with a %s wait that fits in maxWaitMs, then polls on, with one archive built", async (_header, headers) => {
    const { cmix, observed, polls } = vendor({ completeOnPoll: 3, poll: (n) => (n === 1 ? json({ message: "Too Many Requests" }, 429, headers) : undefined) });
    await expect(exportArchive(cmix, SURVEY, { type: "XLSX_READABLE", ...FAST })).resolves.toBe(COMPLETE.archiveUrl);
    expect(polls()).toBe(3);
    expect(paths(observed).filter((path) => path === `POST /surveys/${SURVEY}/archives`)).toHaveLength(1);
    // pollArchive too, its first poll answered so (no archive seen yet).
    const again = vendor({ completeOnPoll: 2, poll: (n) => (n === 1 ? json({ message: "Too Many Requests" }, 429, headers) : undefined) });
    await expect(pollArchive(again.cmix, { surveyId: SURVEY, dataLayoutId: 5, archiveId: 9001 }, FAST)).resolves.toMatchObject({ archiveUrl: COMPLETE.archiveUrl });
    expect(again.polls()).toBe(2);
  });

  // The layout lookup's 429 was thrown where a poll's was waited out: the caller, told to resume, had to do by hand what
  // the helper does for a poll.
  it.each([
    ["exportArchive", (cmix: ReturnType<typeof createClient>) => exportArchive(cmix, SURVEY, { type: "XLSX_READABLE", ...FAST })],
    ["pollArchive", (cmix: ReturnType<typeof createClient>) => pollArchive(cmix, { surveyId: SURVEY, archiveId: 9001 }, FAST).then((archive) => archive.archiveUrl)],
  ])("%s waits out a Default layout lookup answered 429 with a wait that fits in maxWaitMs, then polls on", async (_helper, call) => {
    let lookups = 0;
    const observed = observedFetch((request) => {
      const path = new URL(request.url).pathname;
      if (request.method === "POST") return json(ARCHIVE);
      if (!path.endsWith("/data-layouts")) return json(COMPLETE);
      return lookups++ === 0 ? json({ message: "Too Many Requests" }, 429, { "retry-after-ms": "30" }) : json([{ id: 5, name: "Default" }]);
    });
    const cmix = createClient({ environment: "production", fetch: observed.fetch, maxRetries: 0, auth: { type: "token", accessToken: "t" } });
    await expect(call(cmix)).resolves.toBe(COMPLETE.archiveUrl);
    expect(paths(observed).filter((path) => !path.startsWith("POST"))).toEqual([
      `GET /surveys/${SURVEY}/data-layouts`,
      `GET /surveys/${SURVEY}/data-layouts`,
      `GET /surveys/${SURVEY}/data-layouts/5/archives/9001`,
    ]);
  });

  it("throws a poll's 429 naming the archive when the wait it asks for does not fit in maxWaitMs, or it asks for none", async () => {
    for (const headers of [{ "retry-after": "3600" }, {}] as Record<string, string>[]) {
      const { cmix, polls } = vendor({ poll: () => json({ message: "Too Many Requests" }, 429, headers) });
      const error = await exportArchive(cmix, SURVEY, { type: "XLSX_READABLE", ...FAST, maxWaitMs: 60_000 }).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ status: 429, surveyId: SURVEY, dataLayoutId: 5, archiveId: 9001 });
      expect(polls()).toBe(1);
    }
  });

  // A Retry-After on a status that is no "slow down" is no reason to poll again: waited out, the 401 ended as an
  // ArchiveTimeoutError saying the archive may still finish.
  it.each([401, 404])("throws a poll's %i at once, though it carries a Retry-After that fits in maxWaitMs", async (status) => {
    const { cmix, polls } = vendor({ poll: () => json({ message: "No" }, status, { "retry-after": "0" }) });
    const error = await exportArchive(cmix, SURVEY, { type: "XLSX_READABLE", ...FAST, maxAttempts: 3 }).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ status, surveyId: SURVEY, archiveId: 9001 });
    expect(polls()).toBe(1);
  });

  // Retry-After: 0 asked for no pause at all: a storm of 429s was polled back to back, up to maxAttempts. The pause is
  // ended by an abort well inside pollIntervalMs, so one poll is all a pause of pollIntervalMs lets through.
  it("pauses at least pollIntervalMs after a poll answered 429 with Retry-After: 0", async () => {
    const controller = new AbortController();
    const { cmix, polls } = vendor({
      poll: () => {
        setTimeout(() => controller.abort(), 50);
        return json({ message: "Too Many Requests" }, 429, { "retry-after": "0" });
      },
    });
    // pollArchive polls an archive it has not seen at once, where exportArchive pauses first.
    const error = await pollArchive(cmix, { surveyId: SURVEY, dataLayoutId: 5, archiveId: 9001 }, { pollIntervalMs: 60_000, signal: controller.signal }).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ surveyId: SURVEY, archiveId: 9001 });
    expect(polls()).toBe(1);
  });

  it.each([
    ["a 500", (): Response | "abort" => json({ message: "boom" }, 500), ApiError],
    // An ArchiveAbortError, as an abort of the wait is: the catch its docs show saves the archive for later.
    ["an abort", (): Response | "abort" => "abort", ArchiveAbortError],
  ] as const)("names the archive, without a layout, when looking up the Default layout fails with %s", async (_case, answer, ErrorClass) => {
    const controller = new AbortController();
    const observed = observedFetch((request) => {
      if (request.method === "POST") return json(ARCHIVE);
      const got = answer();
      if (got !== "abort") return got;
      controller.abort(new Error("shutting down"));
      return json([]);
    });
    const cmix = createClient({ environment: "production", fetch: observed.fetch, maxRetries: 0, auth: { type: "token", accessToken: "t" } });
    const error = await exportArchive(cmix, SURVEY, { type: "XLSX_READABLE", signal: controller.signal }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toMatchObject({ surveyId: SURVEY, archiveId: 9001 });
    expect((error as { dataLayoutId?: number }).dataLayoutId).toBeUndefined();
  });

  it("says how to resume after an abort while the Default layout is looked up, and pollArchive resumes from the error", async () => {
    const controller = new AbortController();
    let aborting = true;
    const observed = observedFetch((request) => {
      const path = new URL(request.url).pathname;
      if (request.method === "POST") return json(ARCHIVE);
      if (path.endsWith("/data-layouts")) {
        if (!aborting) return json([{ id: 5, name: "Default" }]);
        controller.abort();
        return json([]);
      }
      return json(COMPLETE);
    });
    const cmix = createClient({ environment: "production", fetch: observed.fetch, maxRetries: 0, auth: { type: "token", accessToken: "t" } });
    const error = await exportArchive(cmix, SURVEY, { type: "XLSX_READABLE", signal: controller.signal }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ArchiveAbortError);
    expect((error as Error).message).toBe(`Waiting for archive 9001 of survey ${SURVEY} was aborted by the caller; resume with pollArchive(cmix, { surveyId: ${SURVEY}, archiveId: 9001 }).`);
    aborting = false;
    await expect(pollArchive(cmix, error as ArchiveAbortError, FAST)).resolves.toMatchObject({ archiveUrl: COMPLETE.archiveUrl });
    expect(paths(observed).filter((path) => path.startsWith("POST"))).toHaveLength(1);
  });

  // pollArchive's own ref had dataLayoutId 0 while the layout was looked up, and its abort and timeout errors carried that
  // 0, which pollArchive then refused as no ID: the error it says to resume from could not be passed back.
  it("resumes from pollArchive's own error, aborted while it looked the Default layout up, with pollArchive", async () => {
    const controller = new AbortController();
    let aborting = true;
    const observed = observedFetch((request) => {
      if (!new URL(request.url).pathname.endsWith("/data-layouts")) return json(COMPLETE);
      if (!aborting) return json([{ id: 5, name: "Default" }]);
      controller.abort();
      return json([]);
    });
    const cmix = createClient({ environment: "production", fetch: observed.fetch, maxRetries: 0, auth: { type: "token", accessToken: "t" } });
    const error = await pollArchive(cmix, { surveyId: SURVEY, archiveId: 9001 }, { signal: controller.signal }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ArchiveAbortError);
    expect((error as ArchiveAbortError).dataLayoutId).toBeUndefined();
    aborting = false;
    await expect(pollArchive(cmix, error as ArchiveAbortError, FAST)).resolves.toMatchObject({ archiveUrl: COMPLETE.archiveUrl });
  });

  it("refuses an archive created failed at once, without looking up its layout (the survey may have no Default)", async () => {
    const observed = observedFetch((request) =>
      request.method === "POST" ? json({ ...ARCHIVE, status: "FAILED" }) : json([{ id: 4, name: "Custom" }]),
    );
    const cmix = createClient({ environment: "production", fetch: observed.fetch, maxRetries: 0, auth: { type: "token", accessToken: "t" } });
    const error = await exportArchive(cmix, SURVEY, { type: "XLSX_READABLE", ...FAST }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ArchiveFailedError);
    expect(error).toMatchObject({ surveyId: SURVEY, archiveId: 9001, dataLayoutId: undefined });
    expect(paths(observed)).toEqual([`POST /surveys/${SURVEY}/archives`]);
  });

  it.each(["Complete", "complete"])("returns an archive whose status reads %s with its archiveUrl, as a failure is read in any case", async (status) => {
    const { cmix, polls } = vendor({ create: { ...ARCHIVE, dataLayoutId: 5 }, poll: () => json({ ...COMPLETE, status }) });
    await expect(exportArchive(cmix, SURVEY, { type: "XLSX_READABLE", ...FAST, maxAttempts: 3 })).resolves.toBe(COMPLETE.archiveUrl);
    expect(polls()).toBe(1);
  });

  // A failed token request rejects every call waiting for it with one error: each exportArchive must name its own archive.
  it("names each archive on its own error when two exports fail on one shared token request", async () => {
    let tokenRequests = 0;
    const observed = observedFetch(async (request) => {
      const path = new URL(request.url).pathname;
      if (isTokenRequest(request)) {
        if (++tokenRequests === 1) return json(TOKEN);
        // Long enough for the other export to ask for a token meanwhile and wait for this same answer.
        await new Promise((resolve) => setTimeout(resolve, 200));
        return json({ message: "down" }, 503);
      }
      const survey = Number(/^\/surveys\/(\d+)\/archives$/.exec(path)?.[1]);
      if (survey) return json({ ...ARCHIVE, id: survey + 1, surveyId: survey, dataLayoutId: 5 });
      return json({ message: "token expired" }, 401);
    });
    const cmix = createClient({ environment: "production", fetch: observed.fetch, maxRetries: 0, auth: PASSWORD_AUTH });
    const errors = (await Promise.all([100, 200].map((survey) => exportArchive(cmix, survey, { type: "XLSX_READABLE", ...FAST }).catch((thrown: unknown) => thrown)))) as Error[];
    expect(errors.map((error) => [error.name, JSON.parse(JSON.stringify(error)).archiveId, (error as ApiError & ArchiveRef).surveyId])).toEqual([
      ["AuthenticationError", 101, 100],
      ["AuthenticationError", 201, 200],
    ]);
    // One token request after the first: both exports waited for it, and got its one error.
    expect(tokenRequests).toBe(2);
    expect(errors[0]).toBeInstanceOf(ApiError);
    expect(errors[0]!.stack).toContain("AuthenticationError");
  });

  it("resumes from an error of the Default layout lookup with pollArchive, which looks the layout up itself", async () => {
    let layouts = 0;
    const { cmix, observed } = vendor({ completeOnPoll: 1 });
    const fetch = observed.fetch;
    const flaky = createClient({
      environment: "production",
      maxRetries: 0,
      auth: { type: "token", accessToken: "t" },
      fetch: (input: Request | string | URL, init?: RequestInit) =>
        String(input instanceof Request ? input.url : input).endsWith("/data-layouts") && layouts++ === 0 ? Promise.resolve(json({ message: "busy" }, 503)) : fetch(input, init),
    });
    const error = await exportArchive(flaky, SURVEY, { type: "XLSX_READABLE", ...FAST }).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ status: 503, surveyId: SURVEY, archiveId: 9001 });
    await expect(pollArchive(cmix, error as ApiError & Omit<ArchiveRef, "dataLayoutId">, FAST)).resolves.toMatchObject({ archiveUrl: COMPLETE.archiveUrl });
    expect(paths(observed)).toEqual([`POST /surveys/${SURVEY}/archives`, `GET /surveys/${SURVEY}/data-layouts`, `GET /surveys/${SURVEY}/data-layouts/5/archives/9001`]);
  });

  it("stops after maxAttempts polls with an ArchiveTimeoutError naming the archive", async () => {
    const { cmix, polls } = vendor({ completeOnPoll: Infinity });
    const error = await exportArchive(cmix, SURVEY, { type: "XLSX_READABLE", pollIntervalMs: 0, maxAttempts: 3 }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ArchiveTimeoutError);
    const timeout = error as ArchiveTimeoutError;
    expect(polls()).toBe(3);
    expect(timeout).toMatchObject({ limit: "maxAttempts", attempts: 3, archiveId: 9001, surveyId: SURVEY, dataLayoutId: 5 });
    expect(timeout.message).toMatch(/^Archive 9001 of survey 138651 was not complete after 3 polls over \d+ ms \(maxAttempts 3 reached; last status "PENDING", progress 50\)/);
    expect(timeout.body).toMatchObject({ id: 9001, status: "PENDING" });
  });

  // A failed archive was polled for the whole maxWaitMs (10 minutes by default) before an ArchiveTimeoutError that
  // said "It may still finish".
  it.each(["FAILED", "ERROR", "Cancelled", "EXPORT_FAILED", "Export failure", "ABORTED", "CANCELED"])("stops at a status of %s with an ArchiveFailedError, without polling on", async (status) => {
    const { cmix, polls } = vendor({ poll: (n) => (n === 2 ? json({ ...ARCHIVE, dataLayoutId: 5, status, progress: 40 }) : undefined) });
    const error = await exportArchive(cmix, SURVEY, { type: "XLSX_READABLE", ...FAST }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ArchiveFailedError);
    expect(error).toBeInstanceOf(ApiError);
    expect(polls()).toBe(2);
    expect(error).toMatchObject({ name: "ArchiveFailedError", archiveId: 9001, surveyId: SURVEY, dataLayoutId: 5, body: { status } });
    expect((error as Error).message).toBe(
      `Archive 9001 of survey 138651 reports status "${status}", so it will not complete: start a new export, or ask CMIX why it failed. \`body\` holds the archive.`,
    );
  });

  it("refuses at once an archive created with a failed status, and keeps waiting through statuses that are no failure", async () => {
    const failed = vendor({ create: { ...ARCHIVE, status: "FAILED" } });
    await expect(exportArchive(failed.cmix, SURVEY, { type: "XLSX_READABLE", ...FAST })).rejects.toBeInstanceOf(ArchiveFailedError);
    expect(failed.polls()).toBe(0);
    // Statuses that could mean the archive is still being built: a match anywhere in them took them for failures.
    const waiting = ["QUEUED", "IN_PROGRESS", null, "NO_ERRORS", "ERROR_CHECKING", "RETRYING_AFTER_ERROR", "FAILOVER", "CANCEL_REQUESTED", "ERRORS_FOUND"];
    const working = vendor({ completeOnPoll: waiting.length + 1, poll: (n) => (n <= waiting.length ? json({ ...ARCHIVE, dataLayoutId: 5, status: waiting[n - 1] }) : undefined) });
    expect(await exportArchive(working.cmix, SURVEY, { type: "XLSX_READABLE", ...FAST })).toBe(COMPLETE.archiveUrl);
    expect(working.polls()).toBe(waiting.length + 1);
  });

  it("stops at maxWaitMs with an ArchiveTimeoutError that says how long it waited", async () => {
    const { cmix, polls } = vendor({ completeOnPoll: Infinity });
    // Long enough for the Default layout's lookup to answer first on a loaded machine, so that the resume hint names
    // its layout (with 40 ms, a newcomer's run ran out before it had, and the hint named none).
    const error = await exportArchive(cmix, SURVEY, { type: "XLSX_READABLE", pollIntervalMs: 10, maxWaitMs: 1000, maxAttempts: 1000 }).catch(
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(ArchiveTimeoutError);
    const timeout = error as ArchiveTimeoutError;
    expect(timeout.limit).toBe("maxWaitMs");
    expect(timeout.waitedMs).toBeGreaterThanOrEqual(1000);
    expect(timeout.attempts).toBe(polls());
    expect(timeout.message).toContain(`over ${timeout.waitedMs} ms (maxWaitMs 1000 reached`);
    expect(timeout.message).toContain("pollArchive(cmix, { surveyId: 138651, dataLayoutId: 5, archiveId: 9001 })");
  });

  // A poll that stalled was bounded only by timeoutMs (60 s) and its retries: maxWaitMs was overrun by minutes.
  it("ends a stalled poll at maxWaitMs with an ArchiveTimeoutError, not the request's own timeout", async () => {
    const polls: AbortSignal[] = [];
    const stalling = (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      if (request.method === "POST") return Promise.resolve(json(ARCHIVE));
      polls.push(request.signal);
      // Never answers; ends only when its signal aborts, as a socket that stalled does.
      return new Promise<Response>((_, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason)));
    };
    const cmix = createClient({ environment: "production", fetch: stalling, timeoutMs: 600_000, maxRetries: 2, auth: { type: "token", accessToken: "t" } });
    // Long enough for the poll to be sent first on a loaded machine (see the Default layout lookup's test below).
    const error = await exportArchive(cmix, SURVEY, { type: "XLSX_READABLE", dataLayoutId: 5, pollIntervalMs: 1, maxWaitMs: 1000 }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ArchiveTimeoutError);
    expect(error).toMatchObject({ limit: "maxWaitMs", attempts: 0, surveyId: SURVEY, archiveId: 9001 });
    expect(polls).toHaveLength(1);
    expect(polls[0]!.aborted).toBe(true);
  });

  // The Default layout's lookup was bounded by timeoutMs and its retries alone, and pollArchive started its clock after
  // it: a lookup that stalled overran maxWaitMs by minutes.
  it.each(["exportArchive", "pollArchive"])("ends a stalled Default layout lookup of %s at maxWaitMs, counted from the call", async (helper) => {
    const lookups: AbortSignal[] = [];
    const stalling = (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      if (request.method === "POST") return Promise.resolve(json(ARCHIVE));
      if (!request.url.endsWith("/data-layouts")) return Promise.resolve(json(COMPLETE));
      lookups.push(request.signal);
      return new Promise<Response>((_, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason)));
    };
    const cmix = createClient({ environment: "production", fetch: stalling, timeoutMs: 600_000, maxRetries: 2, auth: { type: "token", accessToken: "t" } });
    // Long enough for the lookup to be sent first on a loaded machine (with 50 ms, a CI run's clock ran out before it
    // was, and nothing stalled): what ends the wait is the bound, with the lookup in flight.
    const bounds = { pollIntervalMs: 1, maxWaitMs: 1000 };
    const error = await (helper === "exportArchive" ? exportArchive(cmix, SURVEY, { type: "XLSX_READABLE", ...bounds }) : pollArchive(cmix, { surveyId: SURVEY, archiveId: 9001 }, bounds)).catch(
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(ArchiveTimeoutError);
    expect(error).toMatchObject({ limit: "maxWaitMs", attempts: 0, surveyId: SURVEY, archiveId: 9001 });
    // Resumed without a layout, which pollArchive looks up again: none is known, as its type says.
    expect((error as ArchiveTimeoutError).dataLayoutId).toBeUndefined();
    expect((error as Error).message).toContain(`poll it again with pollArchive(cmix, { surveyId: ${SURVEY}, archiveId: 9001 })`);
    expect(lookups).toHaveLength(1);
    expect(lookups[0]!.aborted).toBe(true);
  });

  // Beyond 2^31-1 ms setTimeout fires at once: a maxWaitMs meant as "bound by maxAttempts alone" gave up before a poll.
  it.each([30 * 86_400_000, Number.MAX_SAFE_INTEGER])("polls on with a maxWaitMs of %d, beyond what a timer keeps", async (maxWaitMs) => {
    let polls = 0;
    // Each poll answers after 20 ms, as over a network: a timer that fired at once cancelled it.
    const slow = async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      if (request.method === "POST") return json(ARCHIVE);
      await new Promise((resolve) => setTimeout(resolve, 20));
      return json(++polls >= 2 ? COMPLETE : ARCHIVE);
    };
    const cmix = createClient({ environment: "production", fetch: slow, maxRetries: 0, auth: { type: "token", accessToken: "t" } });
    expect(await exportArchive(cmix, SURVEY, { type: "XLSX_READABLE", dataLayoutId: 5, pollIntervalMs: 1, maxWaitMs })).toBe(COMPLETE.archiveUrl);
    expect(polls).toBe(2);
  });

  it("still ends a stalled poll with ArchiveAbortError when the caller aborts first", async () => {
    const controller = new AbortController();
    const stalling = (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      if (request.method === "POST") return Promise.resolve(json(ARCHIVE));
      setTimeout(() => controller.abort(new Error("user left")), 1);
      return new Promise<Response>((_, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason)));
    };
    const cmix = createClient({ environment: "production", fetch: stalling, maxRetries: 0, auth: { type: "token", accessToken: "t" } });
    const error = await exportArchive(cmix, SURVEY, { type: "XLSX_READABLE", dataLayoutId: 5, pollIntervalMs: 1, maxWaitMs: 600_000, signal: controller.signal }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ArchiveAbortError);
    expect(error).toMatchObject({ surveyId: SURVEY, archiveId: 9001 });
  });

  // maxWaitMs was measured by the wall clock: set an hour forward mid-wait (NTP, a laptop waking), it gave up at once.
  it("measures maxWaitMs by the monotonic clock: the wall clock set forward mid-wait does not end it", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const jumped = (n: number) => (n === 1 ? (vi.setSystemTime(Date.now() + 3_600_000), undefined) : undefined);
      const { cmix, polls } = vendor({ completeOnPoll: 3, poll: jumped });
      expect(await exportArchive(cmix, SURVEY, { type: "XLSX_READABLE", pollIntervalMs: 1, maxWaitMs: 60_000 })).toBe(COMPLETE.archiveUrl);
      expect(polls()).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it("resumes waiting from an ArchiveTimeoutError with pollArchive", async () => {
    const { cmix } = vendor({ completeOnPoll: 4 });
    const error = (await exportArchive(cmix, SURVEY, { type: "XLSX_READABLE", pollIntervalMs: 0, maxAttempts: 2 }).catch((thrown: unknown) => thrown)) as ArchiveTimeoutError;
    expect(error).toBeInstanceOf(ArchiveTimeoutError);
    const archive = await pollArchive(cmix, error, FAST);
    expect(archive.archiveUrl).toBe(COMPLETE.archiveUrl);
  });

  it("stops waiting with an ApiUserAbortError when the signal aborts between polls", async () => {
    const controller = new AbortController();
    const { cmix, polls } = vendor({
      completeOnPoll: Infinity,
      poll: (n) => {
        // Once the second poll's answer has been read: an abort while it is read would stop that request instead.
        if (n === 2) setTimeout(() => controller.abort(new Error("shutting down")), 0);
        return undefined;
      },
    });
    const error = await exportArchive(cmix, SURVEY, { type: "XLSX_READABLE", pollIntervalMs: 50, signal: controller.signal }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ApiUserAbortError);
    expect((error as Error).message).toContain("archive 9001 of survey 138651");
    expect(polls()).toBe(2);
  });

  // The archive exists and may still finish: the caller needs its three IDs to resume, as after an ArchiveTimeoutError.
  it.each<[string, boolean]>([
    ["between polls", false],
    ["while a poll is in flight", true],
  ])("names the archive to resume with pollArchive when the signal aborts %s", async (_case, during) => {
    const controller = new AbortController();
    const reason = new Error("shutting down");
    const { cmix } = vendor({
      completeOnPoll: 3,
      poll: (n) => {
        // During the second poll's request, or once its answer has been read (between polls).
        if (n === 2 && during) controller.abort(reason);
        else if (n === 2) setTimeout(() => controller.abort(reason), 0);
        return undefined;
      },
    });
    const error = await exportArchive(cmix, SURVEY, { type: "XLSX_READABLE", pollIntervalMs: 50, signal: controller.signal }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ApiUserAbortError);
    expect(error).toBeInstanceOf(ArchiveAbortError);
    const aborted = error as ArchiveAbortError;
    expect({ surveyId: aborted.surveyId, dataLayoutId: aborted.dataLayoutId, archiveId: aborted.archiveId }).toEqual({ surveyId: SURVEY, dataLayoutId: 5, archiveId: 9001 });
    expect(aborted.message).toContain(`pollArchive(cmix, { surveyId: ${SURVEY}, dataLayoutId: 5, archiveId: 9001 })`);
    expect(aborted.cause).toMatchObject({ name: "Error", message: "shutting down" });
    await expect(pollArchive(cmix, aborted, FAST)).resolves.toMatchObject({ archiveUrl: COMPLETE.archiveUrl });
  });

  it("sends nothing when the signal is already aborted", async () => {
    const { cmix, observed } = vendor();
    const controller = new AbortController();
    controller.abort();
    await expect(exportArchive(cmix, SURVEY, { type: "XLSX_READABLE", signal: controller.signal })).rejects.toBeInstanceOf(ApiUserAbortError);
    expect(observed.requests).toHaveLength(0);
  });

  it("says how to resume the archive with pollArchive when the survey has no Default layout", async () => {
    const observed = observedFetch((request) => {
      if (request.method === "POST") return json(ARCHIVE);
      // A name that is no string is written as JSON, not bare: an object's message "Default" is no layout of that name.
      return json([{ id: 4, name: "Custom" }, { id: 6, name: { message: "Default" } }, { id: 7 }]);
    });
    const cmix = createClient({ environment: "production", fetch: observed.fetch, auth: { type: "token", accessToken: "t" } });
    const error = await exportArchive(cmix, SURVEY, { type: "XLSX_READABLE" }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as Error).message).toBe(
      'Survey 138651 has no data layout named "Default" (found: "Custom", [{"message":"Default"}], null), so archive 9001 cannot be polled: resume with pollArchive(cmix, { surveyId: 138651, dataLayoutId: <a layout\'s id>, archiveId: 9001 }).',
    );
    expect(error).toMatchObject({ surveyId: SURVEY, archiveId: 9001 });
    expect(error).not.toHaveProperty("dataLayoutId");
  });

  // A hostile or broken layouts list: a null entry must not fail with a TypeError, and a layout id that is no id must
  // not reach the poll, where it would be refused as if the caller had passed a bad dataLayoutId.
  it.each([
    ["a null entry", [null, { id: 4, name: "Custom" }]],
    ["a Default layout whose id is not an id", [{ id: "../1", name: "Default" }]],
  ])("throws an InvalidResponseError naming the archive to resume for a layouts list with %s", async (_case, layouts) => {
    const observed = observedFetch((request) => {
      if (request.method === "POST") return json(ARCHIVE);
      return json(layouts);
    });
    const cmix = createClient({ environment: "production", fetch: observed.fetch, auth: { type: "token", accessToken: "t" } });
    const error = await exportArchive(cmix, SURVEY, { type: "XLSX_READABLE", pollIntervalMs: 1 }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain("archive 9001 cannot be polled: resume with pollArchive(cmix, { surveyId: 138651, dataLayoutId: <a layout's id>, archiveId: 9001 })");
    expect(observed.requests).toHaveLength(2);
  });

  // A broken or hostile server, or a cache, answering a poll with another archive: its archiveUrl is another export.
  it("refuses a poll answered with another archive as an InvalidResponseError naming the archive to resume", async () => {
    const other = { ...COMPLETE, id: 9002, archiveUrl: "https://files.cmix.test/9002.xlsx" };
    const { cmix, polls } = vendor({ poll: () => json(other) });
    const error = await exportArchive(cmix, SURVEY, { type: "XLSX_READABLE", ...FAST }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ status: 200, body: other, surveyId: SURVEY, dataLayoutId: 5, archiveId: 9001 });
    expect((error as Error).message).toBe(
      `GET https://survey-api.cmix.com/surveys/${SURVEY}/data-layouts/5/archives/9001 answered 200 without archive 9001: \`body\` holds what it sent.`,
    );
    expect(polls()).toBe(1);
  });

  it("names the layouts request when a fetch of one's own answers a Response without a url", async () => {
    const fetch = async (input: Request | string | URL) => (String(input instanceof Request ? input.url : input).endsWith("/archives") ? json(ARCHIVE) : json({}));
    const cmix = createClient({ environment: "production", fetch, maxRetries: 0, auth: { type: "token", accessToken: "t" } });
    const error = await exportArchive(cmix, SURVEY, { type: "XLSX_READABLE" }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toMatch(/^GET https:\/\/survey-api\.cmix\.com\/surveys\/138651\/data-layouts answered 200 with something other than a list/);
    expect(error).toMatchObject({ url: "https://survey-api.cmix.com/surveys/138651/data-layouts" });
  });

  it.each<[string, Partial<ExportArchiveOptions> & { surveyId?: unknown }, string]>([
    ["maxWaitMs of 0", { maxWaitMs: 0 }, "maxWaitMs"],
    ["a negative maxWaitMs", { maxWaitMs: -5 }, "maxWaitMs"],
    ["an infinite maxWaitMs", { maxWaitMs: Infinity }, "maxWaitMs"],
    ["a maxWaitMs that is not a number", { maxWaitMs: "60s" as never }, "maxWaitMs"],
    ["maxAttempts of 0", { maxAttempts: 0 }, "maxAttempts"],
    ["a fractional maxAttempts", { maxAttempts: 2.5 }, "maxAttempts"],
    ["a NaN maxAttempts", { maxAttempts: NaN }, "maxAttempts"],
    ["a negative pollIntervalMs", { pollIntervalMs: -1 }, "pollIntervalMs"],
    ["an empty export type", { type: "" }, "type"],
    ["an unknown respondent type", { respondentType: "ALL" as never }, "respondentType"],
    ["an export of nobody", { completes: false }, "completes"],
    ["a data layout ID that is not an ID", { dataLayoutId: 0 }, "dataLayoutId"],
    ["a survey ID that is not an ID", { surveyId: "138651" }, "surveyId"],
    ["a signal that is not an AbortSignal", { signal: {} as never }, "signal"],
  ])("rejects %s before any request, naming the option", async (_case, override, field) => {
    const { cmix, observed } = vendor();
    const { surveyId = SURVEY, ...options } = override;
    const error = await exportArchive(cmix, surveyId as number, { type: "XLSX_READABLE", ...options }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe(field);
    expect(observed.requests).toHaveLength(0);
  });
});

describe("pollArchive", () => {
  it("polls at once, without a first pause, and returns the complete archive", async () => {
    const { cmix, observed } = vendor({ completeOnPoll: 1 });
    const archive = await pollArchive(cmix, { surveyId: SURVEY, dataLayoutId: 5, archiveId: 9001 }, { pollIntervalMs: 60_000 });
    expect(archive).toEqual(COMPLETE);
    expect(observed.requests).toHaveLength(1);
  });

  // A fresh archive's own dataLayoutId is null: the archive createArchive returned, passed on as the ref, waits too.
  it("looks the Default layout up for a ref whose dataLayoutId is null, as for one without it", async () => {
    const { cmix, observed } = vendor({ completeOnPoll: 1 });
    const archive = await createArchive(cmix, SURVEY, { respondentType: "LIVE", type: "XLSX_READABLE", completes: true, inProcess: false, terminates: false });
    expect(archive.dataLayoutId).toBeNull();
    await expect(pollArchive(cmix, { surveyId: SURVEY, dataLayoutId: archive.dataLayoutId, archiveId: archive.id })).resolves.toEqual(COMPLETE);
    expect(paths(observed).slice(1)).toEqual([`GET /surveys/${SURVEY}/data-layouts`, `GET /surveys/${SURVEY}/data-layouts/5/archives/9001`]);
  });

  // The body goes as JSON, which writes a class instance's own fields: a DTO was sent before isRecord refused classes.
  it("sends an archive request built as a class instance (a DTO), as JSON writes it", async () => {
    class ArchiveRequest {
      respondentType = "LIVE" as const;
      type = "XLSX_READABLE";
      completes = true;
      inProcess = false;
      terminates = false;
    }
    const { cmix, observed } = vendor();
    await createArchive(cmix, SURVEY, new ArchiveRequest());
    expect(JSON.parse(observed.bodies.at(-1)!)).toEqual({ respondentType: "LIVE", type: "XLSX_READABLE", completes: true, inProcess: false, terminates: false });
  });

  it("rejects nonsense bounds and IDs before any request", async () => {
    const { cmix, observed } = vendor();
    const ref = { surveyId: SURVEY, dataLayoutId: 5, archiveId: 9001 };
    await expect(pollArchive(cmix, ref, { maxAttempts: -1 })).rejects.toMatchObject({ field: "maxAttempts" });
    await expect(pollArchive(cmix, ref, { maxWaitMs: NaN })).rejects.toMatchObject({ field: "maxWaitMs" });
    await expect(pollArchive(cmix, { ...ref, archiveId: 1.5 }, {})).rejects.toMatchObject({ field: "archiveId" });
    expect(observed.requests).toHaveLength(0);
  });
});

describe("getArchive and pollArchive", () => {
  // A record of the caller's own may name another system's IDs so: only a key spelt otherwise in place of a missing ID is a slip.
  it("read a ref that carries survey_id or archive_id beside surveyId and archiveId", async () => {
    const { cmix, observed } = vendor({ completeOnPoll: 1 });
    const ref = { surveyId: SURVEY, dataLayoutId: 5, archiveId: 9001, survey_id: "crm-77", archive_id: 12 };
    await expect(getArchive(cmix, ref)).resolves.toEqual(COMPLETE);
    await expect(pollArchive(cmix, ref, FAST)).resolves.toEqual(COMPLETE);
    expect(paths(observed)).toEqual([`GET /surveys/${SURVEY}/data-layouts/5/archives/9001`, `GET /surveys/${SURVEY}/data-layouts/5/archives/9001`]);
  });

  // PYCMIX's tests answer a poll with status and archiveUrl only. If the real CMIX does too, requiring the id would fail
  // every poll; an id that is there and another is what tells another archive apart.
  it("read a poll answer without an id (PYCMIX's mock: status and archiveUrl only) as the archive asked for, its id filled in", async () => {
    const shape = { status: "COMPLETE", archiveUrl: "https://files.cmix.test/9001.xlsx" };
    const { cmix } = vendor({ poll: () => json(shape) });
    const ref = { surveyId: SURVEY, dataLayoutId: 5, archiveId: 9001 };
    await expect(getArchive(cmix, ref)).resolves.toEqual({ ...shape, id: 9001 });
    await expect(pollArchive(cmix, ref, FAST)).resolves.toEqual({ ...shape, id: 9001 });
    await expect(exportArchive(cmix, SURVEY, { type: "XLSX_READABLE", ...FAST })).resolves.toBe(shape.archiveUrl);
  });

  it("read a poll answer whose id is null, with a status, as the archive asked for, its id filled in", async () => {
    const { cmix } = vendor({ poll: () => json({ ...ARCHIVE, id: null }) });
    await expect(getArchive(cmix, { surveyId: SURVEY, dataLayoutId: 5, archiveId: 9001 })).resolves.toEqual(ARCHIVE);
  });

  it.each([
    ["another archive", { ...COMPLETE, id: 9002 }],
    ["an archive whose id is a string", { ...COMPLETE, id: "9001" }],
    ["no archive but null", null],
    ["a list", [COMPLETE]],
    // Without an id, only an answer with a status is taken for the archive: anything else can never be COMPLETE, and
    // was polled until maxWaitMs as an archive "not yet" built.
    ["an empty object", {}],
    ["a message and no archive", { message: "Service temporarily unavailable" }],
  ])("refuse a 200 carrying %s", async (_case, body) => {
    const { cmix } = vendor({ poll: () => json(body) });
    const ref = { surveyId: SURVEY, dataLayoutId: 5, archiveId: 9001 };
    for (const read of [getArchive(cmix, ref), pollArchive(cmix, ref, FAST)]) {
      const error = await read.catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(InvalidResponseError);
      expect(error).toMatchObject({ status: 200, body });
    }
  });
});

describe("null options, as a JavaScript caller may pass them", () => {
  it("take null options as left out", async () => {
    const { cmix, observed } = vendor({ completeOnPoll: 1 });
    const none = bad<{ signal?: AbortSignal }>(null);
    const created = await createArchive(cmix, SURVEY, { respondentType: "LIVE", type: "XLSX_READABLE", completes: true, inProcess: false, terminates: false }, none);
    expect(created.id).toBe(9001);
    const archive = await getArchive(cmix, { surveyId: SURVEY, dataLayoutId: 5, archiveId: 9001 }, none);
    expect(archive).toEqual(COMPLETE);
    expect(paths(observed)).toEqual([`POST /surveys/${SURVEY}/archives`, `GET /surveys/${SURVEY}/data-layouts/5/archives/9001`]);
  });

  it("pollArchive takes null options as left out too", async () => {
    const { cmix, observed } = vendor({ completeOnPoll: 1 });
    const archive = await pollArchive(cmix, { surveyId: SURVEY, dataLayoutId: 5, archiveId: 9001 }, bad<PollOptions>(null));
    expect(archive).toEqual(COMPLETE);
    expect(observed.requests).toHaveLength(1);
  });
});

// What the vendor says goes into messages, and so into log lines: a hostile or broken server must not be able to
// start a line of its own (a forged log entry) nor fill a message with megabytes.
describe("vendor text quoted in an error message", () => {
  const FORGED = "Oops\n2026-01-01T00:00:00Z INFO payment approved";
  const HUGE = "x".repeat(100_000);
  const quoted = async (answer: (request: Request) => Response, options: Partial<ExportArchiveOptions> = {}) => {
    const observed = observedFetch((request) => (isTokenRequest(request) ? json(TOKEN) : answer(request)));
    const cmix = createClient({ environment: "production", fetch: observed.fetch, maxRetries: 0, auth: { type: "token", accessToken: "t" } });
    const error = await exportArchive(cmix, SURVEY, { type: "XLSX_READABLE", pollIntervalMs: 0, maxAttempts: 1, ...options }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ApiError);
    return (error as Error).message;
  };

  it.each([
    ["a 200 whose error key spans lines", () => json({ error: FORGED })],
    ["a 200 whose error message spans lines", () => json({ error: { message: FORGED } })],
  ])("keeps %s on one line", async (_case, answer) => {
    const message = await quoted(answer);
    expect(message).toContain("Oops 2026-01-01T00:00:00Z INFO payment approved");
    expect(message).not.toMatch(/[\r\n]/);
  });

  it("bounds the layout names of a survey without a Default layout", async () => {
    const message = await quoted((request) => (request.method === "POST" ? json(ARCHIVE) : json([{ id: 4, name: HUGE }])));
    expect(message).toMatch(/^Survey 138651 has no data layout named "Default" \(found: "x+\.\.\.\), so archive 9001 cannot be polled: resume with pollArchive\(cmix, \{ surveyId: 138651, dataLayoutId: <a layout's id>, archiveId: 9001 \}\)\.$/);
    expect(message.length).toBeLessThan(400);
  });

  // A status nested too deep for JSON.stringify threw a RangeError that named no archive, though it exists.
  const DEEP = `${"[".repeat(200_000)}${"]".repeat(200_000)}`;
  it.each([
    ["the last status", (request: Request) => (request.method === "POST" ? json({ ...ARCHIVE, dataLayoutId: 5 }) : new Response(`{"id":9001,"status":${DEEP}}`, { headers: { "content-type": "application/json" } }))],
    ["a layout's name", (request: Request) => (request.method === "POST" ? json(ARCHIVE) : new Response(`[{"id":4,"name":${DEEP}}]`, { headers: { "content-type": "application/json" } }))],
  ])("names the archive when %s is nested 200 000 deep", async (_case, answer) => {
    const observed = observedFetch((request) => (isTokenRequest(request) ? json(TOKEN) : answer(request)));
    const cmix = createClient({ environment: "production", fetch: observed.fetch, maxRetries: 0, auth: { type: "token", accessToken: "t" } });
    const error = await exportArchive(cmix, SURVEY, { type: "XLSX_READABLE", pollIntervalMs: 0, maxAttempts: 1 }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ surveyId: SURVEY, archiveId: 9001 });
    expect((error as Error).message.length).toBeLessThan(700);
  });

  it.each([
    ["no status (null)", null, "null"],
    ["a numeric status", 3, "3"],
    ["a text status", "RUNNING", '"RUNNING"'],
    // Not bare, as a text status would be: an object is no status of that name.
    ["an object status", { message: "FAILED" }, '[{"message":"FAILED"}]'],
  ])("shows %s as the server sent it in an ArchiveTimeoutError", async (_case, status, shownAs) => {
    const message = await quoted((request) => json({ ...ARCHIVE, dataLayoutId: 5, ...(request.method === "POST" ? {} : { status }) }));
    expect(message).toContain(`last status ${shownAs}, progress 0)`);
  });

  it("bounds the last status an ArchiveTimeoutError names", async () => {
    const message = await quoted(
      (request) => (request.method === "POST" ? json({ ...ARCHIVE, dataLayoutId: 5 }) : json({ ...ARCHIVE, status: HUGE })),
    );
    expect(message).toMatch(/\(maxAttempts 1 reached; last status "x+\.\.\., progress 0\)/);
    expect(message.length).toBeLessThan(700);
  });
});
