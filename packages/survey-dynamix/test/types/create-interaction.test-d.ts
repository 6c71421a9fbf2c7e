// Compile-time tests, checked by `pnpm typecheck` (tsc over test/): createInteraction's input type refuses what its
// check refuses before sending: a voice or SMS interaction without phone_number, an email one without email.
import { createInteraction, type CreateInteractionInput, type SurveyDynamixClient, type SurveyType } from "../../src/index.js";

declare const sdx: SurveyDynamixClient;
declare const type: SurveyType;
declare const phone: string;
declare const address: string;

export function whatEachMediumNeeds(): void {
  void createInteraction(sdx, { survey_id: 52, survey_type: "sms", phone_number: "+61409999999" });
  void createInteraction(sdx, { survey_id: 52, survey_type: "inbound", phone_number: phone, data: { plan: "GOLD" } });
  void createInteraction(sdx, { survey_id: 52, survey_type: "email", email: address });
  void createInteraction(sdx, { survey_id: 52, survey_type: "websms", phone_number: phone, _shorten_urls: true, phone_connection_id: 7 });
  // web, the default, needs neither.
  void createInteraction(sdx, { survey_id: 52 });
  void createInteraction(sdx, { survey_id: 52, survey_type: "web", email: address });
  // A medium known only at run time needs both, since any one of them may be chosen.
  void createInteraction(sdx, { survey_id: 52, survey_type: type, phone_number: phone, email: address });
}

export function refusedAtCompileTime(): void {
  // @ts-expect-error: an SMS interaction needs phone_number (createInteraction refuses it without)
  void createInteraction(sdx, { survey_id: 52, survey_type: "sms" });
  // @ts-expect-error: so does an outbound call
  void createInteraction(sdx, { survey_id: 52, survey_type: "outbound", email: address });
  // @ts-expect-error: so does a web link sent by SMS
  void createInteraction(sdx, { survey_id: 52, survey_type: "websms" });
  // @ts-expect-error: _shorten_urls is a boolean, as _force_new is (the vendor reads the text "false" as true)
  void createInteraction(sdx, { survey_id: 52, _shorten_urls: 1 });
  // @ts-expect-error: an email interaction needs email
  void createInteraction(sdx, { survey_id: 52, survey_type: "email", phone_number: phone });
  // @ts-expect-error: a medium known only at run time may be sms, which needs phone_number
  const unknownMedium: CreateInteractionInput = { survey_id: 52, survey_type: type, email: address };
  void unknownMedium;
}

// What createInteraction sets comes back on the interaction (spec: Interaction, each marked x-guess), so that a caller
// reads it typed, as it was written.
export async function whatComesBack(): Promise<void> {
  const interaction = await createInteraction(sdx, { survey_id: 52, survey_type: "sms", phone_number: phone, phone_connection_id: 7, respondent_language: "en" });
  const connection: number | null | undefined = interaction.phone_connection_id;
  const language: string | null | undefined = interaction.respondent_language;
  void [connection, language];
}
