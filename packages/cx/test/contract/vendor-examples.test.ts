// What the vendor's own doc (specs/cx/sources/cx-api-getting-started.txt, copied verbatim) shows must agree with
// the spec and the client: its JSON examples validate against the schemas the spec declares, and its URLs, IDs,
// file paths and callbacks are ones the spec and the helpers accept.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { readSpec, registeredApi } from "@apis/prism";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { AUTHORIZE_URL, AuthorizationDeniedError, parseFilePath, readAuthorizationCallback, TOKEN_URL } from "../../src/index.js";
import { caught } from "@apis/faults/leak-watch";

const specPath = registeredApi("cx").root;
const spec = readSpec(specPath) as {
  servers: { url: string }[];
  paths: Record<string, Record<string, unknown>>;
  components: { parameters: { FilePath: { schema: { pattern: string } } }; schemas: { Uuid: { pattern: string } } };
};
const doc = readFileSync(join(dirname(specPath), "sources", "cx-api-getting-started.txt"), "utf8");
const lines = doc.split("\n");

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema(spec, "spec");
const TOKEN_RESPONSE = "spec#/paths/~1oauth~1token/post/responses/200/content/application~1json/schema";
const ERROR_BODY = "spec#/components/schemas/Error";

interface DocBlock {
  line: number;
  /** The doc section the block sits in, which says what it is an example of. */
  section: string;
  text: string;
}

/** The doc's JSON blocks: from a line starting with `{` to the line that balances it. */
function jsonBlocks(): DocBlock[] {
  const blocks: DocBlock[] = [];
  let section = "";
  for (let start = 0; start < lines.length; start++) {
    if (/^(Authentication|Error Handling|Important Types|API Requests)$/.test(lines[start]!)) section = lines[start]!;
    if (!lines[start]!.startsWith("{")) continue;
    let depth = 0;
    let end = start;
    for (; end < lines.length; end++) {
      for (const char of lines[end]!.replace(/"(?:[^"\\]|\\.)*"/g, '""')) depth += char === "{" ? 1 : char === "}" ? -1 : 0;
      if (depth === 0) break;
    }
    blocks.push({ line: start + 1, section, text: lines.slice(start, end + 1).join("\n") });
    start = end;
  }
  return blocks;
}

/** The doc's error-format block writes its keys unquoted (`errorType : "..."`); everything else is strict JSON. */
function parseBlock(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return JSON.parse(text.replace(/^(\s*)([A-Za-z_]\w*)\s*:/gm, '$1"$2":'));
  }
}

const blocks = jsonBlocks();

describe("the vendor doc's JSON examples", () => {
  it("are all found: the token response and the two error bodies", () => {
    expect(blocks.map((block) => `${block.line} ${block.section}`)).toEqual(["59 Authentication", "92 Error Handling", "97 Error Handling"]);
  });

  it.each(blocks.map((block) => [`line ${block.line}`, block] as const))("validates the example at %s against the spec", (_name, block) => {
    const validate = ajv.getSchema(block.section === "Authentication" ? TOKEN_RESPONSE : ERROR_BODY)!;
    const valid = validate(parseBlock(block.text));
    expect(valid ? [] : validate.errors).toEqual([]);
  });
});

describe("the vendor doc's URLs, IDs, paths and callbacks", () => {
  it("calls GET /users/self on the spec's default server, https://api.cx.com/1", () => {
    expect(doc).toContain("https://api.cx.com/1/users/self?access_token=");
    expect(spec.servers[0]?.url).toBe("https://api.cx.com/1");
    expect(spec.paths["/users/self"]?.get).toBeDefined();
  });

  it("uses the authorize and token URLs the client defaults to", () => {
    expect(doc).toContain(`${AUTHORIZE_URL}?client_id=[CLIENT_ID]&redirect_uri=[RedirectURI]`);
    expect(doc).toContain(`'${TOKEN_URL}'`);
    expect(TOKEN_URL).toBe(`${spec.servers[0]?.url}/oauth/token`);
    expect(spec.paths["/oauth/token"]?.post).toBeDefined();
  });

  it("shows UUIDs (and a UUID path) that the spec's UUID pattern accepts", () => {
    const uuid = new RegExp(spec.components.schemas.Uuid.pattern);
    const [owner, object] = "l6hkZxxCEeGQ1BIBPQhmWA:ZdvTGn0mEeG34xIFOBql1A".split(":");
    expect(doc).toContain(`Example:\nl6hkZxxCEeGQ1BIBPQhmWA:ZdvTGn0mEeG34xIFOBql1A`);
    expect([owner, object].every((id) => uuid.test(id!))).toBe(true);
  });

  it.each(["l6hkZxxCEeGQ1BIBPQhmWA:%2Fphotos%2F2353.jpg", "self:%2Fphotos%2F2353.jpg"])(
    "shows the file path %s, which parseFilePath reads and the spec's pattern accepts once decoded",
    (example) => {
      expect(doc).toContain(example);
      const { owner, path } = parseFilePath(example);
      expect(path).toBe("/photos/2353.jpg");
      expect(new RegExp(spec.components.parameters.FilePath.schema.pattern).test(`${owner}:${path}`)).toBe(true);
    },
  );

  // The doc's example sends no state (it never mentions one), so its callback is read with the check skipped.
  it("redirects back with auth_code, which readAuthorizationCallback reads, or with deny=true, which it reports as a denial", async () => {
    const approved = /https:\/\/\[yourapp\.com\/somePath\]\?(auth_code=\w+)/.exec(doc)?.[1];
    expect(readAuthorizationCallback(`https://app.example.com/somePath?${approved}`, { expectedState: null }).code).toBe("hn2wkyxqu2ab8uhv2zvhpfxz");
    expect(doc).toContain("?deny=true");
    expect(await caught(() => readAuthorizationCallback("https://app.example.com/somePath?deny=true", { expectedState: null }))).toBeInstanceOf(AuthorizationDeniedError);
  });
});

describe("the spec's citations of the vendor doc", () => {
  // x-source and x-guess name the doc's sections as SEED-CX 'Section' or 'Section: Subsection': a reader looks them up
  // by those words, so each must be a heading of the doc as it is (one cited as 'Errors', which the doc calls 'Error
  // Handling', could not be found).
  const cited = [...readFileSync(specPath, "utf8").matchAll(/SEED-CX '([^'\n]+)'/g)].map((match) => match[1]!);

  it("are there to check", () => {
    expect(cited.length).toBeGreaterThanOrEqual(5);
  });

  it.each([...new Set(cited)])("name headings the doc has: %s", (section) => {
    expect(section.split(": ").filter((heading) => !lines.some((line) => line.trim() === heading))).toEqual([]);
  });
});
