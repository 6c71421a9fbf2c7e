import { afterAll, describe, expect, test } from "vitest";
import { lintFixture, removeTempDirs, repoConfig } from "./repo-rules.ts";

afterAll(removeTempDirs);

/**
 * One deliberately broken fixture (test/fixtures/) per way of breaking a rule; each must fail that rule and no other,
 * except where two rules overlap: Redocly's operation-tag-defined also reports an operation with no tags, or a tag
 * the spec does not declare such as ''.
 */
const BROKEN: Array<[fixture: string, ruleId: string, alsoFails?: string]> = [
  ["operation-without-operation-id.yaml", "operation-operationId"],
  ["pascal-case-operation-id.yaml", "rule/operation-id-camel-case"],
  ["snake-case-operation-id.yaml", "rule/operation-id-camel-case"],
  ["operation-without-summary.yaml", "operation-summary"],
  ["operation-without-tags.yaml", "rule/operation-tags", "operation-tag-defined"],
  ["operation-with-empty-tags.yaml", "rule/operation-tags"],
  ["operation-with-blank-tag.yaml", "rule/operation-tags", "operation-tag-defined"],
  ["operation-with-undeclared-tag.yaml", "operation-tag-defined"],
  ["operation-without-2xx-response.yaml", "operation-2xx-response"],
  ["operation-without-4xx-response.yaml", "operation-4xx-response"],
  ["response-without-example.yaml", "rule/response-media-type-example"],
  ["response-with-empty-examples.yaml", "rule/response-media-type-examples-non-empty"],
  ["response-example-without-value.yaml", "rule/response-example-value"],
  ["operation-without-x-source.yaml", "rule/operation-x-source"],
  ["operation-with-empty-x-source.yaml", "rule/operation-x-source"],
  ["operation-with-blank-x-source.yaml", "rule/operation-x-source"],
  ["operation-with-x-source-map.yaml", "rule/operation-x-source"],
  ["operation-without-x-confidence.yaml", "rule/operation-x-confidence"],
  ["unknown-x-confidence.yaml", "rule/operation-x-confidence"],
  ["x-confidence-list.yaml", "rule/operation-x-confidence"],
  ["empty-x-confidence-list.yaml", "rule/operation-x-confidence"],
  ["unused-component.yaml", "no-unused-components"],
];

describe.concurrent("the repo's lint rules, run by the redocly CLI on broken fixtures", () => {
  test.each(BROKEN)("%s fails with %s, naming the file and the rule", async (fixture, ruleId, alsoFails) => {
    const result = await lintFixture(fixture);
    expect(result.status, result.stdout + result.stderr).not.toBe(0);
    expect(result.stdout).toContain(`test/fixtures/${fixture}:`);
    expect(result.stdout).toContain(ruleId);
    expect([...new Set(result.problems.map((problem) => problem.ruleId))].sort()).toEqual([...new Set([ruleId, alsoFails ?? ruleId])].sort());
    expect(result.problems.length).toBeGreaterThan(0);
    expect(result.problems.every((problem) => problem.file.endsWith(`test/fixtures/${fixture}`))).toBe(true);
  });

  test("the good fixture lints clean", async () => {
    const result = await lintFixture("good.yaml");
    expect(result.problems).toEqual([]);
    expect(result.status, result.stdout + result.stderr).toBe(0);
  });
});

test("every rule configured in redocly.yaml is proven by a broken fixture", () => {
  const configured = Object.keys(repoConfig()["rules"] as Record<string, unknown>);
  const proven = new Set(BROKEN.map(([, ruleId]) => ruleId));
  expect(configured.filter((ruleId) => !proven.has(ruleId))).toEqual([]);
});
