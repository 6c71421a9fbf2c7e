// How @apis/runtime is first used, for tools/pack-check: it packs the package, installs it outside the workspace and
// runs these calls from Node ESM and CJS and TypeScript; this row holds only what is this package's own.
import type { PackedUsage } from "@apis/faults/packed";

export const usage: PackedUsage = {
  factory: "createApiClient",
  args: '{ baseUrl: "https://api.example.com", operations: {}, auth: { type: "none" } }',
  wrongArgs: '{ baseUrl: "https://api.example.com", operations: {}, auth: { type: "apiKey" } }',
  run: {
    proves: "makes a real request through openapi-fetch, and from its CJS build too",
    script: (base) => `import * as runtime from "@apis/runtime";
const client = runtime.createApiClient({ baseUrl: "${base}", operations: {}, auth: { type: "none" } });
const { data } = await client.GET("/ping");
console.log(JSON.stringify(data));
`,
    scriptCommonJs: (base) => `const runtime = require("@apis/runtime");
const client = runtime.createApiClient({ baseUrl: "${base}", operations: {}, auth: { type: "none" } });
client.GET("/ping").then(({ data }) => console.log(JSON.stringify(data)));
`,
    answer: ({ url }) => ({ body: { path: url } }),
    prints: { path: "/ping" },
    seen: ["GET /ping -"],
  },
};
