import { operationMatcher, specOperations, type SpecOperation } from "./operations.ts";

/** One exchange with the mock, as the contract suite saw it. */
export interface RecordedExchange {
  method: string;
  url: string;
  status: number;
  operation?: SpecOperation;
  /** Prism's complaints about the request: the `sl-violations` header or a problem response Prism generated. */
  violations: string[];
}

export interface ContractRecorder {
  /** A fetch to hand to the client under test: it forwards to the real fetch and records every exchange. */
  fetch: typeof fetch;
  exchanges: RecordedExchange[];
  /** Exchanges where Prism reported a request violation. */
  violations(): RecordedExchange[];
  /** Spec operations that no exchange without violations has exercised. */
  uncovered(): SpecOperation[];
  operations: SpecOperation[];
}

async function violationsOf(response: Response): Promise<string[]> {
  const found: string[] = [];
  const header = response.headers.get("sl-violations");
  if (header) found.push(header);
  // Prism answers an invalid or unauthorised request with a problem document it made up itself.
  if (response.headers.get("content-type")?.includes("application/problem+json")) {
    const body = await response.clone().text();
    if (body.includes("stoplight.io/prism/errors")) found.push(body);
  }
  return found;
}

/**
 * Records what a contract suite sends to Prism, so the suite can prove zero violations and full coverage.
 *
 * @example
 * const recorder = createContractRecorder(registeredApi("wootric-cxi").root);
 * const client = createClient({ baseUrl: prism.url, fetch: recorder.fetch, ... });
 * expect(recorder.violations()).toEqual([]);
 */
export function createContractRecorder(spec: string, transport: typeof fetch = globalThis.fetch): ContractRecorder {
  const operations = specOperations(spec);
  const match = operationMatcher(operations);
  const exchanges: RecordedExchange[] = [];

  const recordingFetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const response = await transport(request);
    const url = new URL(request.url);
    const operation = match(request.method, url.pathname);
    exchanges.push({
      method: request.method,
      url: `${url.origin}${url.pathname}`,
      status: response.status,
      ...(operation ? { operation } : {}),
      violations: await violationsOf(response),
    });
    return response;
  };

  return {
    fetch: recordingFetch,
    exchanges,
    operations,
    violations: () => exchanges.filter((exchange) => exchange.violations.length > 0 || !exchange.operation),
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
