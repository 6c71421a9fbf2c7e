// How @apis/runtime is first used, for tools/pack-check: it packs the package, installs it outside the workspace and
// runs these calls from Node ESM and CJS and TypeScript; this row holds only what is this package's own.
import type { PackedUsage } from "@apis/faults/packed";

export const usage: PackedUsage = {
  factory: "createApiClient",
  args: '{ baseUrl: "https://api.example.com", operations: {}, auth: { type: "none" } }',
  wrongArgs: '{ baseUrl: "https://api.example.com", operations: {}, auth: { type: "apiKey" } }',
  run: {
    proves: "makes a real request through openapi-fetch and one through the Node fast transport (@apis/runtime/undici), from its CJS build too",
    script: (base) => `import * as runtime from "@apis/runtime";
import { undiciFetch } from "@apis/runtime/undici";
const client = runtime.createApiClient({ baseUrl: "${base}", operations: {}, auth: { type: "none" } });
const fast = runtime.createApiClient({ baseUrl: "${base}", operations: {}, auth: { type: "none" }, fetch: undiciFetch() });
console.log(JSON.stringify([(await client.GET("/ping")).data, (await fast.GET("/fast")).data]));
`,
    scriptCommonJs: (base) => `const runtime = require("@apis/runtime");
const { undiciFetch } = require("@apis/runtime/undici");
const client = runtime.createApiClient({ baseUrl: "${base}", operations: {}, auth: { type: "none" } });
const fast = runtime.createApiClient({ baseUrl: "${base}", operations: {}, auth: { type: "none" }, fetch: undiciFetch() });
(async () => console.log(JSON.stringify([(await client.GET("/ping")).data, (await fast.GET("/fast")).data])))();
`,
    answer: ({ url }) => ({ body: { path: url } }),
    prints: [{ path: "/ping" }, { path: "/fast" }],
    seen: ["GET /ping -", "GET /fast -"],
  },
};
