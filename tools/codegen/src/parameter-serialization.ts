import { isRecord } from "./registry.ts";
import type { Located, SpecDocument } from "./spec-document.ts";

/** What a schema may hold, as the serializers tell values apart: an object, an array, or one value. */
type Shape = { object: boolean; array: boolean; nested: boolean };

/**
 * Refuses a parameter the clients would send in another shape than the spec declares. The clients serialize parameters
 * as openapi-fetch does, whatever the spec says: query lists `form` and exploded (`ids=1&ids=2`), objects `deepObject`
 * (`date[start]=...`) one level deep, reserved characters percent-encoded; path and header values `simple`, objects not
 * exploded, no object in a header; no cookies at all. Where a style or `explode` changes nothing on the wire (one value
 * in the query, a path or a header; a `simple` list, which a header sends as `a, b` either way) it is not read. A
 * parameter declared otherwise would be typed, then sent in a shape the vendor does not read.
 * @example checkParameterSerialization(spec, "GET /a", [{ value: { name: "ids", in: "query", explode: false, schema: { type: "array" } }, file }])
 * // throws "GET /a: query parameter ids has style form, explode: false, but the clients send query lists ..."
 */
export function checkParameterSerialization(spec: SpecDocument, where: string, parameters: Located[]): void {
  for (const located of parameters) {
    const parameter = located.value;
    if (!isRecord(parameter)) continue;
    const problem = serializationProblem(parameter, shapeOf(spec, { value: parameter["schema"], file: located.file }));
    if (problem !== undefined) throw new Error(`${where}: ${String(parameter["in"])} parameter ${String(parameter["name"])} ${problem}`);
  }
}

/** What is wrong with how the parameter says it goes on the wire, or undefined when the clients send it that way. */
function serializationProblem(parameter: Record<string, unknown>, shape: Shape): string | undefined {
  const { in: location, style, explode } = parameter;
  const declared = `style ${String(style ?? (location === "query" ? "form" : "simple"))}${explode === undefined ? "" : `, explode: ${String(explode)}`}`;
  if (location === "cookie") return "is a cookie, which the clients never send (openapi-fetch drops params.cookie): send it as a header the client sets, or leave it out";
  if (parameter["content"] !== undefined) return "is described by content (a media type, such as JSON in the query), which the clients do not serialize: describe it with a schema";
  if (shape.nested) return "holds an object or a list inside a list or an object, which the clients cannot send (openapi-fetch throws): flatten it";
  if (location === "query") {
    if (parameter["allowReserved"] === true) return "has allowReserved: true, but the clients percent-encode reserved characters in query values";
    if (shape.object && (style !== "deepObject" || explode === false)) {
      return `is an object of ${declared}, but the clients send query objects as deepObject (name[key]=value): declare style: deepObject, explode: true`;
    }
    if (shape.array && ((style ?? "form") !== "form" || explode === false)) {
      return `is a list of ${declared}, but the clients send query lists form-exploded (name=a&name=b): declare style: form, explode: true`;
    }
    return undefined;
  }
  if (location === "header" && shape.object) return "is an object, which the clients would send as [object Object]: send its fields as headers of their own";
  if ((style !== undefined && style !== "simple") || (shape.object && explode === true)) {
    return `has ${declared}, but the clients send ${String(location)} values simple${shape.object ? ", objects not exploded (key,value,key,value)" : " (a,b)"}: leave style${shape.object ? " and explode" : ""} out`;
  }
  return undefined;
}

/** The shape of a parameter's schema, behind `$ref`s and through `allOf`, `oneOf` and `anyOf` (any member counts). */
function shapeOf(spec: SpecDocument, schema: Located, depth = 0): Shape {
  const { value, file } = spec.deref(schema);
  const shape: Shape = { object: false, array: false, nested: false };
  if (!isRecord(value) || depth > 8) return shape;
  const types = Array.isArray(value["type"]) ? value["type"] : [value["type"]];
  shape.object = types.includes("object") || (value["type"] === undefined && (isRecord(value["properties"]) || isRecord(value["additionalProperties"])));
  shape.array = types.includes("array") || (value["type"] === undefined && value["items"] !== undefined);
  const inner = [value["items"], ...(isRecord(value["properties"]) ? Object.values(value["properties"]) : []), value["additionalProperties"]];
  for (const member of inner) {
    const part = isRecord(member) ? shapeOf(spec, { value: member, file }, depth + 1) : undefined;
    if (part && (part.object || part.array)) shape.nested = true;
  }
  for (const keyword of ["allOf", "oneOf", "anyOf"]) {
    for (const member of Array.isArray(value[keyword]) ? value[keyword] : []) {
      const part = shapeOf(spec, { value: member, file }, depth + 1);
      shape.object ||= part.object;
      shape.array ||= part.array;
      shape.nested ||= part.nested;
    }
  }
  return shape;
}
