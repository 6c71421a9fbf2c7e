import { isSecretName, redactUrl } from "./redact.js";

/**
 * The values of a request body's fields named like a credential (`password`, `client_secret`, `refresh_token`, `code`,
 * ...), at any depth: an object's own fields, a class instance's (a DTO's) too, and what its toJSON gives, and those of
 * the objects and arrays in it (the form serializer writes them as `user[password]`), a form's names and each of their
 * bracket segments. Undefined when no field is named so. Such a request must not follow a redirect to another origin,
 * which `fetch` would do with the body, and what it sent is redacted from its errors, since the client holds no such
 * secret of its own: all but a boolean, null or number of up to 7 characters (`send_password_email: true`,
 * `token_ttl: 3600`), which redacted would break every `true` or `3600` of the error body, and its JSON. A longer run of digits is
 * a credential (a numeric token or password, written as a string in a form or a query): 8 characters and more are
 * rarely a setting.
 *
 * @example
 * bodyCredentials({ grant_type: "password", password: "p" }); // ["p"]
 * bodyCredentials({ user: { password: "p" } });              // ["p"]
 * bodyCredentials({ name: "billing" });                      // undefined
 */
export function bodyCredentials(body: unknown): string[] | undefined {
  const found: string[] = [];
  let named = false;
  // What was walked, kept apart for under a credential's name and not (where less is taken): a value met again is not
  // walked again, so a body whose fields point back at it is walked once, not once a path (2^32 times for two such
  // fields), and every value under it is walked from there. No depth bound: a body nested some 4 000 levels deep
  // overflows the stack here, a few hundred levels before JSON.stringify would.
  const seen = [new Set<unknown>(), new Set<unknown>()];
  const take = (value: unknown, secret: boolean): void => {
    const walked = seen[+secret]!;
    // Bytes (a Buffer, a typed array) name no field, and may be millions of numbers: not walked, nor taken as text.
    if (ArrayBuffer.isView(value) || walked.has(value)) return;
    walked.add(value);
    // Both what a toJSON gives (what JSON.stringify sends: a model's fields, a class's private ones, a Date's text) and
    // the value's own fields (what a form's serializer sends, which calls no toJSON).
    if (typeof (value as { toJSON?: unknown } | null)?.toJSON == "function") take((value as { toJSON(): unknown }).toJSON(), secret);
    if (Array.isArray(value)) for (const item of value) take(item, secret);
    // Any other object by its own fields, an instance of the caller's class (a DTO) too; a Map or a Blob has none.
    else if (value && typeof value == "object") {
      for (const [name, item] of Object.entries(value)) {
        const inSecret = secret || isSecretName(name);
        named ||= inSecret;
        take(item, inSecret);
      }
    } else if (secret && value !== undefined && !/^(true|false|null|[\d.+-]{0,7})$/.test(String(value))) found.push(String(value));
  };
  const form = typeof body === "string" ? new URLSearchParams(body) : body;
  // A form (URLSearchParams or FormData): a name, or any segment of a bracket-notation one (`user[code]`), named like a
  // credential. Not any body with a getAll method: an object with one is no form (and would not iterate as one). Blobs,
  // streams and byte arrays are sent as they are: nothing names a field.
  if (form instanceof URLSearchParams || (typeof FormData !== "undefined" && form instanceof FormData)) {
    for (const [name, value] of form as FormData) if (name.split(/[[\]]+/).some((part) => part && isSecretName(part))) take(value, (named = true));
  } else take(body, false);
  return named ? found : undefined;
}

/**
 * Whether a URL carries a credential in its query (a parameter named like one, e.g. `access_token`) or user info.
 *
 * @example
 * urlCarriesCredential("https://api.cx.com/1/users/self?access_token=abc"); // true
 */
export function urlCarriesCredential(url: string): boolean {
  const withoutFragment = url.split("#", 1)[0]!;
  // Most URLs have neither a query nor user info: nothing to parse.
  return /[?@]/.test(withoutFragment) && redactUrl(withoutFragment) !== withoutFragment;
}
