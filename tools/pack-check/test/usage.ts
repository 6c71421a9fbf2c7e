// How each public package is first used: the call a README shows, a call the types must reject, and the client
// method that proves construction worked. One row per package; adding a package without a row fails the test.
export interface Usage {
  factory: string;
  args: string;
  wrongArgs: string;
  /** The path from the factory's result to an openapi-fetch method. */
  method: string;
}

export const usage: Record<string, Usage> = {
  "@apis/runtime": {
    factory: "createApiClient",
    args: '{ baseUrl: "https://api.example.com", operations: {}, auth: { type: "none" } }',
    wrongArgs: '{ baseUrl: "https://api.example.com", operations: {}, auth: { type: "apiKey" } }',
    method: "GET",
  },
  "@apis/wootric-cxi": {
    factory: "createClient",
    args: '{ auth: { type: "clientCredentials", clientId: "id", clientSecret: "secret" } }',
    wrongArgs: '{ auth: { type: "apiKey", key: "x" } }',
    method: "GET",
  },
  "@apis/wootric": {
    factory: "createClient",
    args: '{ auth: { type: "clientCredentials", clientId: "id", clientSecret: "secret" } }',
    wrongArgs: '{ auth: { type: "apiKey", key: "x" } }',
    method: "GET",
  },
  "@apis/cx": {
    factory: "createClient",
    args: '{ auth: { type: "token", accessToken: "token" } }',
    wrongArgs: '{ auth: { type: "bearer", token: "x" } }',
    method: "GET",
  },
  "@apis/survey-dynamix": {
    factory: "createClient",
    args: '{ auth: { type: "basic", customerUuid: "uuid", authToken: "token" } }',
    wrongArgs: '{ auth: { type: "basic", username: "u", password: "p" } }',
    method: "GET",
  },
  "@apis/cmix": {
    factory: "createClient",
    args: '{ environment: "sandbox", auth: { type: "password", clientId: "id", clientSecret: "secret", username: "jane", password: "pw" } }',
    wrongArgs: '{ environment: "staging", auth: { type: "password", clientId: "id", clientSecret: "secret", username: "jane", password: "pw" } }',
    method: "survey.GET",
  },
};
