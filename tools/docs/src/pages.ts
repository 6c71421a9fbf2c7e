// The site's two page templates. Plain HTML with local assets only: the browser test fails on any other host.

export interface ApiSummary {
  name: string;
  title: string;
  package: string;
  auth: string[];
  operations: number;
  /** Why the package has no client yet; the row then shows no install line. */
  pending?: string;
}

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char]!);

const STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#222}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:.5rem;text-align:left;vertical-align:top}
code{font-family:ui-monospace,Menlo,Consolas,monospace;background:#f4f4f4;padding:.1rem .3rem;border-radius:3px}`;

/** The index: the vendor table with package, install line, auth methods, operation count and links. */
export function indexPage(apis: ApiSummary[]): string {
  const rows = apis
    .map(
      (api) => `<tr data-api="${escape(api.name)}">
  <td><a href="${escape(api.name)}/">${escape(api.title)}</a></td>
  <td><code>${escape(api.package)}</code><br>${api.pending ? `<em class="pending">Client pending: ${escape(api.pending)}</em>` : `<code>npm install ${escape(api.package)}</code>`}</td>
  <td>${api.auth.map(escape).join("<br>")}</td>
  <td class="operations">${api.operations}</td>
  <td><a href="${escape(api.name)}/">Reference</a> · <a href="${escape(api.name)}/openapi.json">OpenAPI</a></td>
</tr>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>API clients</title><style>${STYLE}</style></head>
<body>
<h1>Typed API clients</h1>
<p>One typed <code>fetch</code> client per vendor, generated from a hand-written OpenAPI spec. Every operation page shows the call through our client.</p>
<table>
<thead><tr><th>API</th><th>Package</th><th>Auth</th><th>Operations</th><th>Links</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</body>
</html>
`;
}

/**
 * One API's reference: Redoc, served from ../assets, reading the bundled spec next to the page. `sanitize`: a spec's
 * Markdown may hold HTML (text copied from a vendor's page), which Redoc would otherwise insert as it is, event
 * handlers included; sanitized, it is shown without them.
 */
export function apiPage(api: ApiSummary): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escape(api.title)} · API reference</title>
<style>body{margin:0}</style></head>
<body>
<div id="redoc"></div>
<script src="../assets/redoc.standalone.js"></script>
<script>
Redoc.init("openapi.json", { sanitize: true, expandResponses: "200,201", payloadSampleIdx: 1, hideHostname: false, sortPropsAlphabetically: false, theme: { typography: { fontFamily: "system-ui, sans-serif", headings: { fontFamily: "system-ui, sans-serif" }, code: { fontFamily: "ui-monospace, Menlo, Consolas, monospace" } } } }, document.getElementById("redoc"));
</script>
</body>
</html>
`;
}
