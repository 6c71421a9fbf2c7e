import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { renderApiFiles } from "./generated-files.ts";
import type { GeneratedFile } from "./generated-files.ts";
import type { ApiEntry } from "./registry.ts";

export interface WrittenFile {
  relativePath: string;
  changed: boolean;
}

export interface StaleFile {
  relativePath: string;
  reason: "missing" | "out of date";
}

/** Generates the APIs' files on disk, rewriting only the ones whose content changed. */
export async function generateApis(apis: ApiEntry[], repoRoot: string): Promise<WrittenFile[]> {
  const written: WrittenFile[] = [];
  for (const api of apis) {
    for (const file of await renderApiFiles(api, repoRoot)) {
      const changed = readIfExists(file) !== file.content;
      if (changed) {
        mkdirSync(path.dirname(file.path), { recursive: true });
        writeFileSync(file.path, file.content);
      }
      written.push({ relativePath: file.relativePath, changed });
    }
  }
  return written;
}

/** Generates the APIs' files in memory and lists those that differ from the files on disk. */
export async function findStaleFiles(apis: ApiEntry[], repoRoot: string): Promise<StaleFile[]> {
  const stale: StaleFile[] = [];
  for (const api of apis) {
    for (const file of await renderApiFiles(api, repoRoot)) {
      const onDisk = readIfExists(file);
      if (onDisk === undefined) stale.push({ relativePath: file.relativePath, reason: "missing" });
      else if (onDisk !== file.content) stale.push({ relativePath: file.relativePath, reason: "out of date" });
    }
  }
  return stale;
}

function readIfExists(file: GeneratedFile): string | undefined {
  return existsSync(file.path) ? readFileSync(file.path, "utf8") : undefined;
}
