import { describe, expect, it } from "vitest";
import { ApiError, createTransport } from "../src/index.js";
import { expectNoSecrets } from "./helpers.js";

const TOKEN = "bearer-secret-token";

async function thrownByFetch(make: (request: Request) => unknown): Promise<unknown> {
  const send = createTransport({ maxRetries: 0, auth: { type: "bearer", token: TOKEN }, fetch: async (input: RequestInfo | URL, init?: RequestInit) => Promise.reject(make(new Request(input, init))) });
  return send(new Request("https://api.example.com/a")).catch((error: unknown) => error);
}

// An error whose getter throws an error of its own that quotes the Authorization header.
function throwingGetter(field: string) {
  return (request: Request) =>
    Object.defineProperty(new Error("request failed"), field, {
      get: () => {
        throw new Error(`cannot render ${request.headers.get("authorization")}`);
      },
    });
}

describe("an error a fetch throws whose own getters throw", () => {
  it.each(["message", "stack", "name", "code", "cause"])("reaching its %s throws no credential at the caller: the caller gets the client's error", async (field) => {
    const error = await thrownByFetch(throwingGetter(field));
    expectNoSecrets(error);
    expect(error).toBeInstanceOf(ApiError);
  });

  it("a Proxy of an error whose get trap throws leaves no credential in what the caller gets", async () => {
    const error = await thrownByFetch(
      (request) =>
        new Proxy(new Error("request failed"), {
          get: (target, key) => {
            if (key === "message") throw new Error(`cannot render ${request.headers.get("authorization")}`);
            return Reflect.get(target, key);
          },
        }),
    );
    expectNoSecrets(error);
    expect(error).toBeInstanceOf(ApiError);
  });

  it("a thrown object whose getter throws leaves no credential in what the caller gets", async () => {
    const error = await thrownByFetch((request) => ({
      get detail(): string {
        throw new Error(`cannot render ${request.headers.get("authorization")}`);
      },
    }));
    expectNoSecrets(error);
    expect(error).toBeInstanceOf(ApiError);
  });
});
