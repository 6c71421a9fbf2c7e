// What a live run's test files print is redacted in the suite's own process too, before vitest hands it to its
// reporter: a token the run obtains (from the vendor's token endpoint) is in no environment variable, so
// `pnpm contract:live`, which redacts everything it prints, cannot know it; the runtime, which obtained it here, does.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { StringDecoder } from "node:string_decoder";
import { pathToFileURL } from "node:url";
import { format, inspect } from "node:util";
import { readRegistry } from "@apis/spec";
import { aroundAll, aroundEach, TestRunner, type RunnerTestSuite } from "vitest";
import { liveCredentialNames } from "./live.ts";
import { liveRedactor } from "./live-redact.ts";

/** The values of every credential the registry names for live runs (x-contract-live.env) that this run was given. */
function liveSecrets(): string[] {
  return liveCredentialNames([...readRegistry().values()]).flatMap((name) => process.env[name] || []);
}

// Every credential the runtime holds or obtained in this process, read from the one file of @apis/runtime that lists
// them (its entry does not export it, so that no client can): the same module the suite's clients use, by its path.
const runtime = dirname(createRequire(import.meta.url).resolve("@apis/runtime/package.json"));
const { knownSecrets } = (await import(pathToFileURL(join(runtime, "dist", "known-secrets.js")).href)) as { knownSecrets(): string[] };

let redactor: ((text: string) => string) | undefined;

/**
 * `text` redacted as `pnpm contract:live` redacts what it prints, and of every credential the runtime holds or
 * obtained in this process (`redactText` knows them), a piece of one that a quotation cut off included.
 *
 * @example
 * redactLive(`issued ${token}`); // "issued [redacted]"
 */
export function redactLive(text: string): string {
  return (redactor ??= liveRedactor(liveSecrets(), knownSecrets))(text);
}

/**
 * Registers, for the test file being collected, the redaction of what its failures and its output show: each error of
 * a test once the test is over (its afterEach and onTestFailed hooks too), with its annotations and why it was skipped,
 * and of the hooks (around hooks too) of the file and of each describe block in it, before vitest reports it, as of an
 * error that fails the file as it is collected; every console call and every text written to the process's stdout and
 * stderr, a line at a time; and every error nothing handled (an unhandled rejection, an uncaught exception).
 *
 * @example
 * if (liveContract()) redactLiveOutput();
 */
