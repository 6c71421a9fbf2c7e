// The life of a vendor's contract suite in a vitest file, said once: start the target (a Prism mock, or proxies to the
// live vendor), record every call, fail each test on a violation or (against the mock) on drift from the spec's own
// examples, report drift and stop at the end, and check that every operation was exercised.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { registeredApi } from "@apis/spec";
import { reportDrift } from "./live.ts";
import { startPrism, type PrismServer } from "./prism.ts";
import { createContractRecorder, type ContractRecorder } from "./recorder.ts";
import { liveContract, liveWrites, startContractTarget, type ContractTarget } from "./target.ts";

/** A vitest `it` that runs only under a condition. */
type ConditionalIt = ReturnType<typeof it.runIf>;

export interface ContractSuite {
  /** Whether this run goes to the live vendor (`pnpm contract:live`). */
  readonly live: boolean;
  /** For a test that changes vendor data: always against the mock, against the live vendor only when asked to. */
  readonly write: ConditionalIt;
  /** For a test that rests on what only the mock has (its examples, a code to exchange). */
  readonly mockOnly: ConditionalIt;
  /** The running target; read inside hooks and tests. */
  readonly target: ContractTarget;
  /** The recorder whose `fetch` the client sends through. */
  readonly recorder: ContractRecorder;
}

/**
 * Registers the hooks of a contract suite for a registered API and returns it; the file's own `beforeAll`, registered
 * after this call, runs after the target is up and creates the client with `suite.recorder.fetch`.
 *
 * @example
 * const contract = useContract("cx");
 * beforeAll(() => { cx = createClient({ baseUrl: contract.target.baseUrl, fetch: contract.recorder.fetch, ... }); });
 */
export function useContract(api: string, options: { recorder?: (spec: string, target: ContractTarget) => ContractRecorder } = {}): ContractSuite {
  const spec = registeredApi(api).root;
  const live = liveContract();
  let target: ContractTarget | undefined;
  let recorder: ContractRecorder | undefined;
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error(`useContract("${api}"): the target starts in beforeAll; read it inside a hook or test`);
    return value;
  };
  beforeAll(async () => {
    target = await startContractTarget(api);
    recorder = options.recorder?.(spec, target) ?? createContractRecorder(spec);
  });
  afterAll(async () => {
    if (recorder) reportDrift(recorder);
    await target?.stop();
  });
  afterEach(() => {
    expect(started(recorder).violations(), started(target).log()).toEqual([]);
    // The mock answers with the spec's own examples, so any drift there is a spec whose examples contradict it.
    if (!live) expect(started(recorder).drift()).toEqual([]);
  });
  return {
    live,
    write: it.runIf(!live || liveWrites()),
    mockOnly: it.runIf(!live),
    get target() {
      return started(target);
    },
    get recorder() {
      return started(recorder);
    },
  };
}

/**
 * Registers the suite's last test: the spec has `operations` operations, and every one was called without a
 * violation (against the mock, or live with writes allowed, where the writes run too).
 *
 * @example
 * describeCoverage(contract, 19);
 */
export function describeCoverage(suite: ContractSuite, operations: number): void {
  describe("coverage", () => {
    suite.write("has exercised every operation in the spec without a violation", () => {
      expect(suite.recorder.operations.length).toBe(operations);
      expect(suite.recorder.uncovered().map((operation) => operation.key)).toEqual([]);
    });
  });
}

/** A Prism mock of one registered API for a vitest file, and fresh recorders against it. */
export interface PrismSuite {
  /** The spec's path. */
  readonly spec: string;
  /** The mock's origin; read inside hooks and tests. */
  readonly url: string;
  /** A new recorder of the spec, so each test sees only its own violations. */
  recorder(): ContractRecorder;
}

/**
 * Starts a Prism mock of a registered API before the file's tests and stops it after them: for suites that send
 * requests breaking the spec on purpose and expect Prism to refuse them.
 *
 * @example
 * const prism = usePrism("cx");
 * it("...", async () => { const response = await prism.recorder().fetch(`${prism.url}/users/self`); });
 */
export function usePrism(api: string): PrismSuite {
  const spec = registeredApi(api).root;
  let server: PrismServer | undefined;
  beforeAll(async () => {
    server = await startPrism(spec);
  });
  afterAll(async () => {
    await server?.stop();
  });
  return {
    spec,
    get url() {
      if (server === undefined) throw new Error(`usePrism("${api}"): Prism starts in beforeAll; read its url inside a hook or test`);
      return server.url;
    },
    recorder: () => createContractRecorder(spec),
  };
}
