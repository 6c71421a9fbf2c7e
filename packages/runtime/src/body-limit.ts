/** Default of `maxResponseBytes`: 128 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 134_217_728;
