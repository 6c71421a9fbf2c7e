import { describe, expect, it } from "vitest";
import { createOAuth2TokenSource, InputError, type Logger } from "../src/index.js";
import { observedClient } from "./fixtures.js";
import { fakeFetch, json, networkError, SECRETS } from "./helpers.js";

function recordingLogger() {
  const lines: { message: string; fields: Record<string, unknown> | undefined }[] = [];
  const logger: Logger = { debug: (message, fields) => lines.push({ message, fields }) };
  return { logger, lines, text: () => lines.map((line) => `${line.message} ${JSON.stringify(line.fields)}`) };
}

function expectNoSecretIn(texts: string[]): void {
  for (const text of texts) for (const secret of SECRETS) expect(text, `a log line leaks ${secret}`).not.toContain(secret);
}

describe("logger", () => {
  it("gets one line per attempt with method, redacted URL, status, attempt number and duration", async () => {
    const log = recordingLogger();
    const { client } = observedClient((_, __, index) => (index === 0 ? json({}, { status: 503 }) : json({ id: 1 })), {
      auth: { type: "query", name: "access_token", value: "query-secret-value" },
      logger: log.logger,
    });
    await client.GET("/items");
    expect(log.lines).toHaveLength(2);
    expect(log.lines[0]?.message).toMatch(/^GET https:\/\/api\.example\.com\/items\?access_token=\[redacted\] -> 503 \(attempt 1, \d+ ms\)$/);
    expect(log.lines[1]?.fields).toMatchObject({ method: "GET", status: 200, attempt: 2, purpose: "api" });
    expect(typeof log.lines[1]?.fields?.durationMs).toBe("number");
    expectNoSecretIn(log.text());
  });

  it("names the network error of an attempt that got no response", async () => {
    const log = recordingLogger();
    const { client } = observedClient(
      (_, __, index) => {
        if (index === 0) throw networkError("ECONNRESET");
        return json({});
      },
      { logger: log.logger },
    );
    await client.GET("/items");
    expect(log.lines[0]?.fields).toMatchObject({ attempt: 1, error: expect.stringContaining("ECONNRESET") });
    expect(log.lines[0]?.message).toContain("failed:");
  });

  it("logs each token request without the credentials or the token it returns", async () => {
    const log = recordingLogger();
    const fake = fakeFetch(() => json({ access_token: "at-secret-1", refresh_token: "rt-secret-1", expires_in: 3600 }));
    const tokens = createOAuth2TokenSource({
      tokenUrl: "https://auth.example.com/oauth/token",
      grant: { type: "password", username: "ana", password: "hunter2-password" },
      fetch: fake.fetch,
      logger: log.logger,
    });
    await tokens.getToken();
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]?.message).toMatch(/^token request POST https:\/\/auth\.example\.com\/oauth\/token -> 200/);
    expect(log.lines[0]?.fields).toMatchObject({ purpose: "token" });
    expectNoSecretIn(log.text());
  });

  it("a logger that throws does not fail the request", async () => {
    const { client } = observedClient(() => json({ id: 1 }), {
      logger: {
        debug() {
          throw new Error("disk full");
        },
      },
    });
    const { data } = await client.GET("/items");
    expect(data).toEqual({ id: 1 });
  });

  it("an async logger whose debug rejects neither fails the request nor leaves a rejection unhandled", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      let calls = 0;
      const { client } = observedClient(() => json({ id: 1 }), {
        logger: {
          debug: async () => {
            calls++;
            throw new Error("log server down");
          },
        },
      });
      const { data } = await client.GET("/items");
      expect(data).toEqual({ id: 1 });
      expect(calls).toBe(1);
      // Node reports unhandled rejections after the microtask queue drains: give it a macrotask turn.
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  it.each([
    ["an object without debug", {}],
    ["null", null],
    ["a string", "console"],
    ["an object whose debug is no function", { debug: "yes" }],
  ])("a logger that is %s is refused at creation, naming what it must be", (_, logger) => {
    expect(() => observedClient(() => json({}), { logger: logger as unknown as Logger })).toThrow(InputError);
    expect(() => observedClient(() => json({}), { logger: logger as unknown as Logger })).toThrow(/^logger must be an object with debug\(message, fields\), e\.g\. console$/);
  });

  it("the debug package's default export, a function whose debug is itself, is refused: it would log nothing", () => {
    // createDebug(namespace) makes a logger and writes nothing: each line would be taken as a namespace.
    const createDebug = Object.assign((_namespace: string) => () => {}, { debug: undefined as unknown });
    createDebug.debug = createDebug;
    expect(() => observedClient(() => json({}), { logger: createDebug as unknown as Logger })).toThrow(/^logger must be an object with debug\(message, fields\), e\.g\. console$/);
  });
});
