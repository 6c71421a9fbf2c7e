export { findRepoRoot, readRegistry, registeredApi, type RegisteredApi } from "./registry.ts";
export { startPrism, type PrismServer } from "./prism.ts";
export { readSpec, specOperations, operationMatcher, type SpecOperation } from "./operations.ts";
export { createContractRecorder, type ContractRecorder, type RecordedExchange } from "./recorder.ts";
