import { watchSecrets } from "@apis/faults/leak-watch";

/**
 * The credentials the fault, hostile-server and bad-input suites hand to clients, each distinctive enough that
 * finding it in any rendered error or log line can only mean a leak: the leak watch (tools/faults) looks for them in
 * everything the test file rendered.
 */
export const CUSTOMER_UUID = "3f2a9c1e-0000-4000-8000-000000000001";
export const AUTH_TOKEN = "sdxAuthTok-4vR7wK2pXq";
export const ACCESS_TOKEN = "sdxAccess-9sD6hF3gLm";
export const CLIENT_SECRET = "sdxSecret-8mXbNqU1Zt";
export const AUTH_CODE = "sdxCode-def50200a1c9";

/** Every secret above. */
export const SECRETS = [AUTH_TOKEN, ACCESS_TOKEN, CLIENT_SECRET, AUTH_CODE];

watchSecrets(...SECRETS);
