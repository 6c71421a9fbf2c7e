export { findRepoRoot, packageOf, readRegistry, registeredApi, vendorPackages, type RegisteredApi, type VendorPackage } from "./registry.ts";
export { HTTP_METHODS, type HttpMethod } from "./methods.ts";
export { deref, isNode, refOf, unescapePointer, type Node } from "./ref.ts";
export { operationsOf, type WalkedOperation } from "./operations.ts";
