export { overBudget, readBudget, type Budget } from "./budget.ts";
export { formatTable, README_END, README_START, replaceSection } from "./format.ts";
export { bundleSize, measureAll, repoRoot, vendorPackages, type Bytes, type PackageSize } from "./measure.ts";
