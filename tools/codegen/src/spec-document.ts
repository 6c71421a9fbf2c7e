import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { unescapePointer } from "@apis/spec";
import { isRecord } from "./registry.ts";

/** A value read from a spec, with the file it came from (relative `$ref`s resolve against it). */
export interface Located<T = unknown> {
  value: T;
  file: string;
}

/**
 * A parsed spec that follows `$ref`s: local ones (`#/components/...`) and ones into other
 * files (`./paths/imports.yaml#/get`), relative to the file that holds the `$ref`.
 */
export interface SpecDocument {
  root: Located;
  deref(node: Located): Located;
}

export function loadSpecDocument(specPath: string): SpecDocument {
  const files = new Map<string, unknown>();
  const load = (file: string): unknown => {
    if (!files.has(file)) files.set(file, parse(readFileSync(file, "utf8")));
    return files.get(file);
  };
  const rootFile = path.resolve(specPath);
  return {
    root: { value: load(rootFile), file: rootFile },
    deref(node) {
      let current = node;
      const seen = new Set<string>();
      while (isRecord(current.value) && typeof current.value["$ref"] === "string") {
        const ref = current.value["$ref"];
        const [target = "", pointer = ""] = ref.split("#", 2);
        const file = target === "" ? current.file : path.resolve(path.dirname(current.file), decodeURI(target));
        const key = `${file}#${pointer}`;
        if (seen.has(key)) throw new Error(`circular $ref ${ref} in ${current.file}`);
        seen.add(key);
        current = { value: followPointer(load(file), pointer, ref), file };
      }
      return current;
    },
  };
}

function followPointer(document: unknown, pointer: string, ref: string): unknown {
  let value = document;
  for (const raw of pointer.split("/").slice(1)) {
    const segment = unescapePointer(decodeURIComponent(raw));
    if (!isRecord(value) && !Array.isArray(value)) throw new Error(`cannot resolve $ref ${ref}`);
    value = (value as Record<string, unknown>)[segment];
    if (value === undefined) throw new Error(`cannot resolve $ref ${ref}`);
  }
  return value;
}
