// The Wootric spec under Prism: every request example of every operation is accepted, every response example is
// served without drift from its schema, and `pnpm mock wootric` serves representative requests, a bracket-notation
// form POST and a multipart upload among them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContractRecorder, readSpec, registeredApi, startPrism, type PrismServer } from "@apis/prism";
import { runMockCli } from "@apis/prism/mock-process";
import { deref as derefIn, operationsOf } from "@apis/spec";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type SpecNode = { [key: string]: unknown };

const spec = registeredApi("wootric").root;
const document = readSpec(spec) as SpecNode;

const deref = (value: unknown) => derefIn(document, value) as SpecNode;

/** Rails bracket notation, as the runtime's form serializer writes it: `a[b]=`, `a[]=`, `a[][k]=`. */
function bracketEntries(value: Json, prefix: string): [string, string][] {
  if (Array.isArray(value)) return value.flatMap((item) => bracketEntries(item, `${prefix}[]`));
  if (value !== null && typeof value === "object") return Object.entries(value).flatMap(([key, item]) => bracketEntries(item, prefix ? `${prefix}[${key}]` : key));
  return [[prefix, value === null ? "" : String(value)]];
}

function queryString(value: Json, name: string): string {
  return new URLSearchParams(bracketEntries(value, name)).toString();
}

interface ExampleRequest {
  label: string;
  method: string;
  url: string;
  init: RequestInit;
}

/** One request per request-body example (or one without a body), built from the spec's own parameter examples. */
function exampleRequests(base: string): ExampleRequest[] {
  const requests: ExampleRequest[] = [];
  for (const { path, method, operation, pathItem: item } of operationsOf(document)) {
    const parameters = [...((item["parameters"] as unknown[]) ?? []), ...((operation["parameters"] as unknown[]) ?? [])].map(deref);
    let url = path;
    const query: string[] = [];
    for (const parameter of parameters) {
      const example = parameter["example"] as Json | undefined;
      if (example === undefined) continue;
      if (parameter["in"] === "path") url = url.replace(`{${String(parameter["name"])}}`, encodeURIComponent(String(example)));
      if (parameter["in"] === "query") query.push(queryString(example, String(parameter["name"])));
    }
    const target = `${base}${url}${query.length ? `?${query.join("&")}` : ""}`;
    const headers = { authorization: "Bearer test-token" };
    const body = operation["requestBody"] ? deref(operation["requestBody"]) : undefined;
    const media = body ? Object.entries(body["content"] as SpecNode).find(([, content]) => (content as SpecNode)["example"] !== undefined || (content as SpecNode)["examples"] !== undefined) : undefined;
    if (!media) {
      requests.push({ label: `${operation["operationId"]}`, method: method.toUpperCase(), url: target, init: { method: method.toUpperCase(), headers } });
      continue;
    }
    const [type, content] = media as [string, SpecNode];
    const examples: [string, Json][] = (content["examples"] as SpecNode | undefined)
      ? Object.entries(content["examples"] as SpecNode).map(([name, example]) => [name, deref(example)["value"] as Json])
      : [["example", content["example"] as Json]];
    expect(type, `${operation["operationId"]}: the example body is a form`).toBe("application/x-www-form-urlencoded");
    for (const [name, value] of examples) {
      requests.push({
        label: `${operation["operationId"]} (${name})`,
        method: method.toUpperCase(),
        url: target,
        init: { method: method.toUpperCase(), headers: { ...headers, "content-type": type }, body: new URLSearchParams(bracketEntries(value, "")).toString() },
      });
    }
  }
  return requests;
}

