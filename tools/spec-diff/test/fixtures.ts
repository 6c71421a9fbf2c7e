import { readFileSync } from "node:fs";
import { parse } from "yaml";
import type { Node } from "@apis/spec";

/** A fixture spec from test/fixtures/, parsed. */
export function fixture(name: string): Node {
  return parse(readFileSync(new URL(`fixtures/${name}.yaml`, import.meta.url), "utf8")) as Node;
}
