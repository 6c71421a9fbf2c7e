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

/** The fields of a urlencoded body, in order. */
export function formFields(body: string | undefined): [string, string][] {
  return [...new URLSearchParams(body ?? "")];
}

/** Runs a function that should throw, and returns what it threw. */
export function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

export const INTERACTION = {
  id: 891234,
  uuid: "e67fa4e0-3074-11e7-8efe-116b9b2f6833",
  survey_id: 52,
  phone_number: "+61409999999",
  email: null,
  survey_type: "sms",
  scheduled_at: "2017-05-04 02:58:49",
  external_ref: null,
  created_at: "2017-05-04 02:53:49",
  updated_at: "2017-05-04 02:53:49",
  call_type: null,
  agent_id: null,
  status: "Not Started",
  web_link: "https://surveydynamix.com/web_survey/e67fa4e0-3074-11e7-8efe-116b9b2f6833",
};