describe("the wootric spec under Prism", () => {
  let prism: PrismServer;
  beforeAll(async () => {
    prism = await startPrism(spec);
  }, 120_000);
  afterAll(async () => {
    await prism?.stop();
  });

  it("accepts every operation's request examples and covers every operation", async () => {
    const recorder = createContractRecorder(spec);
    const statuses: string[] = [];
    for (const request of exampleRequests(prism.url)) {
      const response = await recorder.fetch(request.url, request.init);
      statuses.push(`${request.label}: ${response.status}`);
      expect(response.status, `${request.label}\n${prism.log().slice(-2000)}`).toBeLessThan(300);
    }
    expect(recorder.violations().map((exchange) => `${exchange.method} ${exchange.url}: ${exchange.violations.join("; ")}`)).toEqual([]);
    expect(recorder.uncovered().map((operation) => operation.key)).toEqual([]);
    expect(recorder.drift()).toEqual([]);
    expect(statuses.length).toBeGreaterThanOrEqual(recorder.operations.length);
  }, 120_000);

  it("serves every response example of every operation without drift from its schema", async () => {
    const recorder = createContractRecorder(spec);
    let served = 0;
    const requests = exampleRequests(prism.url);
    for (const [path, rawItem] of Object.entries(document["paths"] as SpecNode)) {
      for (const [method, rawOperation] of Object.entries(rawItem as SpecNode)) {
        if (method === "parameters") continue;
        const operationId = String((rawOperation as SpecNode)["operationId"]);
        const request = requests.find((candidate) => candidate.label.split(" ")[0] === operationId && candidate.method === method.toUpperCase());
        expect(request, `${operationId} at ${path}`).toBeDefined();
        for (const [status, rawResponse] of Object.entries((rawOperation as SpecNode)["responses"] as SpecNode)) {
          const content = deref(rawResponse)["content"] as SpecNode | undefined;
          const names = content ? Object.values(content).flatMap((media) => Object.keys(((media as SpecNode)["examples"] as SpecNode | undefined) ?? { "": null })) : [""];
          for (const name of names) {
            const prefer = [`code=${status}`, ...(name ? [`example=${name}`] : [])].join(", ");
            const response = await recorder.fetch(request!.url, { ...request!.init, headers: { ...(request!.init.headers as Record<string, string>), prefer } });
            expect(response.status, `${operationId} Prefer: ${prefer}`).toBe(Number(status));
            served++;
          }
        }
      }
    }
    expect(recorder.drift()).toEqual([]);
    expect(served).toBeGreaterThan(150);
  }, 180_000);
});

describe("pnpm mock wootric", () => {
  it("starts on the registered port and answers a list with bracket filters, a lookup by e-mail, a bracket-form POST and a multipart upload", async () => {
    const { child, port, output, exited } = await runMockCli("wootric");
    try {
      expect(output()).toContain(`mock wootric: http://127.0.0.1:${port}`);
      const base = `http://127.0.0.1:${port}`;
      const recorder = createContractRecorder(spec);
      const auth = { authorization: "Bearer test-token" };

      const list = await recorder.fetch(`${base}/v1/responses?page=2&per_page=50&created%5Bgt%5D=1480000000&created%5Blt%5D=1490000000&sort_order=asc`, { headers: auth });
      expect(list.status).toBe(200);
      expect(await list.json()).toEqual(expect.any(Array));

      const byEmail = await recorder.fetch(`${base}/v1/end_users/nps2%40example.com?lookup_by_email=true`, { headers: auth });
      expect(byEmail.status).toBe(200);

      const tooDeep = await recorder.fetch(`${base}/v1/end_users?page=31`, { headers: auth });
      expect(tooDeep.status).toBe(400);

      const form = "emails%5B%5D=john%40example.com&emails%5B%5D=jane%40example.com&survey_immediately=true&survey_settings%5Bcustom_messages%5D%5Bfollowup_text%5D=Thank+you%21&end_user%5Bproperties%5D%5Bcampaign_name%5D=Spring";
      const survey = await recorder.fetch(`${base}/v1/email_survey`, { method: "POST", headers: { ...auth, "content-type": "application/x-www-form-urlencoded" }, body: form });
      expect(survey.status).toBe(200);

      const upload = new FormData();
      upload.set("csv", new Blob(["email,plan\njohn@example.com,Pro\n"], { type: "text/csv" }), "surveys.csv");
      upload.set("survey_immediately", "true");
      const csv = await recorder.fetch(`${base}/v1/email_survey_csv`, { method: "POST", headers: auth, body: upload });
      expect(csv.status).toBe(200);

      expect(recorder.violations().filter((exchange) => exchange.status < 400).map((exchange) => exchange.violations)).toEqual([]);
    } finally {
      child.kill("SIGINT");
      expect(await exited).toBe(0);
    }
  }, 180_000);
});
