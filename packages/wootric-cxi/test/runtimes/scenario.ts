// The runtime matrix's scenario (tools/runtimes): packed, installed outside the workspace and run unchanged on Node 18,
// 20, 22 and 24, Bun, Deno and in Chromium, against the scripted server in ./routes.ts. Only the public entry point.
import { ApiError, AuthenticationError, createClient, listAll } from "@apis/wootric-cxi";

/** Runs every step against the server at `url` and returns what each step saw. */
export async function run(url: string) {
  const auth = { type: "clientCredentials", clientId: "matrix-client", clientSecret: "matrix-secret" } as const;
  const cxi = createClient({ baseUrl: url, tokenUrl: `${url}/oauth/token`, auth, retryDelay: { baseMs: 1, maxMs: 5 }, rateLimit: false });
  // The first call fetches the token; the GET is typed by the spec.
  const projects = await cxi.GET("/v1/projects");
  // A bracket-notation form body: tag[name]=...&tag[text_match_terms][]=...
  const tag = await cxi.POST("/v1/tags", { body: { tag: { name: "refunds", mode: "text_match", text_match_terms: ["refund", "money back"] } } });
  // 503, then 200.
  const imports = await cxi.GET("/v1/imports");
  const responses: number[] = [];
  for await (const response of listAll(cxi, "/v1/responses", { query: { per_page: 2 } })) responses.push(response.id);
  const missing = await cxi.GET("/v1/imports/{id}", { params: { path: { id: 404 } } });
  // A token endpoint that refuses the client: a thrown, typed error.
  const refused = createClient({ baseUrl: url, tokenUrl: `${url}/refuse/oauth/token`, auth, maxRetries: 0 });
  const thrown = await refused.GET("/v1/projects").then(
    () => null,
    (error: unknown) => ({ name: (error as Error).name, isAuthenticationError: error instanceof AuthenticationError, isApiError: error instanceof ApiError }),
  );
  return {
    project: projects.data?.[0]?.name,
    tag: tag.data?.name,
    imports: { status: imports.response.status, names: imports.data?.map((item) => item.name) },
    responses,
    missing: { status: missing.response.status, message: typeof missing.error === "string" ? missing.error : missing.error?.message },
    thrown,
  };
}
