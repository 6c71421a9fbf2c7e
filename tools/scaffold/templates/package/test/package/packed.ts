// How @apis/__NAME__ is first used, for tools/pack-check: it packs the package, installs it outside the workspace and
// runs these calls from Node ESM and CJS and TypeScript; this row holds only what is this package's own.
import type { PackedUsage } from "@apis/faults/packed";

export const usage: PackedUsage = {
  args: '{ auth: { type: "token", accessToken: "token" } }',
  wrongArgs: '{ auth: { type: "apiKey", key: "x" } }',
  types: `import { createClient, type __PASCAL__Client } from "@apis/__NAME__";

export const __CAMEL__: __PASCAL__Client = createClient({ auth: { type: "token", accessToken: "token" } });

export async function wrong(): Promise<void> {
  // @ts-expect-error a path the spec does not have
  await __CAMEL__.GET("/v1/nope");
  // @ts-expect-error an unknown auth type
  createClient({ auth: { type: "apiKey", key: "x" } });
}
`,
  run: {
    proves: "sends the token and reads the answer",
    script: (base) => `import { createClient } from "@apis/__NAME__";
const __CAMEL__ = createClient({ baseUrl: "${base}", auth: { type: "token", accessToken: "t0k3n" } });
const { data } = await __CAMEL__.GET("/v1/status");
console.log(JSON.stringify(data));
`,
    answer: () => ({ body: { status: "ok" } }),
    prints: { status: "ok" },
    seen: ["GET /v1/status Bearer t0k3n"],
  },
  bench: { options: (base) => ({ baseUrl: base, auth: { type: "token", accessToken: "bench-token" } }), path: "/v1/status", auth: "a bearer token" },
};
