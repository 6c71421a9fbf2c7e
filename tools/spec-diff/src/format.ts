import type { SpecDiffReport } from "./check.ts";

/**
 * The report as the terminal shows it: per spec a count, then one line per change, then the verdict.
 * @example console.log(formatReport(checkSpecs(root, "HEAD")))
 */
export function formatReport(report: SpecDiffReport): string {
  const lines: string[] = [`Spec changes since ${report.base}:`];
  for (const spec of report.specs) {
    const count = (level: string) => spec.changes.filter((change) => change.level === level).length;
    const summary = spec.existedAtBase ? `${count("breaking")} breaking, ${count("minor")} minor` : "new spec";
    lines.push(`  ${spec.path} (${spec.packageName}): ${summary}`);
    for (const change of spec.changes) lines.push(`    ${change.level === "breaking" ? "BREAKING" : "minor   "} ${change.kind}  ${change.where}  ${change.message}`);
  }
  if (report.unmet.length === 0) {
    lines.push("OK: every package with a breaking spec change has the bump the versioning policy asks for.");
  } else {
    for (const unmet of report.unmet) {
      const name = unmet.packageName;
      if (unmet.required.marked) {
        lines.push(
          `FAIL: ${name} ${unmet.packageVersion} has breaking spec changes; while it is 0.x that takes a minor changeset marked breaking ` +
            `(pending: ${unmet.pending}${unmet.marked ? ", marked" : ", not marked"}). Run \`pnpm changeset\`, pick ${name}, choose minor, and start the summary with "BREAKING:".`,
        );
      } else {
        lines.push(`FAIL: ${name} ${unmet.packageVersion} has breaking spec changes but no major changeset (pending: ${unmet.pending}). Run \`pnpm changeset\`, pick ${name} and choose major.`);
      }
    }
  }
  return lines.join("\n");
}
