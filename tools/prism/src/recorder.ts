import { operationMatcher, specOperations, type SpecOperation } from "./operations.ts";
import { responseChecker } from "./schema-check.ts";
import { liveTimeoutMs } from "./live.ts";
import { redactLive } from "./live-output.ts";
import { liveContract, specServers, upstreamOf } from "./target.ts";
import { GATE_HEADER, WRITE_NOT_SENT } from "./upstream-gate.ts";

/** One exchange with the mock or proxy, as the contract suite saw it. */
export interface RecordedExchange {
  method: string;
  url: string;
  status: number;
  operation?: SpecOperation;
  /** Prism's complaints about the request: `sl-violations` entries located in the request, or a problem document Prism generated. */
  violations: string[];
}

/** A way the server's response differs from the spec: the operation, the field and what is wrong. */
export interface DriftFinding {
  operation: string;
  status: number;
  field: string;
  problem: string;
}

export interface ContractRecorder {
  /** A fetch to hand to the client under test: it forwards to the real fetch and records every exchange. */
  fetch: typeof fetch;
  exchanges: RecordedExchange[];
  /** Exchanges where Prism reported a request violation, or that called a path the spec does not have. */
  violations(): RecordedExchange[];
  /** Every way a response differed from the spec: wrong types, missing fields, undocumented statuses, extra fields. */
  drift(): DriftFinding[];
  /** Spec operations that no exchange without violations has exercised. */
  uncovered(): SpecOperation[];
  operations: SpecOperation[];
}

interface PrismViolation {
  location?: string[];
  message?: string;
}

// The title of a problem document, or its text.
function problemTitle(body: string): string {
  try {
    return String((JSON.parse(body) as { title?: unknown }).title ?? body);
  } catch {
    return body;
  }
}

function parseViolations(header: string): PrismViolation[] {
  try {
    const parsed = JSON.parse(header) as unknown;
    return Array.isArray(parsed) ? (parsed as PrismViolation[]) : [{ message: header }];
  } catch {
    return [{ message: header }];
  }
}

/**
 * Records what a contract suite sends to Prism, so the suite can prove zero violations and full coverage, and, in a
 * live run, report how the vendor's responses drift from the spec.
 *
 * @example
 * const recorder = createContractRecorder(registeredApi("wootric-cxi").root);
 * const client = createClient({ baseUrl: prism.url, fetch: recorder.fetch, ... });
 * expect(recorder.violations()).toEqual([]);
 */
export function createContractRecorder(spec: string, transport: typeof fetch = globalThis.fetch): ContractRecorder {
  const operations = specOperations(spec);
  const match = operationMatcher(operations);
  const check = responseChecker(spec);
  const exchanges: RecordedExchange[] = [];
  const findings: DriftFinding[] = [];
  const basePaths = specServers(spec)
    .map((server) => (/^https?:\/\//.test(server) ? new URL(server).pathname.replace(/\/+$/, "") : ""))
    .filter(Boolean);

  const recordingFetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const response = await sendOnceMore(transport, request);
    const url = new URL(request.url);
    // A server URL with a path (`https://api.cx.com/1`) prefixes every spec path with it on the wire.
    const operation = [url.pathname, ...basePaths.filter((base) => url.pathname.startsWith(`${base}/`)).map((base) => url.pathname.slice(base.length))]
      .map((pathname) => match(request.method, pathname))
      .find(Boolean);
    const violations: string[] = [];
    const name = operation ? `${operation.operationId} (${operation.key})` : `${request.method} ${url.pathname}`;
    // A live run's gate answered for the vendor (see upstream-gate.ts): a write it did not send is the suite's doing, a
    // redirect or a 501 the vendor's. Prism's complaints are then about the gate's answer, not the vendor's.
    const gate = response.headers.get(GATE_HEADER);
    if (gate === WRITE_NOT_SENT) violations.push(`${request.method} ${url.pathname}: ${gate}`);
    else if (gate) findings.push({ operation: name, status: parseInt(gate) || response.status, field: "(response)", problem: `the vendor answered ${gate}` });
    const header = gate ? null : response.headers.get("sl-violations");
    for (const violation of header ? parseViolations(header) : []) {
      if (violation.location?.[0] === "response") {
        findings.push({ operation: name, status: response.status, field: violation.location.slice(1).join(".") || "(response)", problem: violation.message ?? "" });
      } else violations.push(JSON.stringify(violation));
    }
    const type = response.headers.get("content-type") ?? "";
    // Prism answers an invalid or unauthorised request with a problem document it made up itself.
    if (type.includes("application/problem+json")) {
      const body = await response.clone().text();
      if (body.includes("stoplight.io/prism/errors")) violations.push(body);
      // A proxy that could not read the vendor's answer (JSON that does not parse, a connection cut) says so in one of
      // its own: the vendor's status is lost, but not the operation.
      else if (operation && body.includes('"FetchError"')) findings.push({ operation: name, status: response.status, field: "(body)", problem: `was not read by Prism: ${problemTitle(body)}` });
    } else if (operation && type.includes("json")) {
      const text = await response.clone().text();
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        findings.push({ operation: name, status: response.status, field: "(body)", problem: "is not valid JSON" });
      }
      const result = body === undefined ? undefined : check(operation.method, operation.path, String(response.status), body);
      for (const field of result?.extras ?? []) findings.push({ operation: name, status: response.status, field: `body.${field}`, problem: "is not in the spec (extra field)" });
    }
    exchanges.push({ method: request.method, url: `${url.origin}${url.pathname}`, status: response.status, ...(operation ? { operation } : {}), violations });
    return response;
  };

  return {
    fetch: recordingFetch,
    exchanges,
    operations,
    violations: () => exchanges.filter((exchange) => exchange.violations.length > 0 || !exchange.operation),
    // A live run's report goes to a file that contract:live prints, and contract:live cannot know a token the run
    // obtained, which a vendor may name a field with: it is redacted here, where the runtime knows it.
    drift: () =>
      liveContract()
        ? findings.map(({ operation, status, field, problem }) => ({ operation: redactLive(operation), status, field: redactLive(field), problem: redactLive(problem) }))
        : [...findings],
    uncovered: () => {
      const covered = new Set(
        exchanges
          .filter((exchange) => exchange.violations.length === 0 && exchange.status < 400 && exchange.operation)
          .map((exchange) => exchange.operation!.key),
      );
      return operations.filter((operation) => !covered.has(operation.key));
    },
  };
}

