import { isPlainObject } from "./form.js";
import { isSecretName, redactUrl } from "./redact.js";

/**
 * Whether a request body, before serialization, holds a field named like a credential (`password`,
 * `client_secret`, `refresh_token`, `code`, ...): a plain object's keys, a form's names. Such a request must not
 * follow a redirect to another origin, which `fetch` would do with the body.
 *
 * @example
 * bodyNamesCredential({ grant_type: "password", password: "..." }); // true
 * bodyNamesCredential({ name: "billing" });                         // false
 */
export function bodyNamesCredential(body: unknown): boolean {
  let names: Iterable<string>;
  if (typeof body === "string") names = new URLSearchParams(body).keys();
  else if (body instanceof URLSearchParams || (typeof FormData !== "undefined" && body instanceof FormData)) names = body.keys();
  else if (isPlainObject(body)) names = Object.keys(body);
  // Blobs, streams and byte arrays are sent as they are: nothing names a field in them.
  else return false;
  for (const name of names) if (isSecretName(name)) return true;
  return false;
}

/**
 * Whether a URL carries a credential in its query (a parameter named like one, e.g. `access_token`) or user info.
 *
 * @example
 * urlCarriesCredential("https://api.cx.com/1/users/self?access_token=abc"); // true
 */
export function urlCarriesCredential(url: string): boolean {
  // Most URLs have neither a query nor user info: nothing to parse.
  if (!url.includes("?") && !url.includes("@")) return false;
  const withoutFragment = url.split("#", 1)[0]!;
  return redactUrl(withoutFragment) !== withoutFragment;
}
