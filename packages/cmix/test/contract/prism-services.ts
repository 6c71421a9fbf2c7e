// Starts one contract target per CMIX service document (a Prism mock, or in a live run a Prism proxy to the service's
// host) and hands the client a fetch that sends each request to the recorder of the service it is addressed to, so
// every service's violations, coverage and drift are counted against its own spec.
import { createContractRecorder, registeredApi, startContractTarget, type ContractRecorder, type ContractTarget } from "@apis/prism";
import type { CmixService } from "../../src/index.js";

/** The redocly.yaml name of each service's document. */
export const SERVICE_APIS: Record<CmixService, string> = {
  auth: "cmix-auth",
  survey: "cmix-survey",
  reporting: "cmix-reporting",
  fileProcessing: "cmix-file-processing",
};

export interface PrismServices {
  baseUrls: Record<CmixService, string>;
  recorders: Record<CmixService, ContractRecorder>;
  /** Routes each request to the recorder of the Prism it is addressed to; anything else is a test bug. */
  fetch: typeof fetch;
  log(): string;
  stop(): Promise<void>;
}

/** `mock: true` for a test of the mocks themselves, which must not reach the vendor in a live run (see startContractTarget). */
export async function startPrismServices(options: { mock?: boolean } = {}): Promise<PrismServices> {
  const services = Object.keys(SERVICE_APIS) as CmixService[];
  const started = await Promise.allSettled(services.map((service) => startContractTarget(SERVICE_APIS[service], options)));
  const prisms = started.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
  const failed = started.find((result): result is PromiseRejectedResult => result.status === "rejected");
  if (failed) {
    await Promise.all(prisms.map((prism) => prism.stop()));
    throw failed.reason;
  }
  const byService = Object.fromEntries(services.map((service, index) => [service, prisms[index]!])) as Record<CmixService, ContractTarget>;
  const recorders = Object.fromEntries(
    services.map((service) => [service, createContractRecorder(registeredApi(SERVICE_APIS[service]).root)]),
  ) as Record<CmixService, ContractRecorder>;
  const byOrigin = new Map(services.map((service) => [new URL(byService[service].baseUrl).origin, recorders[service]]));
  const routed: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const recorder = byOrigin.get(new URL(request.url).origin);
    if (!recorder) throw new Error(`The contract suite sent ${request.method} ${request.url}, which is no Prism of a CMIX service`);
    return recorder.fetch(request);
  };
  return {
    baseUrls: Object.fromEntries(services.map((service) => [service, byService[service].baseUrl])) as Record<CmixService, string>,
    recorders,
    fetch: routed,
    log: () => services.map((service) => `--- ${service}\n${byService[service].log()}`).join("\n"),
    stop: async () => {
      await Promise.all(prisms.map((prism) => prism.stop()));
    },
  };
}
