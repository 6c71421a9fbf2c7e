// Compile-time tests of what raw calls resolve, checked by `pnpm typecheck`: the types say what the runtime gives.
import { expectTypeOf } from "vitest";
import { uploadFile, type components, type CxClient } from "../../src/index.js";

declare const cx: CxClient;

// An error status whose body is not JSON (a proxy's 502 page, an empty 404) comes as its text, not as `{ errorType, message }`.
export async function errorBodiesMayBeText(): Promise<void> {
  const { error } = await cx.GET("/users/self");
  expectTypeOf(error).toEqualTypeOf<components["schemas"]["Error"] | string | undefined>();
}

// uploadFile takes what it sends: any view of an ArrayBuffer is sent as its bytes (test/unit/upload.test.ts).
export function uploadsTakeEveryByteView(): void {
  void uploadFile(cx, "self:%2Fa.bin", new Uint8Array([1]));
  void uploadFile(cx, "self:%2Fa.bin", new DataView(new ArrayBuffer(2)));
  void uploadFile(cx, "self:%2Fa.bin", new Int16Array([0x4241]));
  // @ts-expect-error a number is no content
  void uploadFile(cx, "self:%2Fa.bin", 42);
}
