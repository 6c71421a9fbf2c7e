import { describeValue, InputError, isFieldObject } from "./input-error.js";
import { joinsWhole, multipart } from "./multipart.js";

/** Options of {@link toMultipartFormData}. */
export interface MultipartOptions {
  /**
   * File name of a part made from a bare Blob (a File keeps its own name): a name, or a function of the part's key.
   * Default `"blob"`. Vendors often name the upload after it, so it is worth setting in Node 18, which has no File.
   */
  filename?: string | ((key: string, blob: Blob) => string) | undefined;
}

type Entry = [key: string, value: string | Blob];

// Number#toString switches to exponent notation beyond 1e21 and below 1e-6, which form parsers read as text. A boolean
// or bigint has no exponent: it comes back as String() writes it.
function toDecimal(value: number): string {
  // The fraction may be missing; the sign matches, perhaps as "".
  return String(value).replace(/^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/, (_, sign: string, first: string, fraction = "", exponent: string) => {
    const digits = first + fraction;
    return +exponent >= 0 ? sign + digits.padEnd(+exponent + 1, "0") : `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  });
}

function flatten(value: Record<string, unknown>, allowBlobs: boolean): Entry[] {
  if (!isFieldObject(value)) {
    throw new InputError("body", `A form body must be a plain object, got ${describeValue(value)}`);
  }
  const entries: Entry[] = [];
  // Ancestors only, not every object seen: the same object may legitimately appear twice side by side.
  const ancestors: unknown[] = [value];

  const visit = (field: unknown, key: string, path: string, inArray: boolean): void => {
    if (field === undefined) return;
    // null as empty, `true`/`false`, a bigint's digits, a number written out in full. (No undefined reaches the test: its
    // `u` only makes it the path check's own, see params.ts, which a bundle's gzip then stores once.)
    if (field === null || /^(st|n|b|u)/.test(typeof field)) {
      if (typeof field === "number" && !Number.isFinite(field)) throw new InputError("body", `Form field ${path} is ${field}: send a finite number or null`);
      return void entries.push([key, field === null ? "" : typeof field === "string" ? field : toDecimal(field as number)]);
    }
    // From here on an object, a function or a symbol: the last two are refused below as no plain object.
    if (field instanceof Date) {
      if (isNaN(field as unknown as number)) throw new InputError("body", `Form field ${path} is an invalid Date`);
      return void entries.push([key, field.toISOString()]);
    }
    if (typeof Blob !== "undefined" && field instanceof Blob) {
      if (!allowBlobs) throw new InputError("body", `Form field ${path} is a file, which only a multipart body can carry`);
      return void entries.push([key, field]);
    }
    if (ancestors.includes(field)) throw new InputError("body", `Form field ${path} refers back to one of its parents`);
    ancestors.push(field);
    if (Array.isArray(field)) {
      // Rack and qs have no notation for a[][] or for a list mixing scalars and hashes: both would be misread.
      if (inArray) throw new InputError("body", `Form field ${path} is an array inside an array, which bracket notation cannot express`);
      const kinds = new Set(field.filter((item) => item !== undefined).map((item) => (isFieldObject(item) ? "object" : "scalar")));
      if (kinds.size > 1) throw new InputError("body", `Form field ${path} mixes objects and scalars, which bracket notation cannot express`);
      field.forEach((item, index) => visit(item, `${key}[]`, `${path}[${index}]`, true));
    } else if (isFieldObject(field)) {
      // Arrays last: Rack starts the next hash of a list at a key the last one has, and never at a `[]` key.
      for (const [name, item] of Object.entries(field).sort((a, b) => +Array.isArray(a[1]) - +Array.isArray(b[1]))) visit(item, `${key}[${name}]`, `${path}[${name}]`, false);
    } else {
      throw new InputError("body", `Form field ${path} is ${describeValue(field)}: send a plain object, array or string`);
    }
    ancestors.pop();
  };

  for (const [name, field] of Object.entries(value)) visit(field, name, name, false);
  return entries;
}

/**
 * Encodes an object as `multipart/form-data` as {@link toMultipartFormData} does, written as a Blob (see `multipart`)
 * whose type is the Content-Type with its boundary: a client's multipart operations send their bodies so. A Blob part
 * is typed as the Blob is (else `application/octet-stream`) and named as the File is, else by `nameOf`, else `"blob"`.
 * A Blob that cannot be read fails the request, as a FormData's does not in Node 24 (it ends the process). In Bun, whose
 * Blob leaves a file's bytes out of a Blob made of it and other parts (see `joinsWhole`), the body is a FormData.
 *
 * @example
 * const body = multipartBody({ file: new Blob([csv], { type: "text/csv" }) }, () => "q3.csv");
 * await fetch(url, { method: "POST", body }); // Content-Type: multipart/form-data; boundary=...
 */
export function multipartBody(value: Record<string, unknown>, nameOf?: (key: string, blob: Blob) => string | undefined): Blob | FormData {
  const entries = flatten(value, true);
  // In Bun, a file's Blob would be left out of the body (see joinsWhole): there its FormData writes it.
  if (entries.some(([, field]) => typeof field != "string" && !joinsWhole(field))) return multipartFormData(value, nameOf);
  const { pieces, type } = multipart<Blob>(
    entries.map((entry) => {
      const [name, field] = entry;
      // A File's name (a Blob of another kind may have a "name" that is no string: nameOf's, as FormData would).
      const own = (field as { name?: unknown }).name;
      return typeof field == "string" ? (entry as [string, string]) : [name, field, (typeof own == "string" && own) || nameOf?.(name, field) || "blob", field.type || "application/octet-stream"];
    }),
  );
  return new Blob(pieces, { type });
}

/**
 * Encodes an object as `application/x-www-form-urlencoded` in the Rails/qs bracket notation: `a[b][c]=v` for nested
 * objects, `a[]=1&a[]=2` for arrays of scalars, `a[][k]=v&a[][j]=w` for arrays of objects. Booleans become
 * `true`/`false`, numbers plain decimals, bigints their digits, Dates ISO 8601, null an empty value; an object's arrays
 * go after its other fields (Rack starts the next item of `a[]` only at a key the last item has); undefined keys
 * and empty arrays or objects are left out. Anything else (functions, symbols, non-finite numbers, Blobs, Maps,
 * cycles, arrays of arrays) throws an InputError on `body` naming the key.
 *
 * @example
 * toFormUrlEncoded({ user: { email: "a@b.c", tags: ["x", "y"] }, active: true });
 * // "user%5Bemail%5D=a%40b.c&user%5Btags%5D%5B%5D=x&user%5Btags%5D%5B%5D=y&active=true"
 */
export function toFormUrlEncoded(value: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, field] of flatten(value, false)) params.append(key, field as string);
  return params.toString();
}

/**
 * Encodes an object as `multipart/form-data` in the same bracket notation as {@link toFormUrlEncoded}, with Blob
 * and File values as file parts. Send the result without a Content-Type header: the platform adds the boundary.
 * In Node 24 a FormData ends the process when one of its Blobs cannot be read (an `fs.openAsBlob` file that
 * changed): {@link multipartBody} writes the same body as a Blob, whose read error fails the request instead.
 *
 * @example
 * const form = toMultipartFormData({ import: { name: "Q3" }, file: new Blob([csv], { type: "text/csv" }) }, { filename: "q3.csv" });
 */
export function toMultipartFormData(value: Record<string, unknown>, options: MultipartOptions = {}): FormData {
  return multipartFormData(value, (key, blob) => (typeof options.filename === "function" ? options.filename(key, blob) : options.filename));
}

/**
 * {@link toMultipartFormData} with the file name of a bare Blob's part from `nameOf` (left out or undefined: `"blob"`),
 * as the multipart encoder (`multipart`) of a vendor that cannot afford {@link multipartBody}'s bytes: in Node 24 its
 * calls end the process when a Blob cannot be read.
 *
 * @example
 * const form = multipartFormData({ file: new Blob([csv]) });
 */
export function multipartFormData(value: Record<string, unknown>, nameOf?: (key: string, blob: Blob) => string | undefined): FormData {
  const form = new FormData();
  for (const [key, field] of flatten(value, true)) {
    // File is global only from Node 20; a Blob with a string name is what FormData treats as a File anyway.
    if (typeof field === "string") form.append(key, field);
    else form.append(key, field, typeof (field as { name?: unknown }).name === "string" ? (field as File).name : (nameOf?.(key, field) ?? "blob"));
  }
  return form;
}

/**
 * Whether a value is a plain object (an object literal or `Object.create(null)`), not an array, Date, Blob or class
 * instance: {@link isFieldObject}, which takes an object literal from another realm (a vm context, a test runner's) too.
 *
 * @example
 * isPlainObject({ a: 1 }); // true
 * isPlainObject(new Date()); // false
 */
export const isPlainObject: (value: unknown) => value is Record<string, unknown> = isFieldObject;

