import { readFileSync, readdirSync, existsSync } from "node:fs";
import YAML from "yaml";
for (const v of readdirSync("specs")) {
  const p = `specs/${v}/openapi.yaml`; if (!existsSync(p)) continue;
  const s = YAML.parse(readFileSync(p, "utf8"));
  const uses = {};
  for (const [path, item] of Object.entries(s.paths ?? {})) {
    if (item.$ref) console.log(v, "path ref", path);
    for (const [m, op] of Object.entries(item)) for (const [st, r] of Object.entries(op?.responses ?? {})) {
      if (r.$ref) (uses[r.$ref] ??= new Set()).add(/^([45](\d\d|XX)|default)$/.test(st) ? "err" : "ok");
      for (const mt of Object.keys(r.content ?? {})) if (/^([45](\d\d|XX)|default)$/.test(st) && !/json/.test(mt)) console.log(v, "nonjson err", path, m, st, mt);
      if (r.$ref && !r.$ref.startsWith("#/components/responses/")) console.log(v, "ext ref", r.$ref);
    }
  }
  for (const [ref, k] of Object.entries(uses)) if (k.size > 1) console.log(v, "BOTH", ref);
  for (const [n, r] of Object.entries(s.components?.responses ?? {})) for (const mt of Object.keys(r.content ?? {})) if (!/json/.test(mt)) console.log(v, "comp mt", n, mt);
}
