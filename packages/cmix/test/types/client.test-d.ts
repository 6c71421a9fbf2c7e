// Compile-time tests, checked by `pnpm typecheck` (tsc over test/): each service client knows only its own paths,
// and the shapes the specs declare reach the caller.
import { expectTypeOf } from "vitest";
import { createClient, exportArchive, hasErrorKey, type Archive, type CmixEnvironment, type EmbeddedError, type Respondent } from "../../src/index.js";

const cmix = createClient({ environment: "sandbox", auth: { type: "token", accessToken: "t" } });

export async function serviceTypes(): Promise<void> {
  // The same path answers JSON on the survey service and XML text on the file-processing service.
  const survey = await cmix.survey.GET("/surveys/{surveyId}", { params: { path: { surveyId: 1 } } });
  expectTypeOf(survey.data?.testToken).toEqualTypeOf<string | undefined>();
  const xml = await cmix.fileProcessing.GET("/surveys/{surveyId}", { params: { path: { surveyId: 1 } } });
  expectTypeOf(xml.data).toEqualTypeOf<string | undefined>();

  // An archive endpoint's 200 may be an error: the caller has to narrow.
  const { data } = await cmix.survey.GET("/surveys/{surveyId}/data-layouts/{dataLayoutId}/archives/{archiveId}", {
    params: { path: { surveyId: 1, dataLayoutId: 1, archiveId: 1 } },
  });
  expectTypeOf(data).toEqualTypeOf<Archive | EmbeddedError | undefined>();
  if (data && !hasErrorKey(data)) expectTypeOf(data).toEqualTypeOf<Archive>();

  const respondents = await cmix.reporting.GET("/surveys/{surveyId}/respondents", { params: { path: { surveyId: 1 }, query: { respondentType: "TEST" } } });
  expectTypeOf(respondents.data).toEqualTypeOf<Respondent[] | undefined>();

  expectTypeOf(exportArchive(cmix, 1, { type: "XLSX_READABLE" })).resolves.toEqualTypeOf<string>();
  expectTypeOf(cmix.environment).toEqualTypeOf<CmixEnvironment>();

  // @ts-expect-error the survey service has no reporting paths
  await cmix.survey.GET("/surveys/{surveyId}/fielding-summary", { params: { path: { surveyId: 1 } } });
  // @ts-expect-error respondentType is LIVE or TEST
  await cmix.reporting.GET("/surveys/{surveyId}/respondents", { params: { path: { surveyId: 1 }, query: { respondentType: "ALL" } } });
  // @ts-expect-error a group role CMIX does not have
  await cmix.survey.POST("/projects/{projectId}/groups", { params: { path: { projectId: 1 } }, body: { groupId: 1, role: "OWNER" } });
}