const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);

/**
 * Sends `request`, and sends it once more when the connection it went out on turns out to have been closed by the
 * server (Node's default keep-alive race, seen under load: Prism drops an idle socket just as the next request is
 * written to it, so the request never reached it). Against a mock that is always safe; in a live run
 * (APIS_CONTRACT_LIVE=1) only idempotent methods are sent again. This is the harness's own connection to Prism: the
 * clients under test keep their own retry rules.
 */
async function sendOnceMore(transport: typeof fetch, request: Request): Promise<Response> {
  const live = process.env.APIS_CONTRACT_LIVE === "1";
  const spare = !live || IDEMPOTENT.has(request.method) ? request.clone() : undefined;
  try {
    return await answered(transport, request);
  } catch (error) {
    if (spare === undefined || !closedByServer(error)) throw error;
    return answered(transport, spare);
  }
}

// The hosts that left a request of this test file unanswered, and how long it waited: nothing more is sent to them.
const stalled = new Map<string, number>();

/**
 * Sends `request`; to a live proxy, within `APIS_CONTRACT_LIVE_TIMEOUT_MS` (30 s). Prism forwards without a time limit
 * and the clients wait 60 s, so a vendor that accepted connections and never answered cost every test a minute: a
 * request left unanswered now fails naming the host, and each later one to that host fails at once, unsent.
 */
async function answered(transport: typeof fetch, request: Request): Promise<Response> {
  const upstream = upstreamOf(request.url);
  if (upstream === undefined) return transport(request);
  const { host, pathname } = new URL(upstream);
  const what = `${request.method} ${pathname.replace(/\/$/, "")}${new URL(request.url).pathname}`;
  const waited = stalled.get(host);
  if (waited !== undefined) throw new Error(`${host} did not answer ${what}: it left a request unanswered for ${waited} ms, so this one was not sent`);
  const ms = liveTimeoutMs();
  const timeout = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // A race, not only the signal: a Request follows its signal only while it lives (nodejs/node#55428), so an abort
  // alone was lost in a vendor suite and the test waited its minute.
  const unanswered = new Promise<never>((_, fail) => {
    timer = setTimeout(() => {
      stalled.set(host, ms);
      // Failed before the abort, so that this is the error the race ends with.
      fail(new Error(`${host} did not answer ${what} within ${ms} ms (APIS_CONTRACT_LIVE_TIMEOUT_MS raises the bound)`));
      timeout.abort();
    }, ms);
  });
  try {
    return await Promise.race([transport(new Request(request, { signal: AbortSignal.any([request.signal, timeout.signal]) })), unanswered]);
  } finally {
    clearTimeout(timer);
  }
}

function closedByServer(error: unknown): boolean {
  for (let cause: unknown = error, depth = 0; typeof cause === "object" && cause !== null && depth < 5; cause = (cause as { cause?: unknown }).cause, depth++) {
    const code = (cause as { code?: unknown }).code;
    // EPIPE: the socket was closed as a request's body was being written to it (a PUT or POST; seen in a CI run).
    if (code === "UND_ERR_SOCKET" || code === "ECONNRESET" || code === "EPIPE") return true;
  }
  return false;
}