export function redactLiveOutput(): void {
  // vitest sends a test's errors to its reporter as plain objects of strings (message, stack, diff, actual, expected
  // and any field of the error), made as the test failed, with the reason it was skipped (the reporter prints it beside
  // the test, as it does an annotation, which is sent as it is made). A line the test began on stdout or stderr and
  // did not end is written out as it ends, as it is when its file does.
  aroundEach(async (runTest, { task, annotate }) => {
    Object.assign(task.context, { annotate: (message: string, ...rest: []) => annotate(redactLive(message), ...rest) });
    await runTest();
    writeHeld();
    redactEach(task.result);
  });
  // A file's own beforeAll or afterAll fails the file, not a test: its errors are the file's. A describe block's fail
  // the block, which vitest reports as soon as it is done, before the file is: each block is wrapped as the file is,
  // before it runs (a file-level aroundAll wraps the file alone). (vitest takes the second parameter for the fixtures
  // to set up, and only as a pattern.)
  aroundAll(async (runSuite, {}, file) => {
    for (const suite of [file, ...blocksIn(file)]) {
      const hooks = TestRunner.getSuiteHooks(suite);
      // What a suite's own aroundEach or aroundAll throws fails the test or suite once every other wrapper is done: it
      // is redacted as it is thrown. (Wrapping this one, running already, changes nothing.)
      for (const list of [hooks.aroundEach, hooks.aroundAll]) list.forEach((hook, at) => (list[at] = redactingThrown(hook)));
      if (suite !== file) hooks.aroundAll.push(redactingErrors);
    }
    await redactingErrors(runSuite, file);
    writeHeld();
  });
  // An error while the file is collected (its top-level code, a describe block's callback) fails it before any hook
  // runs: vitest sets it on the file, where it is redacted as it is set.
  const { file } = TestRunner.getCurrentSuite();
  let result = file.result;
  Object.defineProperty(file, "result", { configurable: true, enumerable: true, get: () => result, set: (value) => void redactEach((result = value)) });
  // Once per process, however many files wrap it.
  if (WRAPPED in console) return;
  const { log } = console;
  for (const level of ["log", "info", "warn", "error", "debug", "trace", "dir", "dirxml"] as const) {
    const original = console[level] as (...args: unknown[]) => void;
    console[level] = (...args: unknown[]) => {
      // dir writes an inspection of its one argument, with its own options, through no other method; dirxml is log
      // under another name (table, assert, count, group and timeLog call log or warn).
      const text = level === "dir" ? inspect(args[0], { customInspect: false, ...(args[1] as object) }) : format(...args);
      const clean = redactLive(text);
      if (clean === text) original.apply(console, args);
      else (level === "dir" ? log : original).call(console, "%s", clean);
    };
  }
  // What a test writes to the process's own streams goes to contract:live without passing vitest's console, and may
  // come in pieces.
  const held = [process.stdout, process.stderr].map(holdLines);
  for (const event of ["unhandledRejection", "uncaughtException"] as const) process.on(event, reportRedacted(event));
  const flush = () => held.forEach((write) => write());
  // vitest ends its worker with SIGTERM, which fires no "exit": what is held is written out first, and the signal then
  // does what it would have done.
  process.on("exit", flush).on("SIGTERM", function ended() {
    flush();
    process.off("SIGTERM", ended);
    if (process.listenerCount("SIGTERM") === 0) process.kill(process.pid, "SIGTERM");
  });
  Object.defineProperty(console, WRAPPED, { value: flush });
}

/** Writes out, redacted, the line that a test began on stdout or stderr and did not end (see holdLines). */
function writeHeld(): void {
  (console as unknown as Record<symbol, () => void>)[WRAPPED]!();
}

/**
 * Has `stream` write whole lines only, each redacted, so that a credential written in pieces (a token sliced, a body
 * streamed as it arrives) is redacted whole, as contract:live redacts the lines it reads; bytes are read as UTF-8, as it
 * reads them. What follows the last line break waits for the next one, or for the function returned, which writes it
 * out (at the end of each test and file, and as the process exits).
 */
function holdLines(stream: NodeJS.WriteStream): () => void {
  const write = stream.write;
  const decoder = new StringDecoder("utf8");
  let held = "";
  stream.write = ((chunk: string | Uint8Array, encoding?: BufferEncoding | WriteDone, done?: WriteDone) => {
    const callback = typeof encoding === "function" ? encoding : done;
    const text = decoder.write(typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? encoding : "utf8") : chunk);
    // Only the new text is searched for a line break, as contract:live does (a long line would cost its square).
    const end = text.lastIndexOf("\n") + 1;
    if (end === 0) {
      held += text;
      if (callback) process.nextTick(callback);
      return true;
    }
    const lines = held + text.slice(0, end);
    held = text.slice(end);
    return write.call(stream, redactLive(lines), "utf8", callback);
  }) as typeof write;
  return () => {
    const rest = held + decoder.end();
    held = "";
    if (rest) write.call(stream, redactLive(rest));
  };
}

type WriteDone = (error?: Error | null) => void;

/**
 * A listener that has vitest report each `event` (an error nothing handled) redacted. vitest reports one only when its
 * own listener is the process's one for the event ("Unhandled Errors", and the run fails): this one, beside it, hands
 * it a redacted copy alone. When the suite listens too, vitest leaves the error to it, and so does this.
 */
