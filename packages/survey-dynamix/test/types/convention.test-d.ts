// Compile-time tests, checked by `pnpm typecheck` (tsc over test/): the helper convention (data out, errors thrown)
// and the option names of the one vocabulary, old names still accepted.
import { expectTypeOf } from "vitest";
import {
  buildAuthorizeUrl,
  ConflictError,
  createClient,
  createInteraction,
  DuplicateInteractionError,
  exchangeAuthorizationCode,
  readAuthorizationCallback,
  updateInteraction,
  type AuthorizationCallback,
  type ClientOptions,
  type ExchangeAuthorizationCodeOptions,
  type Interaction,
  type SurveyDynamixClient,
  type TokenResponse,
} from "../../src/index.js";

declare const sdx: SurveyDynamixClient;

export function helpersReturnTheirData(): void {
  expectTypeOf(createInteraction(sdx, { survey_id: 52 })).resolves.toEqualTypeOf<Interaction>();
  expectTypeOf(updateInteraction(sdx, 1, { agent_id: "a" })).resolves.toEqualTypeOf<Interaction>();
  expectTypeOf(exchangeAuthorizationCode).returns.resolves.toEqualTypeOf<TokenResponse>();
  expectTypeOf(readAuthorizationCallback).returns.toEqualTypeOf<AuthorizationCallback>();
  expectTypeOf(buildAuthorizeUrl).returns.toEqualTypeOf<string>();
  expectTypeOf<DuplicateInteractionError>().toExtend<ConflictError>();
}

export function optionNames(): void {
  expectTypeOf<ClientOptions["baseUrl"]>().toEqualTypeOf<string | undefined>();
  expectTypeOf<ClientOptions["oauthBaseUrl"]>().toEqualTypeOf<string | undefined>();
  expectTypeOf<ExchangeAuthorizationCodeOptions["tokenUrl"]>().toEqualTypeOf<string | undefined>();
  expectTypeOf<ClientOptions>().toHaveProperty("timeoutMs");
  createClient({ auth: { type: "basic", customerUuid: "u", authToken: "t" }, oauthUrl: "https://old.test" });
}

// The state check is on unless turned off by name: a callback read without expectedState is a login CSRF hole.
export function stateIsRequired(): void {
  // @ts-expect-error the options, with expectedState, are required
  readAuthorizationCallback("/cb?code=c");
  // @ts-expect-error expectedState is a required key
  readAuthorizationCallback("/cb?code=c", {});
  readAuthorizationCallback("/cb?code=c", { expectedState: null });
  // @ts-expect-error buildAuthorizeUrl needs a state
  buildAuthorizeUrl({ clientId: "3", redirectUri: "https://app.test/cb" });
}

// updateInteraction takes the interaction as GET returns it, with the fields to change edited: the newer fields GET
// returns (phone_connection_id, respondent_language) too, which the client sends as it does every other.
export async function updatesWhatGetReturns(current: Interaction): Promise<void> {
  await updateInteraction(sdx, current.id, { ...current, respondent_language: "fr", phone_connection_id: 7 });
  await updateInteraction(sdx, current.id, { respondent_language: null, phone_connection_id: null });
  // @ts-expect-error a phone connection is an ID
  await updateInteraction(sdx, current.id, { phone_connection_id: "7" });
}
