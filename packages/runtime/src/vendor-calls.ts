import type { Client } from "openapi-fetch";
import { callMethods } from "./client-methods.js";
import type { OperationMeta, OperationTable } from "./operations.js";

/** The call being made, as a vendor's per-operation defaults see it. */
export interface CallContext {
  /** Lowercase, e.g. `get`. */
  method: string;
  /** The spec's path template, e.g. `/v1/tags/{id}`. */
  path: string;
  /** The generated metadata of the operation, if the spec has it. */
  meta: OperationMeta | undefined;
  /** The options the call was sent with (after `prepare`); set for `finish`. */
  init?: CallInit | undefined;
}

/** What a raw call resolves, seen by a vendor's `finish`. */
export type CallResult = { data?: unknown; error?: unknown; response: Response };
/** A raw call's options (openapi-fetch's init), seen by a vendor's `prepare`. */
export type CallInit = Record<string, unknown> & { params?: ({ query?: Record<string, unknown> | undefined } & Record<string, unknown>) | undefined; headers?: unknown; body?: unknown };

/**
 * Per-operation defaults a vendor needs on every raw call and openapi-fetch cannot be told once for all: `prepare`
 * adjusts the init (a serializer, a header, a check that throws an `InputError`), `finish` looks at the result (a
 * vendor-specific fault). The call's own options still win where `prepare` only fills gaps.
 */
export interface CallHooks {
  prepare?: ((init: CallInit, call: CallContext) => CallInit) | undefined;
  finish?: ((result: CallResult, call: CallContext) => CallResult) | undefined;
}

/**
 * Vendor defaults around any client: the same openapi-fetch client, each call passed through `hooks`. Without hooks
 * the client is returned as it is, so a vendor without defaults pays nothing per call. (`defineVendorClient` runs a
 * vendor's hooks in its client's own call instead, see `createHookedClient`, so that its methods fan out once.)
 *
 * @example
 * const client = withCallHooks(createApiClient<paths>(options), operations, { prepare: (init) => ({ querySerializer, ...init }) });
 */
export function withCallHooks<Paths extends {}>(client: Client<Paths>, operations: OperationTable, hooks: CallHooks | undefined): Client<Paths> {
  if (hooks?.prepare === undefined && hooks?.finish === undefined) return client;
  const core = client as unknown as { request(method: string, path: string, init?: CallInit): Promise<CallResult> };
  // async, so that a call a hook refuses rejects like any other failed call instead of throwing. The method comes
  // lowercase (see callMethods); the client's request() takes it in any case (openapi-fetch uppercases it).
  const call = async (method: string, path: string, init: CallInit = {}): Promise<CallResult> => {
    const context: CallContext = { method, path, meta: operations[path]?.[method as keyof OperationTable[string]] };
    const prepared = hooks.prepare ? hooks.prepare(init, context) : init;
    const result = await core.request(method, path, prepared);
    return hooks.finish ? hooks.finish(result, { ...context, init: prepared }) : result;
  };
  const wrapped: Record<string, unknown> = { ...client, ...callMethods(call) };
  // openapi-fetch's Client type is generic over each path's parameters; this object implements it uniformly.
  return wrapped as unknown as Client<Paths>;
}
