// A vitest setup file (see vitest-config.ts): records every console line a test file prints and, when the file is
// done, checks everything the file recorded (errors every way a log can show them, logger lines, console output)
// against every credential the file declared, in every encoding. A leak fails that file, whatever ran before it.
import { format } from "node:util";
import { afterAll } from "vitest";
import { leakFinder, recorded, watchLine } from "./leak-watch.js";

for (const level of ["log", "info", "warn", "error", "debug", "trace"] as const) {
  const original = console[level].bind(console);
  console[level] = (...args: unknown[]) => {
    watchLine(`console.${level}`, format(...args));
    original(...args);
  };
}

afterAll(() => {
  const { renderings, secrets } = recorded();
  if (secrets.length === 0) return;
  const shows = leakFinder(secrets);
  // The failure names what kind of rendering showed a credential, never its text, nor an error's message (a label
  // such as "Error: <message>" holds it): printing either would show the credential again.
  const leaks = renderings.filter((rendering) => shows(rendering.text)).map((rendering) => `${rendering.what.split(":", 1)[0]} (${rendering.text.length} characters)`);
  if (leaks.length > 0) throw new Error(`leak watch: a declared credential shows, in some encoding, in ${leaks.length} rendering(s): ${leaks.slice(0, 20).join("; ")}`);
});
