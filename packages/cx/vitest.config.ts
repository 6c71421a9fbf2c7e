import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "vitest/config";

// Each test file saves every error and log line it rendered here; the token-leak project then reads them all.
// Vitest evaluates this file once per project; the environment keeps one directory for the whole run.
const tokenWatchDir = (process.env.APIS_CX_TOKEN_WATCH_DIR ??= mkdtempSync(join(tmpdir(), "apis-cx-token-watch-")));

export default defineConfig({
  test: {
    // The same safety bounds the package script passes on the command line, which projects do not inherit.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    provide: { tokenWatchDir },
    globalSetup: ["test/support/token-watch.global.ts"],
    projects: [
      {
        extends: true,
        test: {
          name: "cx",
          include: ["test/{unit,contract,package}/**/*.test.ts"],
          setupFiles: ["test/support/token-watch.setup.ts"],
          sequence: { groupOrder: 0 },
        },
      },
      {
        // Runs after every file above has finished, so it sees all they recorded.
        extends: true,
        test: { name: "token-leak", include: ["test/token-leak.test.ts"], sequence: { groupOrder: 1 } },
      },
    ],
  },
});
