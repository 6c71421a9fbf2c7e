import { describe, expect, it } from "vitest";
import type { CallInit } from "@apis/runtime";
import { cxCallHooks } from "../../src/operation-defaults.js";

// The hooks read each operation's entry as codegen writes it: an entry without a security list takes every scheme the
// spec declares, access token included (codegen leaves out a list that names them all).
describe("cxCallHooks' client_id", () => {
  const hooks = cxCallHooks({ clientId: "app-1", clientAccept: false });
  const queryOf = (meta: object | undefined) => (hooks.prepare!({ params: { query: { a: 1 } } } as CallInit, { method: "get", path: "/x", meta } as never).params as { query: object }).query;

  it.each<[string, object]>([
    ["names the access token", { security: ["accessToken"], response: "json" }],
    ["names no list, so takes every scheme", { response: "json" }],
  ])("is added to an operation whose entry %s", (_, meta) => {
    expect(queryOf(meta)).toEqual({ client_id: "app-1", a: 1 });
  });

  it.each<[string, object | undefined]>([
    ["takes only the application's Basic scheme", { security: ["clientBasic"], response: "json" }],
    ["takes no credentials", { security: [], response: "json" }],
    ["is not in the spec", undefined],
  ])("is not added to an operation that %s", (_, meta) => {
    expect(queryOf(meta)).toEqual({ a: 1 });
  });
});
