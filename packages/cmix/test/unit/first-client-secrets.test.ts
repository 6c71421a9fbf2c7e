// A credential pasted where a name goes (beside auth, as a key of auth or of baseUrls) is quoted by the check that
// refuses the name, and redacted only if the package knows it. The client being created brings the credential: each
// case uses one no client of this file has brought before, so it is checked against a package that has never seen it.
import { describe, expect, it } from "vitest";
import { createClient, InputError, type ClientOptions } from "../../src/index.js";

function refusal(options: unknown, secret: string): InputError {
  let caught: unknown;
  try {
    createClient(options as ClientOptions);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(InputError);
  const error = caught as InputError;
  const all = `${error.field}\n${error.message}\n${JSON.stringify(error)}\n${String(error.stack)}`;
  expect(all).not.toContain(secret.slice(0, 12));
  return error;
}

const grant = (password: string, clientSecret = "cmixFirstSecret-unused-0") => ({ type: "password", clientId: "client-9", clientSecret, username: "jane", password });

describe("createClient's first client, with credentials no client brought before", () => {
  it("redacts its password used as an option's name beside auth", () => {
    const password = "cmixFirstPassword-1Zq8Xw";
    const error = refusal({ environment: "sandbox", auth: grant(password), [password]: true }, password);
    expect(error.field).toBe("[redacted]");
    expect(error.message).toMatch(/^\[redacted\] is not an option of createClient, which takes /);
  });

  it("redacts its client secret used as a key of auth", () => {
    const secret = "cmixFirstClientSecret-2Rt7Yv";
    const error = refusal({ environment: "sandbox", auth: { ...grant("cmixFirstPassword-unused", secret), [secret]: true } }, secret);
    expect(error.message).toBe("[redacted] is not an option of auth, which takes type, clientId, clientSecret, username, password");
  });

  it("redacts its access token used as a key of auth", () => {
    const token = "cmixFirstToken-3Su6Zu";
    const error = refusal({ environment: "sandbox", auth: { type: "token", accessToken: token, [token]: true } }, token);
    expect(error.message).toBe("[redacted] is not an option of auth, which takes type, accessToken");
  });

  it("redacts its password used as a service's name in baseUrls", () => {
    const password = "cmixFirstPassword-4Tv5At";
    const error = refusal({ environment: "sandbox", auth: grant(password), baseUrls: { [password]: "https://cmix.test" } }, password);
    expect(error.field).toBe("baseUrls.[redacted]");
  });
});
