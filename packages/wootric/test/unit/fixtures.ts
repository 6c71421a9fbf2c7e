/** The token the unit tests' token endpoint issues. */
export const TOKEN = { access_token: "access-123", token_type: "bearer", expires_in: 7200, refresh_token: "refresh-456", scope: "public" };
