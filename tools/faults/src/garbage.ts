import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

// `gc` without `--expose-gc` on the command line: the flag set at run time, and the function taken from a new context.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/**
 * Forces garbage collections and lets finalizers (FinalizationRegistry callbacks, the platform's own) run after each,
 * for `rounds` rounds or until `done()` says so. For tests of what survives a collection, or what a collection frees.
 * @example await collectGarbage(() => getEventListeners(signal, "abort").length === 0);
 */
export async function collectGarbage(done: () => boolean = () => false, rounds = 20): Promise<void> {
  for (let round = 0; round < rounds && !done(); round++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * What `promise` came to within `ms`: its value, the error it rejected with, or `late` if it had not settled by then.
 * A wait a test bounds this way fails with a clear message instead of at the test's timeout.
 * @example expect(await settledWithin(reader.read(), 5_000, "still reading")).toMatchObject({ message: "stopped" });
 */
export async function settledWithin(promise: Promise<unknown>, ms: number, late: string): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise((resolve) => (timer = setTimeout(resolve, ms, late)));
  try {
    return await Promise.race([promise.catch((error: unknown) => error), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Reads a stream to its end and resolves how many bytes it gave.
 * @example expect(await settledWithin(byteLength(body), 5_000, "not read in full")).toBe(1024);
 */
export async function byteLength(stream: ReadableStream<Uint8Array>): Promise<number> {
  const reader = stream.getReader();
  let length = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) length += chunk.value.byteLength;
  return length;
}
