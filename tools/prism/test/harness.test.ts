import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { createContractRecorder, operationMatcher, specOperations, startPrism, type PrismServer } from "../src/index.ts";

const spec = fileURLToPath(new URL("./fixtures/pets.yaml", import.meta.url));

describe("operationMatcher", () => {
  const match = operationMatcher(specOperations(spec));

  it("prefers a literal path segment over a templated one", () => {
    expect(match("GET", "/pets/search")?.operationId).toBe("searchPets");
    expect(match("GET", "/pets/42")?.operationId).toBe("getPet");
  });

  it("matches nothing for an unknown method or path", () => {
    expect(match("DELETE", "/pets/42")).toBeUndefined();
    expect(match("GET", "/owners/1")).toBeUndefined();
  });
});

describe("a contract recorder in front of Prism", () => {
  let prism: PrismServer;
  beforeAll(async () => {
    prism = await startPrism(spec);
  });
  afterAll(async () => {
    await prism.stop();
  });

  it("counts an operation as covered only after a request Prism accepted", async () => {
    const recorder = createContractRecorder(spec);
    const response = await recorder.fetch(`${prism.url}/pets/7`);
    expect(response.status).toBe(200);
    expect(recorder.violations()).toEqual([]);
    expect(recorder.uncovered().map((operation) => operation.operationId)).toEqual(["searchPets"]);
  });

  it("reports the violation when Prism rejects a request", async () => {
    const recorder = createContractRecorder(spec);
    const response = await recorder.fetch(`${prism.url}/pets/search?limit=11`);
    expect(response.status).toBe(422);
    expect(recorder.violations()).toHaveLength(1);
    expect(recorder.violations()[0]?.violations.join()).toContain("limit");
    expect(recorder.uncovered().map((operation) => operation.operationId)).toContain("searchPets");
  });

  it("reports a request to a path the spec does not have", async () => {
    const recorder = createContractRecorder(spec);
    await recorder.fetch(`${prism.url}/owners/1`);
    expect(recorder.violations()[0]?.operation).toBeUndefined();
  });
});
