export { findRepoRoot, readRegistry, registeredApi, type RegisteredApi } from "@apis/spec";
export { startPrism, type PrismOptions, type PrismServer } from "./prism.ts";
export { readSpec, specOperations, operationMatcher, type SpecOperation } from "./operations.ts";
export { createContractRecorder, type ContractRecorder, type DriftFinding, type RecordedExchange } from "./recorder.ts";
export { responseChecker, type BodyCheck } from "./schema-check.ts";
export { liveContract, liveWrites, specServers, startContractTarget, type ContractTarget } from "./target.ts";
export { startVendorMocks, vendorApis, type VendorMock } from "./mock.ts";
export { formatDrift, liveCredentialNames, reportDrift } from "./live.ts";
export { describeCoverage, useContract, usePrism, type ContractSuite, type PrismSuite } from "./suite.ts";
