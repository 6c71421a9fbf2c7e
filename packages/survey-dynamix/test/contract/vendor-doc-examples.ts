// The examples of the vendor's reference (SDXSLATE: github contactdynamix/slate, source/includes/_*.md, "1.0.0"),
// transcribed: every request example (the curl commands, shell quoting undone) and every JSON example. Where the doc's
// JSON is broken it is repaired as noted, and a real person's address in one example is replaced by example.com.

/** A request example: the doc's curl command. */
export interface DocRequest {
  section: string;
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** The URL as the doc writes it. */
  url: string;
  /** The `-d` fields, in order. */
  form?: [string, string][];
}

/** A JSON example and what it illustrates: the success body of an operation, or a request's JSON field. */
export interface DocJson {
  section: string;
  /** `METHOD /path/template status` of the response it shows, or `#/components/schemas/...` for a request's JSON. */
  validates: string;
  json: unknown;
  repaired?: string;
}

export const DOC_REQUESTS: DocRequest[] = [
  { section: "_interactions.md Get Interactions List", method: "GET", url: "https://surveydynamix.com/api/interactions?survey_id=52&_limit=5&survey_type=outbound" },
  {
    section: "_interactions.md Add New Interaction",
    method: "POST",
    url: "https://surveydynamix.com/api/interactions",
    form: [["survey_id", "52"], ["survey_type", "email"], ["email", "respondent@example.com"], ["scheduled_at", "Now + 5 minutes"]],
  },
  { section: "_interactions.md Get Specific Interaction", method: "GET", url: "https://surveydynamix.com/api/interactions/891234" },
  { section: "_interactions.md Delete Interaction", method: "DELETE", url: "https://surveydynamix.com/api/interactions/891234" },
  {
    section: "_interactions.md Update Interaction",
    method: "PUT",
    url: "https://surveydynamix.com/api/interactions/891234",
    form: [
      [
        "interaction",
        '{"id":891234,"survey_id":52,"phone_number":"","survey_type":"email","scheduled_at":"2017-05-04 02:53:49","external_ref":"","created_at":"2017-05-04 02:53:49","updated_at":"2017-05-04 02:54:55","call_type":"","agent_id":"","uuid":"e67fa4e0-3074-11e7-8efe-116b9b2f6833","email":"respondent@example.com","status":"Completed 1 hour ago","weblink":"https:\\/\\/surveydynamix.com\\/web_survey\\/e67fa4e0-3074-11e7-8efe-116b9b2f6833"}',
      ],
    ],
  },
  { section: "_interactions.md Get Responses List By Interaction", method: "GET", url: "https://surveydynamix.com/api/interactions/891234/responses" },
  { section: "_interactions.md Get Interaction Data List By Interaction", method: "GET", url: "https://surveydynamix.com/api/interactions/891234/interaction_data" },
  { section: "_interactions.md Start Survey", method: "POST", url: "https://surveydynamix.com/api/interactions/891234/start_survey" },
  { section: "_interactions.md Submit Survey Response", method: "POST", url: "https://surveydynamix.com/api/interactions/891234/submit_response", form: [["response", "Yes"]] },
  { section: "_interactions.md Abandon Survey", method: "POST", url: "https://surveydynamix.com/api/interactions/891234/abandon_survey" },
  { section: "_interaction_data.md Get Interaction Data List", method: "GET", url: "https://surveydynamix.com/api/interaction_data?interaction_id=891234" },
  { section: "_interaction_data.md Get Specific Interaction Data", method: "GET", url: "https://surveydynamix.com/api/interaction_data/12214125" },
  {
    section: "_interaction_data.md Set Interaction Data",
    method: "POST",
    url: "https://surveydynamix.com/api/interaction_data",
    form: [["interaction_id", "891234"], ["custom_key", "foo"], ["custom_value", "bar"]],
  },
  { section: "_interaction_data.md Delete Interaction Data", method: "DELETE", url: "https://surveydynamix.com/api/interaction_data/12214125" },
  { section: "_responses.md Get Responses List", method: "GET", url: "https://surveydynamix.com/api/responses?survey_id=52&_limit=100&_order=DESC" },
  { section: "_responses.md Get Specific Response", method: "GET", url: "https://surveydynamix.com/api/responses/124890182" },
  { section: "_surveys.md Get Surveys List", method: "GET", url: "https://surveydynamix.com/api/surveys?_limit=1000" },
  { section: "_surveys.md Get Specific Survey", method: "GET", url: "https://surveydynamix.com/api/surveys/52" },
  { section: "_surveys.md Get Questions List By Survey", method: "GET", url: "https://surveydynamix.com/api/surveys/52/questions" },
  { section: "_surveys.md Get Interactions List By Survey", method: "GET", url: "https://surveydynamix.com/api/surveys/52/interactions" },
  { section: "_surveys.md Get Interaction Data List By Survey", method: "GET", url: "https://surveydynamix.com/api/surveys/52/interaction_data" },
  { section: "_surveys.md Get Responses List By Survey", method: "GET", url: "https://surveydynamix.com/api/surveys/52/responses" },
  { section: "_questions.md Get Questions List", method: "GET", url: "https://surveydynamix.com/api/questions?survey_id=52" },
  { section: "_questions.md Get Specific Question", method: "GET", url: "https://surveydynamix.com/api/questions/509" },
  { section: "_questions.md Get Responses List By Question", method: "GET", url: "https://surveydynamix.com/api/questions/509/responses" },
  { section: "_users.md Get Users List", method: "GET", url: "https://surveydynamix.com/api/users?_limit=1000&name_contains=Joe" },
  { section: "_users.md Get Specific User", method: "GET", url: "https://surveydynamix.com/api/users/joesmith@example.com" },
  { section: "_users.md Get Interactions List By User", method: "GET", url: "https://surveydynamix.com/api/users/joesmith@example.com/interactions" },
  { section: "_phone_numbers.md Get Phone Number Details", method: "GET", url: "https://surveydynamix.com/api/phone_numbers/0499999999?country_code=AU" },
];

