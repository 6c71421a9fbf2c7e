// The vitest settings every vendor package shares: its package.json test script's bounds, and the leak watch, which
// saves what each test file rendered (errors, logger and console lines) to .leak-watch/ for
// tools/faults/test/no-secrets.test.ts to search for every credential the suites used.
import { fileURLToPath } from "node:url";
import type { ViteUserConfig } from "vitest/config";

/**
 * @example
 * // packages/<vendor>/vitest.config.ts
 * export default defineConfig(vendorTestConfig());
 */
export function vendorTestConfig(): ViteUserConfig {
  return {
    test: {
      testTimeout: 60_000,
      hookTimeout: 60_000,
      include: ["test/**/*.test.ts"],
      globalSetup: [fileURLToPath(new URL("./leak-watch.global.ts", import.meta.url))],
      setupFiles: [fileURLToPath(new URL("./leak-watch.setup.ts", import.meta.url))],
    },
  };
}
