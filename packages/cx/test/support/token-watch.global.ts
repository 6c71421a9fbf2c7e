import { rmSync } from "node:fs";

/** Removes the run's token-watch directory (vitest.config.ts) once every project has finished, whichever ran. */
export default function setup(): () => void {
  return () => {
    const dir = process.env.APIS_CX_TOKEN_WATCH_DIR;
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
}
