/** A fetch that records every Request it is given and answers it from a handler: nothing is mocked, it is observed. */
export interface ObservedFetch {
  fetch: typeof fetch;
  requests: Request[];
  /** Bodies as text, in request order (read from clones, so the client's own requests are untouched). */
  bodies: string[];
}

export function observedFetch(handler: (request: Request, index: number) => Response | Promise<Response>): ObservedFetch {
  const requests: Request[] = [];
  const bodies: string[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    requests.push(request);
    bodies.push(await request.clone().text());
    return handler(request, requests.length - 1);
  };
  return { fetch: fetchImpl as typeof fetch, requests, bodies };
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

export const TOKEN = { access_token: "access-123", token_type: "bearer", expires_in: 7200, refresh_token: "refresh-456", scope: "public" };
