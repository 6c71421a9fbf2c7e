// Test-only tooling for the vendor suites: the scripted fault server, the transport fault cases every vendor runs,
// the hostile-server cases of each vendor's credential paths, and the collectors that prove no secret leaks. Never a
// dependency of a published package.
export { collect } from "./collect.js";
export { startFaultServer, type Fault, type FaultServer, type FaultServerOptions, type SeenRequest, type Step } from "./server.js";
export { transportFaultCases, type CallResult, type FaultCase, type ScriptedCall, type TransportFaultKit } from "./transport-faults.js";
export { codeExchangePath, credentialPathCases, describeCredentialPaths, type CredentialPath, type CredentialPathKit, type CredentialPathSuite } from "./credential-paths.js";
export { collectLeaks, itLeaksNothing, rejection, type LeakCollector } from "./leaks.js";
export { assertNoEcho, echoIn, outcomeRenderings, tokenEchoIn } from "./echo.js";
export { encodingsOf, encodingsShown } from "./encodings.js";
export { tokenEndpointFaultCases, type TokenEndpointFlow } from "./token-endpoint.js";
export { itLogsEachAttempt, useFaultServer, useFaultSuite, type AttemptLogFlow, type FaultClientDefaults, type FaultSuite } from "./use-server.js";
