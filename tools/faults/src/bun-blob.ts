/**
 * Runs `body` with the global `Blob` behaving as Bun's does (oven-sh/bun#25851): a Blob made of `file` and other parts
 * leaves `file` out, its bytes and its size alike, as Bun does with a file's Blob (`Bun.file`, `fs.openAsBlob`).
 * `instanceof Blob` still holds for every Blob. The global is restored afterwards.
 *
 * @example
 * await asInBun(file, () => uploadFile(cx, path, file));
 */
export async function asInBun<T>(file: Blob, body: () => Promise<T>): Promise<T> {
  const NodeBlob = globalThis.Blob;
  class BunBlob extends NodeBlob {
    static override [Symbol.hasInstance](value: unknown): boolean {
      return value instanceof NodeBlob;
    }
    constructor(parts: BlobPart[] = [], options?: BlobPropertyBag) {
      super(parts.length > 1 ? parts.filter((part) => part !== file) : parts, options);
    }
  }
  globalThis.Blob = BunBlob;
  try {
    return await body();
  } finally {
    globalThis.Blob = NodeBlob;
  }
}
