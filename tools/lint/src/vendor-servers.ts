import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * The spec server URLs a vendor's generated operations name (`server: "https://data.cx.com/1"`) that its hand-written
 * sources map nowhere in a `servers` object (its description's `defaults().servers`, keyed by the URL itself or by a
 * constant holding it). An operation whose server is not mapped goes to that URL itself, the vendor's production host,
 * even when the caller set every host option to another (a mock, a proxy): nothing else catches a mapping left out.
 *
 * @example
 * unmappedServers(['"/data": { post: { server: "https://data.cx.com/1" } }'], ["servers: { [DATA]: hosts.dataBaseUrl }", 'const DATA = "https://data.cx.com/1";']); // []
 */
export function unmappedServers(generated: readonly string[], sources: readonly string[]): string[] {
  const named = new Set<string>();
  for (const text of generated) for (const [, server] of text.matchAll(/\bserver: "([^"]+)"/g)) named.add(server!);
  const source = sources.join("\n");
  const constants = new Map<string, string>();
  for (const [, name, value] of source.matchAll(/\bconst (\w+) = "([^"]*)"/g)) constants.set(name!, value!);
  const mapped = new Set<string>();
  for (const [, entries] of source.matchAll(/\bservers: \{([^}]*)\}/g)) {
    for (const [, constant, literal] of entries!.matchAll(/(?:\[(\w+)\]|"([^"]+)")\s*:/g)) mapped.add(literal ?? constants.get(constant!) ?? "");
  }
  return [...named].filter((server) => !mapped.has(server)).sort();
}

/** The `.ts` files under `dir`, read: those of `src/generated` (the `generated` ones) and the others apart. */
export function packageSources(dir: string): { generated: string[]; sources: string[] } {
  const generated: string[] = [];
  const sources: string[] = [];
  for (const file of readdirSync(path.join(dir, "src"), { recursive: true, encoding: "utf8" })) {
    if (!file.endsWith(".ts")) continue;
    const text = readFileSync(path.join(dir, "src", file), "utf8");
    (file.split(path.sep)[0] === "generated" ? generated : sources).push(text);
  }
  return { generated, sources };
}
