#!/usr/bin/env node
// `node src/cli.ts build [--only a,b]` writes the site to tools/docs/dist; `node src/cli.ts serve [port]` serves it.
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSite } from "./build.ts";
import { serveSite } from "./serve.ts";

const dist = resolve(fileURLToPath(new URL("../dist", import.meta.url)));
const [command, ...rest] = process.argv.slice(2);

if (command === "build") {
  const only = rest[0] === "--only" && rest[1] ? rest[1].split(",") : undefined;
  const apis = buildSite(dist, undefined, only);
  console.log(`docs: built ${apis.length} API pages (${apis.reduce((sum, api) => sum + api.operations, 0)} operations) into ${dist}`);
} else if (command === "serve") {
  try {
    const { url } = await serveSite(dist, Number(rest[0] ?? process.env.PORT ?? 4400));
    console.log(`docs: serving ${dist} at ${url} (Ctrl-C to stop)`);
  } catch (error) {
    console.error(`docs: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
} else {
  console.error("usage: node src/cli.ts build [--only api,api] | serve [port]");
  process.exit(2);
}
