// Survey Dynamix's own test data; the observed fetch itself is shared, in @apis/faults/observed-fetch.

export const INTERACTION = {
  id: 891234,
  uuid: "e67fa4e0-3074-11e7-8efe-116b9b2f6833",
  survey_id: 52,
  phone_number: "+61409999999",
  email: null,
  survey_type: "sms",
  scheduled_at: "2017-05-04 02:58:49",
  external_ref: null,
  created_at: "2017-05-04 02:53:49",
  updated_at: "2017-05-04 02:53:49",
  call_type: null,
  agent_id: null,
  status: "Not Started",
  web_link: "https://surveydynamix.com/web_survey/e67fa4e0-3074-11e7-8efe-116b9b2f6833",
};
