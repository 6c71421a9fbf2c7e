import { watchSecrets } from "@apis/faults/leak-watch";

/**
 * The credentials the tests hand to clients, distinctive enough that finding one in any rendered error or log line
 * can only mean a leak: the leak watch (tools/faults) looks for them in everything each test file rendered.
 */
export const ACCESS_TOKEN = "__CAMEL__Tok-7Qm4ZpL2sV9x";

watchSecrets(ACCESS_TOKEN);
