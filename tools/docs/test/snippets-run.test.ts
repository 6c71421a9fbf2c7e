// Every usage snippet the site shows is RUN, as the page shows it, against its vendor's Prism mock: the registry's
// `x-docs.setup` creates the client (its hosts pointed at the mocks and a recording fetch added, nothing else changed)
// and the operation's call runs unchanged. A snippet that compiles can still fail for a reader who copies it: the
// client's own checks refuse a sample value (an id of "string", an e-mail, a phone pattern), or the vendor refuses one
// the spec's example holds though its own schema does not allow it. Each call must resolve with no `error`, a 2xx
// answer and no request Prism reports as a violation (the token request included, sent to the mock's token operation).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createContractRecorder, startPrism, type ContractRecorder, type PrismServer, type RecordedExchange } from "@apis/prism";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apisWithClients } from "../src/build.ts";
import { fullSnippet, operationSnippet, type ClientDocs, type MockHosts } from "../src/snippets.ts";
import { operationsOf, type JsonObject, type Operation } from "../src/spec.ts";

const dist = fileURLToPath(new URL("../dist", import.meta.url));

/**
 * The client's host options, each pointed at the mock the registry's `x-docs.mockHosts` names for it (`baseUrl` at the
 * API's own mock when it names none). Prism serves a spec's paths at its origin, without a server's base path (`/1`,
 * `/api`).
 */
function hostOptions(hosts: MockHosts): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(hosts).map(([option, target]) => {
      if (typeof target !== "string") return [option, hostOptions(target)];
      const [api, ...path] = target.split("/");
      return [option, [mock(api!), ...path].join("/")];
    }),
  );
}

/** The APIs whose mocks `hosts` names. */
function mockedBy(hosts: MockHosts): string[] {
  return Object.values(hosts).flatMap((target) => (typeof target === "string" ? [target.split("/")[0]!] : mockedBy(target)));
}

const hostsOf = (api: string, docs: ClientDocs): MockHosts => docs.mockHosts ?? { baseUrl: api };

interface Run {
  api: string;
  root: string;
  docs: ClientDocs;
  document: JsonObject;
  operation: Operation;
}

// APIS_DOCS_ONLY=a,b runs only those APIs' snippets (the scaffold test's copy has built the site of its new vendor alone).
const only = process.env.APIS_DOCS_ONLY?.split(",");
const apis = apisWithClients().filter(({ api }) => only === undefined || only.includes(api.name));
if (apis.length === 0) throw new Error(`No registered API with a client is named in APIS_DOCS_ONLY=${only}`);
// Mocked: every API a run's client has a host at (one CMIX service's snippet gets its token from cmix-auth, and its
// client names the other services' hosts too).
const named = new Set(apis.flatMap(({ api, docs }) => mockedBy(hostsOf(api.name, docs))));
const mocked = apisWithClients().filter(({ api }) => named.has(api.name));
const unknown = [...named].filter((name) => !mocked.some(({ api }) => api.name === name));
if (unknown.length > 0) throw new Error(`x-docs.mockHosts names ${unknown.join(", ")}, which no registered API with a client is`);
const runs: Run[] = apis.flatMap(({ api, docs }) => {
  const document = JSON.parse(readFileSync(join(dist, api.name, "openapi.json"), "utf8")) as JsonObject;
  return operationsOf(document).map((operation) => ({ api: api.name, root: api.root, docs, document, operation }));
});

const mocks = new Map<string, PrismServer>();
const recorders = new Map<string, ContractRecorder>();

/** Sends each request to the recorder of the mock it is addressed to; a request for any other host is refused. */
const routed: typeof fetch = async (input, init) => {
  const request = new Request(input, init);
  const origin = new URL(request.url).origin;
  const api = [...mocks].find(([, prism]) => prism.url === origin)?.[0];
  if (api === undefined) throw new Error(`The snippet sent ${request.method} ${request.url}, which is no mock's`);
  return recorders.get(api)!.fetch(request);
};

const mock = (api: string): string => {
  const prism = mocks.get(api);
  if (!prism) throw new Error(`No mock of ${api} is running`);
  return prism.url;
};

type AsyncFunctionConstructor = new (...args: string[]) => (...args: unknown[]) => Promise<{ data: unknown; error: unknown }>;
const AsyncFunction = (async () => {}).constructor as AsyncFunctionConstructor;

/** The setup and the call as the page shows them, run with a `createClient` that points the hosts at the mocks. */
async function runSnippet(run: Run): Promise<{ data: unknown; error: unknown }> {
  const { createClient } = (await import(run.docs.package)) as { createClient: (options: object) => unknown };
  const snippet = operationSnippet(run.document, run.operation, run.docs);
  const body = `${run.docs.setup}\n${snippet}\nreturn { data, error };`;
  return new AsyncFunction("createClient", body)((options: object) => createClient({ ...options, ...hostOptions(hostsOf(run.api, run.docs)), fetch: routed }));
}

/** What a snippet's run sent, with Prism's verdict on each request. */
function verdicts(exchanges: RecordedExchange[]): { call: string; status: number; violations: string[] }[] {
  return exchanges.map((exchange) => ({
    call: `${exchange.method} ${new URL(exchange.url).pathname}${exchange.operation ? ` (${exchange.operation.operationId})` : " (no operation of the spec)"}`,
    status: exchange.status,
    violations: exchange.violations,
  }));
}

describe("the docs' TypeScript snippets, run against the vendors' Prism mocks", () => {
  beforeAll(async () => {
    const started = await Promise.allSettled(mocked.map(async ({ api }) => [api.name, await startPrism(api.root)] as const));
    for (const result of started) if (result.status === "fulfilled") mocks.set(...result.value);
    const failed = started.find((result): result is PromiseRejectedResult => result.status === "rejected");
    if (failed) throw failed.reason;
    for (const { api } of mocked) recorders.set(api.name, createContractRecorder(api.root));
  }, 120_000);

  afterAll(async () => {
    await Promise.all([...mocks.values()].map((prism) => prism.stop()));
  });

  it.each(runs.map((run) => [`${run.api} ${run.operation.operationId} (${run.operation.method.toUpperCase()} ${run.operation.path})`, run] as const))(
    "%s resolves with no error, a 2xx answer and no request violation",
    async (name, run) => {
      const shipped = (run.operation.operation["x-codeSamples"] as { source: string }[] | undefined)?.[0]?.source ?? "";
      // The page must show exactly what is run here: the setup as well as the call (a site built before the registry's
      // setup changed would show a client that was never run).
      expect(shipped, name).toBe(fullSnippet(run.document, run.operation, run.docs));
      const seen = new Map([...recorders].map(([api, recorder]) => [api, recorder.exchanges.length]));
      // A check of the client's that throws (an InputError before any request) fails the run as a returned error does.
      const error = await runSnippet(run).then(({ error: returned }) => returned, (thrown: unknown) => thrown);
      const sent = [...recorders].flatMap(([api, recorder]) => recorder.exchanges.slice(seen.get(api)));
      const own = recorders.get(run.api)!.exchanges.slice(seen.get(run.api));
      const call = own.filter((exchange) => exchange.operation?.operationId === run.operation.operationId).at(-1);
      expect(
        {
          error: error instanceof Error ? `${error.name}: ${error.message}` : error,
          status: call?.status ?? "the operation was not called",
          refused: verdicts(sent).filter((exchange) => exchange.violations.length > 0 || exchange.call.endsWith("(no operation of the spec)")),
        },
        name,
      ).toEqual({ error: undefined, status: expect.toSatisfy((status) => typeof status === "number" && status >= 200 && status < 300), refused: [] });
    },
  );
});
