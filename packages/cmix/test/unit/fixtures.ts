// cmix's own test data; the observed fetch itself is shared, in @apis/faults/observed-fetch.

export const TOKEN = { token_type: "Bearer", access_token: "access-123" };

export const PASSWORD_AUTH = {
  type: "password",
  clientId: "client-9",
  clientSecret: "client-secret-value",
  username: "jane@example.com",
  password: "hunter2-password",
} as const;

export function isTokenRequest(request: Request): boolean {
  return new URL(request.url).pathname === "/access-token";
}