const QUESTION = {
  id: 509,
  survey_id: 71,
  order: 2,
  question_text: "On a scale from 0 to 10, how likely are you to recommend Survey Dynamix to your family or friends?",
  max_response: 10,
  question_type: "nps",
  question_label: "Basic NPS",
  question_sound_file: "<sound file url>.mp3",
};

const PROMPTS = {
  prompts: ["This is the first survey prompt text", "This is the second survey prompt text", "This is the Nth survey prompt text"],
  sound_files: ["http://First_sound_file_url.mp3", "http://Second_sound_file_url.mp3", "http://Nth_sound_file_url.mp3"],
};
const PROMPTS_REPAIR = "`# ...` comment lines and the trailing commas after the last array items removed";

export const DOC_JSON: DocJson[] = [
  {
    section: "_interactions.md Description",
    validates: "GET /interactions/{interaction_id} 200",
    repaired: 'the missing comma after "email" added',
    json: {
      id: 24062,
      uuid: "7aa870f0-046f-11e7-9cc9-9de741d6e753",
      survey_id: 493,
      phone_number: "+61409999999",
      email: "john.bloggs@example.com",
      survey_type: "inbound",
      scheduled_at: "2016-02-19 10:30:02",
      external_ref: "example-id-235i129",
      updated_at: "2016-02-19 10:30:02",
      created_at: "2016-02-19 10:30:02",
      call_type: "support",
      agent_id: "nevilr",
      status: "Not Started",
      web_link: "https://surveydynamix.com/web_survey/<uuid>",
    },
  },
  {
    section: "_interactions.md Update Interaction (the interaction field's JSON)",
    validates: "#/components/schemas/InteractionUpdate",
    json: JSON.parse(DOC_REQUESTS.find((request) => request.method === "PUT")!.form![0]![1]),
  },
  {
    section: "_interactions.md Start Survey",
    validates: "POST /interactions/{interaction_id}/start_survey 200",
    repaired: `${PROMPTS_REPAIR}; current_question, a comment ("question resource object"), filled with the question example`,
    json: { ...PROMPTS, survey_completed: 0, current_question: QUESTION },
  },
  {
    section: "_interactions.md Submit Survey Response",
    validates: "POST /interactions/{interaction_id}/submit_response 200",
    repaired: `${PROMPTS_REPAIR}; current_question, a comment ("question resource object"), filled with the question example`,
    json: { ...PROMPTS, survey_completed: 0, current_question: QUESTION },
  },
  {
    section: "_interactions.md Abandon Survey",
    validates: "POST /interactions/{interaction_id}/abandon_survey 200",
    repaired: PROMPTS_REPAIR,
    json: { ...PROMPTS, survey_completed: 1 },
  },
  {
    section: "_interaction_data.md Description",
    validates: "GET /interaction_data/{interaction_data_id} 200",
    json: { id: 12214125, interaction_id: 24062, custom_key: "VALUE", custom_value: "GOLD", created_at: "2016-02-19 10:30:02", updated_at: "2016-02-19 10:30:02" },
  },
  {
    section: "_responses.md Description",
    validates: "GET /responses/{response_id} 200",
    json: {
      id: 124890182,
      interaction_id: 24062,
      question_id: 879,
      response: "Lorem Ipsum dolor sit.",
      submitted_at: "2016-02-19 10:30:02",
      recording_url: "<Twilio Voice Recording URL>",
      response_type: "text",
      question_label: "<Question label for reporting use>",
    },
  },
  {
    section: "_surveys.md Description",
    validates: "GET /surveys/{survey_id} 200",
    json: {
      id: 52,
      name: "Test survey",
      description: "Test survey for development",
      greeting_text: "Thanks for taking the time to respond to our survey!",
      instructions_text: "We'd love to get some feedback on your recent customer experience!",
      closing_text: "Thank you for participating. Goodbye.",
      email_subject: "Test email survey",
      email_from_address: "test@surveydynamix.com",
      email_from_name: "Survey Dynamix API",
      greeting_sound_file: "<sound file url>.mp3",
      instructions_sound_file: "<sound file url>.mp3",
      closing_sound_file: "<sound file url>.mp3",
      inbound_number: "+61999999999",
      outbound_number: "+61999999999",
      sms_number: "+61888888888",
    },
  },
  { section: "_questions.md Description", validates: "GET /questions/{question_id} 200", json: QUESTION },
  {
    section: "_users.md Description",
    validates: "GET /users/{email_address} 200",
    json: { name: "Joe Smith", email: "joesmith@example.com", agent_id: "jSmith1", phone: "+61499999999", timezone: "Australia/Brisbane" },
  },
  {
    section: "_phone_numbers.md Description",
    validates: "GET /phone_numbers/{phone_number} 200",
    json: { phone_number: "+61499999999", country_code: "AU", national_format: "0499 999 999", phone_type: "mobile" },
  },
];
