import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { ApiError, countResponses, createArchive, createClient, EmbeddedApiError, getArchive, hasErrorKey, InvalidResponseError } from "../../src/index.js";
import { json, observedFetch } from "@apis/faults/observed-fetch";

describe("hasErrorKey", () => {
  it.each<[string, unknown, boolean]>([
    ["a string error", { response: 1, error: "Oops!" }, true],
    ["an error object with a message", { error: { message: "Archive could not be generated" } }, true],
    ["an archive", { id: 9001, status: "COMPLETE" }, false],
    ["an error key that is null, as Dynata's client ignores it", { id: 9001, error: null }, false],
    ["an array", [{ error: "x" }], false],
    ["null", null, false],
    ["a string", "error", false],
  ])("reads %s as %s", (_case, body, expected) => {
    expect(hasErrorKey(body)).toBe(expected);
  });
});

function clientAnswering(body: unknown, status = 200) {
  const observed = observedFetch(() => json(body, status));
  return createClient({ environment: "production", fetch: observed.fetch, maxRetries: 0, auth: { type: "token", accessToken: "secret-token-1" } });
}

const REQUEST = { respondentType: "LIVE", type: "XLSX_READABLE", completes: true, inProcess: false, terminates: false } as const;

describe("the archive helpers", () => {
  it("turn a 200 whose body has an error key into a thrown EmbeddedApiError, not data", async () => {
    const error = await createArchive(clientAnswering({ response: 1, error: "Oops!" }), 138651, REQUEST).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(EmbeddedApiError);
    const failure = error as EmbeddedApiError;
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure.name).toBe("EmbeddedApiError");
    expect(failure.status).toBe(200);
    expect(failure.method).toBe("POST");
    expect(failure.url).toBe("https://survey-api.cmix.com/surveys/138651/archives");
    expect(failure.message).toBe(
      "POST https://survey-api.cmix.com/surveys/138651/archives answered 200 but its body reports an error: Oops! CMIX reports some failures this way; `body` holds what it sent.",
    );
    expect(JSON.parse(JSON.stringify(failure))).toMatchObject({ name: "EmbeddedApiError", status: 200, body: { response: 1, error: "Oops!" } });
    expect(inspect(failure)).not.toContain("secret-token-1");
  });

  it("read the message of an error object", async () => {
    const cmix = clientAnswering({ error: { message: "Archive could not be generated" } });
    await expect(getArchive(cmix, { surveyId: 1, dataLayoutId: 2, archiveId: 3 })).rejects.toThrow(/reports an error: Archive could not be generated/);
  });

  it("return an archive whose error key is null", async () => {
    const archive = await getArchive(clientAnswering({ id: 3, status: "COMPLETE", error: null }), { surveyId: 1, dataLayoutId: 2, archiveId: 3 });
    expect(archive.id).toBe(3);
  });

  it("throw an InvalidResponseError for a 200 that is neither an archive nor an error", async () => {
    await expect(createArchive(clientAnswering({ ok: true }), 138651, REQUEST)).rejects.toBeInstanceOf(InvalidResponseError);
  });

  it("throw an ApiError with the vendor's body for an error status", async () => {
    const error = await createArchive(clientAnswering({ error: { message: "Invalid request" } }, 400), 138651, REQUEST).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).not.toBeInstanceOf(EmbeddedApiError);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).body).toEqual({ error: { message: "Invalid request" } });
  });
});

describe("countResponses", () => {
  // The counts are a list, which never has an error key: such a 200 is CMIX reporting a failure, as it does for archives.
  it("turns a 200 whose body has an error key into a thrown EmbeddedApiError, not counts", async () => {
    const error = await countResponses(clientAnswering({ error: { message: "Question not found" } }), 138651, [{ questionId: 1 }]).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(EmbeddedApiError);
    expect((error as EmbeddedApiError).status).toBe(200);
    expect((error as EmbeddedApiError).message).toMatch(/^POST https:\/\/reporting-api\.cmix\.com\/surveys\/138651\/response-counts answered 200 but its body reports an error: Question not found\./);
  });

  it("returns counts that are a list", async () => {
    await expect(countResponses(clientAnswering([{ questionId: 1, count: 3 }]), 138651, [{ questionId: 1 }])).resolves.toEqual([{ questionId: 1, count: 3 }]);
  });
});

describe("the raw typed client", () => {
  it("leaves the error body in data, typed as a union the caller must narrow", async () => {
    const cmix = clientAnswering({ error: "Oops!" });
    const { data } = await cmix.survey.POST("/surveys/{surveyId}/archives", { params: { path: { surveyId: 1 } }, body: REQUEST });
    expect(hasErrorKey(data)).toBe(true);
    if (data && !hasErrorKey(data)) expect.unreachable("narrowed to an Archive");
  });
});
