// How @apis/wootric-cxi is first used, for tools/pack-check: it packs the package, installs it outside the workspace and
// runs these calls from Node ESM and CJS and TypeScript; this row holds only what is this package's own.
import type { PackedUsage } from "@apis/faults/packed";

export const usage: PackedUsage = {
  args: '{ auth: { type: "clientCredentials", clientId: "id", clientSecret: "secret" } }',
  wrongArgs: '{ auth: { type: "apiKey", key: "x" } }',
  types: `import { createClient, type Tag } from "@apis/wootric-cxi";

const cxi = createClient({ auth: { type: "clientCredentials", clientId: "id", clientSecret: "secret" } });

export async function correct(): Promise<Tag[] | undefined> {
  const { data } = await cxi.GET("/v1/tags", { params: { query: { per_page: 50, exclude_disabled: true } } });
  await cxi.PUT("/v1/projects/{id}", { params: { path: { id: 8 } }, body: { project: { name: "Renamed" } } });
  return data;
}

export async function wrong(): Promise<void> {
  // @ts-expect-error an unknown path
  await cxi.GET("/v1/nope");
  // @ts-expect-error a query parameter of the wrong type
  await cxi.GET("/v1/tags", { params: { query: { per_page: "fifty" } } });
  // @ts-expect-error a missing path parameter
  await cxi.PUT("/v1/projects/{id}", { body: { project: { name: "x" } } });
  // @ts-expect-error an unknown auth type
  createClient({ auth: { type: "apiKey", key: "x" } });
}
`,
  run: {
    proves: "fetches a token, then calls CXI with it",
    script: (base) => `import { createClient } from "@apis/wootric-cxi";
const cxi = createClient({ baseUrl: "${base}", tokenUrl: "${base}", auth: { type: "clientCredentials", clientId: "id", clientSecret: "secret" } });
const { data } = await cxi.GET("/v1/projects");
console.log(JSON.stringify(data));
`,
    answer: ({ url }) =>
      url === "/oauth/token"
        ? { body: { access_token: "t0k3n", token_type: "bearer", expires_in: 7200, scope: "public" } }
        : { body: [{ id: 7, name: "Enterprise", response_count: 0, created_at: 1610774054 }] },
    prints: [{ id: 7, name: "Enterprise", response_count: 0, created_at: 1610774054 }],
    seen: ["POST /oauth/token -", "GET /v1/projects Bearer t0k3n"],
  },
  bench: {
    options: (base) => ({ baseUrl: base, tokenUrl: `${base}/oauth/token`, auth: { type: "clientCredentials", clientId: "bench", clientSecret: "bench-secret" } }),
    path: "/v1/projects",
    auth: "a client-credentials token, fetched once",
  },
};
