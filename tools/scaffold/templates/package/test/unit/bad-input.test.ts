// Bad input is refused with an InputError that says what to fix, before anything is sent: each case runs against a
// fetch spy that would answer any request and must find it uncalled (the harness is @apis/faults/bad-input).
import { bad, describeBadInput, missingOptionsCases, transportOptionCases, urlOptionCases, type BadInputCase, type FetchSpy } from "@apis/faults/bad-input";
import { createClient, InputError, type ClientOptions } from "../../src/index.js";
import { ACCESS_TOKEN } from "../support/secrets.js";

const client = (fetch: FetchSpy, options: Partial<ClientOptions> = {}) =>
  createClient({ baseUrl: "https://__NAME__.test", auth: { type: "token", accessToken: ACCESS_TOKEN }, maxRetries: 0, fetch, ...options });

const cases: BadInputCase[] = [
  ...missingOptionsCases("createClient", (options) => createClient(bad<ClientOptions>(options)), /createClient needs options, at least \{ auth: \{ type: "token", accessToken \} \}/),
  ...transportOptionCases("createClient", (fetch, options) => client(fetch, options)),
  ...urlOptionCases("createClient", "baseUrl", "https://api.__NAME__.example", (fetch, url) => client(fetch, { baseUrl: url })),
];

describeBadInput({
  InputError,
  secrets: [ACCESS_TOKEN],
  spyBody: { status: "ok" },
  cases,
  control: { name: "a good call through the same spy is sent once", sends: 1, run: (fetch) => client(fetch).GET("/v1/status") },
});
