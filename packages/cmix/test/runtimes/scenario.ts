// The runtime matrix's scenario (tools/runtimes): packed, installed outside the workspace and run unchanged on Node 18,
// 20, 22 and 24, Bun, Deno and in Chromium, against the scripted server in ./routes.ts. Only the public entry point.
// CMIX documents no paged list: polling an export archive until it is complete stands in for paging.
import { ApiError, createClient, EmbeddedApiError, exportArchive, getArchive } from "@apis/cmix";

/** Runs every step against the server at `url` (all four services) and returns what each step saw. */
export async function run(url: string) {
  const cmix = createClient({
    environment: "sandbox",
    authBaseUrl: url, surveyBaseUrl: url, reportingBaseUrl: url, fileProcessingBaseUrl: url,
    auth: { type: "password", clientId: "matrix-client", clientSecret: "matrix-secret", username: "ana", password: "matrix-password" },
    retryDelay: { baseMs: 1, maxMs: 5 },
  });
  // The first call fetches the token (one for all four services); 503, then 200; typed by the spec.
  const project = await cmix.survey.GET("/projects/{projectId}", { params: { path: { projectId: 109820 } } });
  const summary = await cmix.reporting.GET("/surveys/{surveyId}/fielding-summary", { params: { path: { surveyId: 138651 } } });
  // A JSON body (the archive request), then polls until the archive is complete.
  const archiveUrl = await exportArchive(cmix, 138651, { type: "XLSX_READABLE", dataLayoutId: 1, pollIntervalMs: 1 });
  const missing = await cmix.survey.GET("/projects/{projectId}", { params: { path: { projectId: 404 } } });
  // CMIX answers some failures 200 with an `error` body: a thrown, typed error.
  const thrown = await getArchive(cmix, { surveyId: 138651, dataLayoutId: 1, archiveId: 13 }).then(
    () => null,
    (error: unknown) => ({ name: (error as Error).name, isEmbedded: error instanceof EmbeddedApiError, isApiError: error instanceof ApiError }),
  );
  return {
    project: project.data?.name,
    summary: summary.response.status,
    archiveUrl,
    // As the caller gets it: the vendor's JSON error, or the body as text when it is not JSON.
    missing: { status: missing.response.status, error: missing.error as unknown },
    thrown,
  };
}
