/** A fetch that records every Request it is given and answers it from a handler: nothing is mocked, it is observed. */
export interface ObservedFetch {
  fetch: typeof fetch;
  requests: Request[];
  /** Bodies as text, in request order (read from clones, so the client's own requests are untouched). */
  bodies: string[];
  /** `METHOD https://host/path?query` of every request, in order. */
  calls(): string[];
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
  return { fetch: fetchImpl as typeof fetch, requests, bodies, calls: () => requests.map((request) => `${request.method} ${request.url}`) };
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

export const TOKEN = { token_type: "Bearer", access_token: "access-123" };

export const PASSWORD_AUTH = {
  type: "password",
  clientId: "client-9",
  clientSecret: "client-secret-value",
  username: "jane@example.com",
  password: "hunter2-password",
} as const;

export function isTokenRequest(request: Request): boolean {
  return new URL(request.url).pathname === "/access-token";
}
