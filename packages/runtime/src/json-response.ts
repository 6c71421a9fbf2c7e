import { redactText } from "./redact.js";

/** What {@link readJsonResponse} found: the response to hand on, or what the vendor sent instead of JSON. */
export type JsonCheck = { ok: true; response: Response } | { ok: false; snippet: string | undefined; contentType: string | undefined };

/**
 * Reads the body of a 2xx response to a JSON operation and checks that it parses. A good (or empty) body comes back
 * as an equivalent Response, same status, headers and URL, for openapi-fetch to parse; a blank body gets
 * `Content-Length: 0` so that it reads as no data rather than failing to parse. A bad one comes back as a short,
 * redacted snippet. Reading may throw like any body read (connection lost, aborted).
 *
 * @example
 * const checked = await readJsonResponse(response, [token]);
 * if (!checked.ok) throw new InvalidResponseError(`... ${checked.snippet}`);
 */
export async function readJsonResponse(response: Response, secrets: readonly string[] = []): Promise<JsonCheck> {
  const text = await response.text();
  const blank = text.trim() === "";
  if (!blank && !parses(text)) {
    return { ok: false, snippet: snippet(text, secrets), contentType: response.headers.get("content-type") ?? undefined };
  }
  // The constructor copies the headers, so only a blank body, whose headers change, needs a copy of its own.
  let headers = response.headers;
  if (blank) {
    headers = new Headers(headers);
    headers.set("Content-Length", "0");
    headers.delete("Transfer-Encoding");
  }
  const copy = new Response(blank ? null : text, { status: response.status, statusText: response.statusText, headers });
  // Callers read the final URL from the response (e.g. to build an error); a constructed Response has none.
  Object.defineProperty(copy, "url", { value: response.url, enumerable: true });
  Object.defineProperty(copy, "redirected", { value: response.redirected, enumerable: true });
  return { ok: true, response: copy };
}

/**
 * Whether a response to a JSON operation needs its body checked: a 2xx that may carry content.
 *
 * @example
 * if (needsJsonCheck(response, "GET")) await readJsonResponse(response);
 */
export function needsJsonCheck(response: Response, method: string): boolean {
  return response.ok && response.status !== 204 && response.status !== 205 && method !== "HEAD" && response.body !== null;
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function snippet(text: string, secrets: readonly string[]): string {
  // Redacting before cutting keeps a credential that straddles the cut from leaking its start; the first 64 KiB
  // are plenty for that and keep a huge error page from costing much.
  const oneLine = redactText(text.slice(0, 65_536), secrets).replace(/\s+/g, " ").trim();
  return oneLine.length > 200 ? `${oneLine.slice(0, 197)}...` : oneLine;
}
