// The vitest settings every vendor package shares: its package.json test script's bounds, and the leak watch, which
// checks at the end of each test file that nothing it rendered (errors, logger and console lines) shows a credential
// the file declared, in any encoding.
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
      setupFiles: [fileURLToPath(new URL("./leak-watch.setup.ts", import.meta.url))],
    },
  };
}
