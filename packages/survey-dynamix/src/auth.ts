import { InputError, type Auth } from "@apis/runtime";

/** How the client authenticates. Both are sent in the `Authorization` header. */
export type SurveyDynamixAuth =
  /**
   * HTTP Basic with the customer UUID and auth token from the customer settings page. The vendor's recommended
   * method while its OAuth 2 is "temporarily unavailable".
   */
  | { type: "basic"; customerUuid: string; authToken: string }
  /** A personal access token, or an access token from {@link exchangeAuthorizationCode}, sent as a bearer token. */
  | { type: "token"; accessToken: string };

function requireString(value: unknown, field: string, hint: string): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new InputError(field, `${field} must be a non-empty string: ${hint}`);
  }
  return value;
}

/**
 * Turns the vendor's auth option into the shared runtime's, checking it first so a typo fails at `createClient`,
 * not at the first call. No error quotes a credential.
 *
 * @example
 * toRuntimeAuth({ type: "basic", customerUuid, authToken }); // { type: "basic", username: customerUuid, password: authToken }
 */
export function toRuntimeAuth(auth: SurveyDynamixAuth): Auth {
  if (typeof auth !== "object" || auth === null) {
    throw new InputError("auth", 'auth is required: { type: "basic", customerUuid, authToken } or { type: "token", accessToken }');
  }
  switch (auth.type) {
    case "basic": {
      const username = requireString(auth.customerUuid, "auth.customerUuid", "the Customer Uuid from the customer settings page");
      // HTTP Basic ends the user name at the first colon, so the vendor would read another user and password.
      if (username.includes(":")) {
        throw new InputError("auth.customerUuid", "auth.customerUuid must not contain ':': copy the Customer Uuid exactly as the customer settings page shows it");
      }
      const password = requireString(auth.authToken, "auth.authToken", "the Auth Token from the customer settings page");
      return { type: "basic", username, password };
    }
    case "token": {
      const token = requireString(auth.accessToken, "auth.accessToken", "a personal access token or an OAuth access token");
      return { type: "bearer", token };
    }
    default: {
      const type = (auth as { type?: unknown }).type;
      throw new InputError("auth.type", `Unknown auth type ${JSON.stringify(type)}: use "basic" (customer UUID and auth token) or "token" (access token)`);
    }
  }
}
