#!/usr/bin/env node
// `pnpm mock <vendor>`: the vendor's Prism mocks on their documented ports until Ctrl-C.
import { startVendorMocks } from "./mock.ts";

const vendor = process.argv[2];
if (!vendor || vendor === "--help" || vendor === "-h") {
  // Asked for, the usage goes to stdout with exit 0; missing, to stderr with exit 2 (like `pnpm contract:live`).
  (vendor ? console.log : console.error)(`usage: pnpm mock <vendor>   (e.g. pnpm mock wootric-cxi)
Starts the vendor's Prism mocks (one per API of its package in redocly.yaml) on their fixed ports (x-mock-port),
prints their base URLs and runs until Ctrl-C.`);
  process.exit(vendor ? 0 : 2);
}
try {
  const mocks = await startVendorMocks(vendor);
  for (const mock of mocks) console.log(`mock ${mock.api}: ${mock.baseUrl}`);
  console.log("Ctrl-C stops the mocks.");
  const stop = async () => {
    await Promise.all(mocks.map((mock) => mock.prism.stop()));
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
