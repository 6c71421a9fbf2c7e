export { breaking, minor, type Change, type ChangeLevel } from "./change.ts";
export { meetsBreaking, pendingBumps, pendingChangesets, requiredForBreaking, type Bump, type PendingChangesets } from "./changesets.ts";
export { checkSpecs, type SpecDiffReport, type SpecReport, type UnmetBump } from "./check.ts";
export { formatReport } from "./format.ts";
export { gitRoot, readAtRef } from "./git.ts";
export { listSpecs, type RegisteredSpec } from "./registry.ts";
export { diffSchema, type Direction } from "./schema-diff.ts";
export { diffSpecs } from "./spec-diff.ts";
