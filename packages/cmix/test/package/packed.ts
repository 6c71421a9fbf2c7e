// How @apis/cmix is first used, for tools/pack-check: it packs the package, installs it outside the workspace and
// runs these calls from Node ESM and CJS and TypeScript; this row holds only what is this package's own.
import type { PackedUsage } from "@apis/faults/packed";

export const usage: PackedUsage = {
  args: '{ environment: "sandbox", auth: { type: "password", clientId: "id", clientSecret: "secret", username: "jane", password: "pw" } }',
  wrongArgs: '{ environment: "staging", auth: { type: "password", clientId: "id", clientSecret: "secret", username: "jane", password: "pw" } }',
  method: "survey.GET",
  types: `import { createClient, exportArchive, countResponses, hasErrorKey, type ExpandedProject } from "@apis/cmix";

const auth = { type: "password", clientId: "id", clientSecret: "secret", username: "jane", password: "pw" } as const;
const cmix = createClient({ environment: "sandbox", auth });

export async function correct(): Promise<ExpandedProject | undefined> {
  const { data } = await cmix.survey.GET("/projects/{projectId}", { params: { path: { projectId: 109820 } } });
  await cmix.survey.PATCH("/projects/{projectId}", { params: { path: { projectId: 109820 } }, body: { status: "LIVE" } });
  const xml: string | undefined = (await cmix.fileProcessing.GET("/surveys/{surveyId}", { params: { path: { surveyId: 1 } } })).data;
  await countResponses(cmix, 1, [{ questionId: 122931 }]);
  const url: string = await exportArchive(cmix, 1, { type: "XLSX_READABLE", maxWaitMs: 60_000 });
  const { data: archive } = await cmix.survey.GET("/surveys/{surveyId}/data-layouts/{dataLayoutId}/archives/{archiveId}", {
    params: { path: { surveyId: 1, dataLayoutId: 1, archiveId: 2 } },
  });
  if (archive && !hasErrorKey(archive)) archive.archiveUrl satisfies string | null | undefined;
  void xml;
  void url;
  return data;
}

// Values that may be missing, passed under exactOptionalPropertyTypes (the usage setup turns it on).
export async function maybeMissing(env: Record<string, string | undefined>, signal?: AbortSignal): Promise<void> {
  const client = createClient({ environment: "sandbox", auth, surveyBaseUrl: env["CMIX_SURVEY_URL"], baseUrls: { reporting: env["CMIX_REPORTING_URL"] }, maxRetries: undefined });
  await exportArchive(client, 1, { type: "XLSX_READABLE", signal, maxWaitMs: undefined, dataLayoutId: undefined });
}

export async function wrong(): Promise<void> {
  // @ts-expect-error an unknown path
  await cmix.survey.GET("/nope");
  // @ts-expect-error a file-processing path on the reporting service
  await cmix.reporting.POST("/surveys/data", { body: { data: "<survey/>" } });
  // @ts-expect-error a status a project cannot be set to
  await cmix.survey.PATCH("/projects/{projectId}", { params: { path: { projectId: 1 } }, body: { status: "ARCHIVED" } });
  // @ts-expect-error an environment CMIX does not have
  createClient({ environment: "staging", auth });
  // @ts-expect-error a password grant without the client secret
  createClient({ environment: "production", auth: { type: "password", clientId: "id", username: "jane", password: "pw" } });
}
`,
  run: {
    proves: "one token from the auth service, then the survey and reporting services with it",
    script: (base) => `import { createClient } from "@apis/cmix";
const base = "${base}";
const cmix = createClient({
  environment: "production",
  baseUrls: { auth: base, survey: base, reporting: base, fileProcessing: base },
  auth: { type: "password", clientId: "id", clientSecret: "secret", username: "jane", password: "pw" },
});
const project = await cmix.survey.GET("/projects/{projectId}", { params: { path: { projectId: 109820 } } });
const summary = await cmix.reporting.GET("/surveys/{surveyId}/fielding-summary", { params: { path: { surveyId: 138651 }, query: { respondentType: "LIVE" } } });
console.log(JSON.stringify([project.data.status, summary.data.completes]));
`,
    answer: ({ url }) => {
      if (url === "/access-token") return { body: { token_type: "Bearer", access_token: "t0k3n" } };
      if (url.startsWith("/projects/")) return { body: { id: 109820, name: "Project Venato - US - Wave 1", status: "DESIGN" } };
      return { body: { starts: 3, completes: 2, terminates: 1, inProcess: 0, abandons: 0 } };
    },
    prints: ["DESIGN", 2],
    seen: ["POST /access-token -", "GET /projects/109820 Bearer t0k3n", "GET /surveys/138651/fielding-summary?respondentType=LIVE Bearer t0k3n"],
  },
  bench: {
    options: (base) => ({
      environment: "sandbox",
      baseUrls: { auth: base, survey: base, reporting: base, fileProcessing: base },
      auth: { type: "password", clientId: "bench", clientSecret: "bench-secret", username: "bench", password: "bench-password" },
    }),
    path: "/projects",
    auth: "a password-grant token, fetched once",
  },
};
