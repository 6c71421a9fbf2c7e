// Every error class a client of this package throws: errors.ts holds only them (and the types of what they carry),
// with InputError beside them. The runtime's entry point exports them, and each vendor package re-exports them (`export * from "@apis/runtime/errors"`) so that `instanceof` works without importing
// @apis/runtime.
export * from "./errors.js";
export { InputError } from "./input-error.js";
