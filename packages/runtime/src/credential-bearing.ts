import { isPlainObject } from "./form.js";
import { isSecretName, redactUrl } from "./redact.js";

/**
 * Whether a request body, before serialization, holds a field named like a credential (`password`,
 * `client_secret`, `refresh_token`, `code`, ...) at any depth: a plain object's keys and those of the objects and
 * arrays in it (the form serializer writes them as `user[password]`), a form's names and each of their bracket
 * segments. Such a request must not follow a redirect to another origin, which `fetch` would do with the body.
 *
 * @example
 * bodyNamesCredential({ grant_type: "password", password: "..." }); // true
 * bodyNamesCredential({ user: { password: "..." } });               // true
 * bodyNamesCredential({ name: "billing" });                         // false
 */
export function bodyNamesCredential(body: unknown): boolean {
  if (typeof body === "string") return namesCredential(new URLSearchParams(body).keys());
  if (body instanceof URLSearchParams || (typeof FormData !== "undefined" && body instanceof FormData)) return namesCredential(body.keys());
  // Blobs, streams and byte arrays are sent as they are: nothing names a field in them.
  return holdsCredentialName(body, 0);
}

// A form name, or any segment of a bracket-notation one (`user[code]`), named like a credential.
function namesCredential(names: Iterable<string>): boolean {
  for (const name of names) if (name.split(/[[\]]+/).some((part) => part !== "" && isSecretName(part))) return true;
  return false;
}

// Deeper than a body nests in practice, and a cycle ends here rather than overflowing the stack.
const MAX_DEPTH = 32;

function holdsCredentialName(value: unknown, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  if (Array.isArray(value)) return value.some((item) => holdsCredentialName(item, depth + 1));
  if (!isPlainObject(value)) return false;
  for (const [name, item] of Object.entries(value)) if (isSecretName(name) || holdsCredentialName(item, depth + 1)) return true;
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
