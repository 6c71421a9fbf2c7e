// Test-only: the "observed client" fake fetch every vendor's unit tests use (openapi-fetch's test/helpers.ts habit).

/** A fetch that records every Request it is given and answers it from a handler: nothing is mocked, it is observed. */
export interface ObservedFetch {
  fetch: typeof fetch;
  requests: Request[];
  /** Bodies as text, in request order (read from clones, so the client's own requests are untouched). */
  bodies: string[];
  /** `METHOD https://host/path?query` of every request, in order. */
  calls(): string[];
}

/**
 * Builds a fetch that records each Request and answers it from `handler`.
 *
 * @example
 * const observed = observedFetch(() => json({ ok: true }));
 * const client = createClient({ fetch: observed.fetch });
 * expect(observed.calls()).toEqual(["GET https://api.example.com/v1/tags"]);
 */
export function observedFetch(handler: (request: Request, index: number) => Response | Promise<Response>): ObservedFetch {
  const requests: Request[] = [];
  const bodies: string[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    requests.push(request);
    bodies.push(await request.clone().text());
    const response = await handler(request, requests.length - 1);
    // A real fetch reports the URL it fetched, token and all; errors built from the response must cope with that.
    Object.defineProperty(response, "url", { value: request.url });
    return response;
  };
  return { fetch: fetchImpl as typeof fetch, requests, bodies, calls: () => requests.map((request) => `${request.method} ${request.url}`) };
}

/**
 * A JSON response.
 *
 * @example
 * observedFetch(() => json({ message: "nope" }, 404));
 */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

/**
 * The fields of a urlencoded body, in order.
 *
 * @example
 * expect(formFields(observed.bodies[0])).toContainEqual(["grant_type", "client_credentials"]);
 */
export function formFields(body: string | undefined): [string, string][] {
  return [...new URLSearchParams(body ?? "")];
}

/**
 * Runs a function that should throw, and returns what it threw.
 *
 * @example
 * expect(thrownBy(() => createClient({}))).toBeInstanceOf(TypeError);
 */
export function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}
