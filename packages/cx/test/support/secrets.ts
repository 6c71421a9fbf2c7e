import { watchSecrets } from "@apis/faults/leak-watch";

/**
 * The credentials every test uses, each distinctive enough that finding it in any rendered error or log line can
 * only mean a leak: the leak watch (tools/faults) looks for them in everything the test file rendered.
 */
export const ACCESS_TOKEN = "cxTok7Qm4ZpL2sV9xWc3NdE8";
export const CLIENT_ID = "cxApp-3f9d2b71";
export const CLIENT_SECRET = "cxSecret-9f8e7d6c5b4a";
export const AUTH_CODE = "cxCode5k2m9q7w3e8r";

/** Every secret above, for assertions that none leaked. */
export const SECRETS = { ACCESS_TOKEN, CLIENT_SECRET, AUTH_CODE } as const;

watchSecrets(ACCESS_TOKEN, CLIENT_SECRET, AUTH_CODE);
