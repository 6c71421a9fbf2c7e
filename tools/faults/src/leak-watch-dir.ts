import { join } from "node:path";

/** Set in every test worker, so that a vitest run started from a test knows it is nested. */
export const NESTED_RUN_ENV = "APIS_LEAK_WATCH_NESTED";

/** Where a package's test runs save what each test file recorded (ignored by git; a turbo output of `test`). */
export function leakWatchDir(packageDir: string): string {
  return join(packageDir, ".leak-watch");
}
