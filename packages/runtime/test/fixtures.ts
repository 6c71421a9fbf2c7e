import { createApiClient, type ClientOptions, type OperationTable } from "../src/index.js";
import { fakeFetch, type Handler } from "./helpers.js";

// A small spec in the shape openapi-typescript generates, with the operation table the generator would emit for it.

type NoParams = { query?: never; header?: never; path?: never; cookie?: never };
type Json<T> = { headers: { [name: string]: unknown }; content: { "application/json": T } };
type Failure = { headers: { [name: string]: unknown }; content: { "application/json": { message: string } } };

export interface Item {
  id: number;
  name: string;
}

export interface paths {
  "/items": {
    parameters: NoParams;
    get: {
      parameters: { query?: { page?: number; per_page?: number }; header?: never; path?: never; cookie?: never };
      requestBody?: never;
      responses: { 200: Json<Item[]>; default: Failure };
    };
    put?: never;
    post: {
      parameters: NoParams;
      requestBody: { content: { "application/json": { name: string } } };
      responses: { 201: Json<Item>; default: Failure };
    };
    delete?: never;
    options: { parameters: NoParams; requestBody?: never; responses: { 204: { headers: { [name: string]: unknown }; content?: never } } };
    head: { parameters: NoParams; requestBody?: never; responses: { 200: { headers: { [name: string]: unknown }; content?: never } } };
    patch?: never;
    trace?: never;
  };
  "/items/{id}": {
    parameters: { query?: never; header?: never; path: { id: number }; cookie?: never };
    get?: never;
    put: {
      parameters: { query?: never; header?: never; path: { id: number }; cookie?: never };
      requestBody: { content: { "application/json": { name: string } } };
      responses: { 200: Json<Item>; default: Failure };
    };
    post?: never;
    delete: {
      parameters: { query?: never; header?: never; path: { id: number }; cookie?: never };
      requestBody?: never;
      responses: { 204: { headers: { [name: string]: unknown }; content?: never }; default: Failure };
    };
    options?: never;
    head?: never;
    patch: {
      parameters: { query?: never; header?: never; path: { id: number }; cookie?: never };
      requestBody: { content: { "application/json": { name?: string } } };
      responses: { 200: Json<Item>; default: Failure };
    };
    trace?: never;
  };
  "/forms": {
    parameters: NoParams;
    get?: never;
    put?: never;
    post: {
      parameters: NoParams;
      requestBody: { content: { "application/x-www-form-urlencoded": Record<string, unknown> } };
      responses: { 200: Json<{ ok: boolean }>; default: Failure };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/uploads": {
    parameters: NoParams;
    get?: never;
    put?: never;
    post: {
      parameters: NoParams;
      requestBody: { content: { "multipart/form-data": { file: Blob; meta?: { title?: string } } } };
      responses: { 201: Json<{ ok: boolean }>; default: Failure };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/public/status": {
    parameters: NoParams;
    get: { parameters: NoParams; requestBody?: never; responses: { 200: Json<{ up: boolean }> } };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/oauth/token": {
    parameters: NoParams;
    get?: never;
    put?: never;
    post: {
      parameters: NoParams;
      requestBody: { content: { "application/x-www-form-urlencoded": { grant_type: string } } };
      responses: { 200: Json<{ access_token: string }>; default: Failure };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/files/{id}": {
    parameters: { query?: never; header?: never; path: { id: number }; cookie?: never };
    get: {
      parameters: { query?: never; header?: never; path: { id: number }; cookie?: never };
      requestBody?: never;
      responses: { 200: { headers: { [name: string]: unknown }; content: { "application/octet-stream": Blob } }; default: Failure };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/exports.csv": {
    parameters: NoParams;
    get: { parameters: NoParams; requestBody?: never; responses: { 200: { headers: { [name: string]: unknown }; content: { "text/csv": string } } } };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/reports": {
    parameters: NoParams;
    get: { parameters: NoParams; requestBody?: never; responses: { 200: Json<{ rows: number }> } };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}

export const operations: OperationTable = {
  "/items": {
    get: { operationId: "listItems", auth: true, response: "json" },
    post: { operationId: "createItem", requestBody: "json", auth: true, response: "json" },
    options: { operationId: "itemsOptions", auth: true },
    head: { operationId: "itemsHead", auth: true },
  },
  "/items/{id}": {
    put: { operationId: "replaceItem", requestBody: "json", auth: true, response: "json" },
    delete: { operationId: "deleteItem", auth: true },
    patch: { operationId: "updateItem", requestBody: "json", auth: true, response: "json" },
  },
  "/forms": { post: { operationId: "submitForm", requestBody: "form", auth: true, response: "json" } },
  "/uploads": { post: { operationId: "upload", requestBody: "multipart", auth: true, response: "json" } },
  "/files/{id}": { get: { operationId: "downloadFile", auth: true, response: "binary" } },
  "/exports.csv": { get: { operationId: "exportCsv", auth: true, response: "text" } },
  "/public/status": { get: { operationId: "status", auth: false, response: "json" } },
  "/oauth/token": { post: { operationId: "token", requestBody: "form", auth: false, server: "https://auth.example.com", response: "json" } },
  "/reports": { get: { operationId: "reports", auth: true, server: "https://reports.example.com/v2", response: "json" } },
};

export const BASE_URL = "https://api.example.com";

/** An observed client over the fixture spec: bearer auth, near-instant backoff, every request recorded in `calls`. */
export function observedClient(handler: Handler, options: Partial<ClientOptions> = {}) {
  const fake = fakeFetch(handler);
  const client = createApiClient<paths>({
    baseUrl: BASE_URL,
    operations,
    auth: { type: "bearer", token: "bearer-secret-token" },
    fetch: fake.fetch,
    retryDelay: { baseMs: 1, maxMs: 5 },
    ...options,
  });
  return { client, calls: fake.calls };
}
