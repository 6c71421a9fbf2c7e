// CX puts the access token in the URL (`?access_token=`), where it is easy to leak: every error below must name the
// request without it. Each error is recorded by `caught`/`watch`; ../token-leak.test.ts checks every rendering of
// every recorded error of the whole suite, these included.
import { describe, expect, it } from "vitest";
import {
  ApiConnectionError,
  ApiError,
  ApiTimeoutError,
  ApiUserAbortError,
  createClient,
  downloadFile,
  filePath,
  InvalidResponseError,
} from "../../src/index.js";
import { json, observedFetch } from "@apis/faults/observed-fetch";
import { ACCESS_TOKEN } from "../support/secrets.js";
import { caught, watch } from "@apis/faults/leak-watch";

const auth = { type: "token", accessToken: ACCESS_TOKEN } as const;

/** Every way an error gets logged. */
function renderings(error: unknown): string[] {
  return [String(error), JSON.stringify(error), (error as Error).message, (error as Error).stack ?? "", (error as ApiError).url ?? ""];
}

// Requests a hanging fetch has not answered. A real fetch is kept alive by its socket; without this set nothing
// would reach a hanging request, the garbage collector could drop it, and with it undici's link from the
// request's signal to the timeout or abort that should end it.
const unanswered = new Set<Request>();

/** A fetch that never answers: it rejects when the request's signal aborts, after calling `onStart`. */
function hangingFetch(onStart: () => void = () => {}): typeof fetch {
  return (input) =>
    new Promise((_resolve, reject) => {
      const request = input as Request;
      unanswered.add(request);
      request.signal.addEventListener("abort", () => {
        unanswered.delete(request);
        reject(request.signal.reason);
      });
      onStart();
    });
}

function expectNoToken(error: unknown): void {
  for (const text of renderings(error)) expect(text).not.toContain(ACCESS_TOKEN);
}

describe("the access token", () => {
  it("is blanked from a network error, even when the underlying error quotes the URL", async () => {
    const cx = createClient({
      auth,
      maxRetries: 0,
      fetch: async (input) => {
        throw new TypeError(`fetch failed: connect ECONNREFUSED for ${new Request(input).url}`);
      },
    });
    const error = await caught(cx.GET("/users/self"));
    expect(error).toBeInstanceOf(ApiConnectionError);
    expect((error as ApiError).url).toBe("https://api.cx.com/1/users/self?access_token=[redacted]");
    expectNoToken(error);
    expectNoToken((error as Error).cause);
  });

  it("is blanked from a timeout", async () => {
    const cx = createClient({ auth, maxRetries: 0, timeoutMs: 20, fetch: hangingFetch() });
    const error = await caught(cx.GET("/users/self"));
    expect(error).toBeInstanceOf(ApiTimeoutError);
    expect((error as Error).message).toMatch(/GET https:\/\/api\.cx\.com\/1\/users\/self\?access_token=\[redacted\] got no response within 20 ms/);
    expectNoToken(error);
  });

  it("is blanked from the error of a download the caller aborted", async () => {
    const controller = new AbortController();
    const cx = createClient({ auth, fetch: hangingFetch(() => controller.abort()) });
    const error = await caught(downloadFile(cx, filePath("self", "/big.iso"), { signal: controller.signal }));
    expect(error).toBeInstanceOf(ApiUserAbortError);
    expectNoToken(error);
  });

  it("is blanked from the error a download stream gives when the caller aborts it midway", async () => {
    const controller = new AbortController();
    const cx = createClient({
      auth,
      fetch: observedFetch((request) => {
        // As a real fetch does: aborting the request's signal errors the body that is still arriving.
        const body = new ReadableStream<Uint8Array>({
          start(stream) {
            stream.enqueue(new Uint8Array(8));
            request.signal.addEventListener("abort", () => stream.error(request.signal.reason));
          },
        });
        return new Response(body);
      }).fetch,
    });
    const data = await downloadFile(cx, filePath("self", "/big.iso"), { signal: controller.signal });
    const reader = data.body.getReader();
    await reader.read();
    controller.abort();
    const error = await caught(reader.read());
    expect((error as Error).name).toBe("AbortError");
    expectNoToken(error);
  });

  it("is blanked from the body snippet of a 200 that is not JSON, even when the page quotes the URL", async () => {
    const page = `<html>Upstream error for /1/users/self?access_token=${ACCESS_TOKEN}</html>`;
    const cx = createClient({ auth, maxRetries: 0, fetch: observedFetch(() => new Response(page, { headers: { "content-type": "text/html" } })).fetch });
    const error = await caught(cx.GET("/users/self"));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as ApiError).body).toBe("<html>Upstream error for /1/users/self?access_token=[redacted]</html>");
    expectNoToken(error);
  });

  it("is blanked from the error of an empty 200", async () => {
    const cx = createClient({ auth, maxRetries: 0, fetch: observedFetch(() => new Response(null, { headers: { "content-length": "0" } })).fetch });
    const error = await caught(cx.POST("/files/mkdir/{filePath}", { params: { path: { filePath: filePath("self", "/a") } } }));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as ApiError).url).toBe("https://api.cx.com/1/files/mkdir/self:%2Fa?access_token=[redacted]");
    expectNoToken(error);
  });

  it("is blanked from CX's error body, so an ApiError built from the result cannot leak it", async () => {
    const cx = createClient({
      auth,
      fetch: observedFetch(() => json({ errorType: "BadAuthToken", message: `The token ${ACCESS_TOKEN} is revoked`, detail: { token: ACCESS_TOKEN } }, 401)).fetch,
    });
    const { error, response } = await cx.GET("/users/self");
    expect(error).toEqual({ errorType: "BadAuthToken", message: "The token [redacted] is revoked", detail: { token: "[redacted]" } });
    const thrown = watch(ApiError.fromResponse(response, error, "GET"));
    expect(thrown.message).toBe(
      "GET https://api.cx.com/1/users/self?access_token=[redacted] failed with 401: The token [redacted] is revoked. Check the credentials: missing, wrong or expired.",
    );
    expectNoToken(thrown);
  });
});
