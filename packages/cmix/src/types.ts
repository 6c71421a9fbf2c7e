import type { components as AuthComponents } from "./generated/auth/schema.js";
import type { components as FileProcessingComponents } from "./generated/file-processing/schema.js";
import type { components as ReportingComponents } from "./generated/reporting/schema.js";
import type { components as SurveyComponents } from "./generated/survey/schema.js";

type Survey_ = SurveyComponents["schemas"];
type Reporting = ReportingComponents["schemas"];

/** A survey (one version of a project's questionnaire). */
export type Survey = Survey_["Survey"];
/** A survey's status: DESIGN, TEST, LIVE, CLOSED, DELETED or CLONING. */
export type SurveyStatus = Survey_["SurveyStatus"];
/** The survey `POST /surveys` (clone) creates, with its new project. */
export type ClonedSurvey = Survey_["ClonedSurvey"];
/** A project. */
export type Project = Survey_["Project"];
/** A project with its current survey and programmers, as `GET /projects/{projectId}` returns it. */
export type ExpandedProject = Survey_["ExpandedProject"];
/** A project's status: DESIGN, TEST, LIVE, CLOSED, DELETED or CLONING. */
export type ProjectStatus = Survey_["ProjectStatus"];
/** A CMIX user embedded in a project (primary or secondary programmer). */
export type Programmer = Survey_["Programmer"];
/** A user group; `permissions` is present in a project's group list. */
export type UserGroup = Survey_["UserGroup"];
/** A role a group can have on a project. */
export type GroupRole = Survey_["GroupRole"];
/** A permission a role grants. */
export type Permission = Survey_["Permission"];
/** A data layout of a survey. */
export type DataLayout = Survey_["DataLayout"];
/** A locale of a survey. */
export type Locale = Survey_["Locale"];
/** A section of a survey. */
export type Section = Survey_["Section"];
/** A sample source. */
export type SampleSource = Survey_["SampleSource"];
/** A termination code of a survey. */
export type TerminationCode = Survey_["TerminationCode"];
/** A simulated data set of a survey. */
export type Simulation = Survey_["Simulation"];
/** A data-export archive. */
export type Archive = Survey_["Archive"];
/** The body of `POST /surveys/{surveyId}/archives`. */
export type ArchiveRequest = Survey_["ArchiveRequest"];
/** Live or test respondents. */
export type RespondentType = Survey_["RespondentType"];
/** The vendor's error body (no official schema; the web UI's `{ error: { message } }` shape). */
export type ErrorBody = Survey_["ErrorBody"];

/** A respondent record. */
export type Respondent = Reporting["Respondent"];
/** A survey's respondent counts by outcome. */
export type FieldingSummary = Reporting["FieldingSummary"];
/** A banner (cross-tab) filter for `POST /surveys/{surveyId}/response-counts`. */
export type BannerFilterRequest = Reporting["BannerFilterRequest"];
/** One question whose frequency counts to return. */
export type QuestionRef = Reporting["QuestionRef"];
/** The counts `POST /surveys/{surveyId}/response-counts` returns (keys undocumented). */
export type ResponseCounts = Reporting["ResponseCounts"];

/** What `POST /surveys/data` (create a survey from XML) returns. */
export type CreatedSurvey = FileProcessingComponents["schemas"]["CreatedSurvey"];

/** What the auth service's token endpoint returns. */
export type AccessToken = AuthComponents["schemas"]["AccessToken"];
