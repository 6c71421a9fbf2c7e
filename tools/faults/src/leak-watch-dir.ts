import { join } from "node:path";

/** Where a package's test run saves what each test file recorded (ignored by git; a turbo output of `test`). */
export function leakWatchDir(packageDir: string): string {
  return join(packageDir, ".leak-watch");
}