function reportRedacted(event: "unhandledRejection" | "uncaughtException"): (thrown: unknown, ...rest: unknown[]) => void {
  const listener = (thrown: unknown, ...rest: unknown[]) => {
    if (process.listenerCount(event) !== 2) return;
    process.off(event, listener);
    try {
      (process.emit as (event: string, ...args: unknown[]) => boolean)(event, redactedThrown(thrown), ...rest);
    } finally {
      process.on(event, listener);
    }
  };
  return listener;
}

/** `hook` (an aroundEach or aroundAll of the suite's), failing with what it throws redacted (see redactedThrown). */
function redactingThrown<Hook extends (...args: never[]) => unknown>(hook: Hook): Hook {
  const redacting = async (...args: Parameters<Hook>) => {
    try {
      return await hook(...args);
    } catch (thrown) {
      throw redactedThrown(thrown);
    }
  };
  // With vitest's marks on the hook: its timeout, and where it was registered.
  return Object.assign(redacting, hook) as unknown as Hook;
}

/**
 * `thrown` where it shows no credential, and otherwise a redacted copy of it (see plainCopy), for vitest to report in
 * its place. Only then a copy: vitest tells some errors apart by their class (a test skipped from a hook).
 */
function redactedThrown(thrown: unknown): unknown {
  if (typeof thrown === "string") return redactLive(thrown);
  const copy = plainCopy(thrown);
  if (!redactEach(copy)) return thrown;
  // vitest reports each error of an AggregateError on its own, and the error itself otherwise.
  return thrown instanceof AggregateError ? Object.setPrototypeOf(copy, AggregateError.prototype) : copy;
}

/**
 * A copy of `value` in plain objects and arrays, as vitest makes one of an error to send (with every property, inherited
 * ones too, such as `name` from Error.prototype), which can be redacted in place without changing what the suite holds.
 */
function plainCopy(value: unknown, seen = new Map<object, unknown>()): unknown {
  // Bytes stay as they are: vitest reports a Buffer or typed array by its length alone.
  if (typeof value !== "object" || value === null || ArrayBuffer.isView(value)) return value;
  if (seen.has(value)) return seen.get(value);
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
  seen.set(value, copy);
  if (Array.isArray(value)) {
    for (const item of value) (copy as unknown[]).push(plainCopy(item, seen));
    return copy;
  }
  for (let from: object | null = value; from !== null && from !== Object.prototype; from = Object.getPrototypeOf(from)) {
    for (const key of Object.getOwnPropertyNames(from)) {
      if (Object.hasOwn(copy, key)) continue;
      try {
        (copy as Record<string, unknown>)[key] = plainCopy((value as Record<string, unknown>)[key], seen);
      } catch {
        // A getter that throws is left out, as vitest would have shown only that it could not read it.
      }
    }
  }
  return copy;
}

const WRAPPED = Symbol.for("@apis/prism redacts the console");

/** Runs a suite (a file or a describe block), then redacts the errors of its own beforeAll and afterAll. */
async function redactingErrors(runSuite: () => Promise<void>, suite: Readonly<RunnerTestSuite>): Promise<void> {
  await runSuite();
  redactEach(suite.result?.errors);
}

/** Every describe block in `suite`, however deep. */
function blocksIn(suite: Readonly<RunnerTestSuite>): RunnerTestSuite[] {
  return suite.tasks.flatMap((task) => (task.type === "suite" ? [task, ...blocksIn(task)] : []));
}

/**
 * Redacts every string in `value` (and every key), in place: vitest made these objects for its report. Whether it
 * redacted anything.
 */
function redactEach(value: unknown, seen = new WeakSet<object>()): boolean {
  if (typeof value !== "object" || value === null || seen.has(value)) return false;
  seen.add(value);
  const fields = value as Record<string, unknown>;
  let redacted = false;
  for (const key of Object.keys(fields)) {
    const item = fields[key];
    const [name, clean] = [redactLive(key), typeof item === "string" ? redactLive(item) : item];
    if (name !== key) delete fields[key];
    fields[name] = clean;
    redacted = redactEach(item, seen) || redacted || name !== key || clean !== item;
  }
  return redacted;
}
