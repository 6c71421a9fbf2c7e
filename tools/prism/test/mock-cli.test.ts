import { createConnection } from "node:net";
import { basename } from "node:path";
import { vendorPackages } from "@apis/spec";
import { describe, expect, it } from "vitest";
import { vendorApis } from "../src/index.ts";
import { runMockCli } from "../src/mock-process.ts";

function listening(port: number): Promise<boolean> {
  return new Promise((resolveCheck) => {
    const socket = createConnection({ port, host: "127.0.0.1" });
    socket.once("connect", () => (socket.destroy(), resolveCheck(true)));
    socket.once("error", () => resolveCheck(false));
  });
}

// Vendors as redocly.yaml registers them: one with a single API, and one whose package holds several.
const vendors = vendorPackages().map((pkg) => ({ ...pkg, folder: basename(pkg.dir) }));
const single = vendors.find((vendor) => vendor.apis.length === 1)!;
const several = vendors.find((vendor) => vendor.apis.length > 1)!;

describe("pnpm mock <vendor>", () => {
  it("starts the vendor's mock on its documented port, prints the base URL and stops on Ctrl-C", async () => {
    const { child, port, output, exited } = await runMockCli(single.folder);
    expect(output()).toContain(`mock ${single.folder}: http://127.0.0.1:${port}`);
    // Prism answers: a path no spec has is a 404 from the mock itself, not a refused connection.
    expect((await fetch(`http://127.0.0.1:${port}/no-such-path`)).status).toBe(404);

    child.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(await listening(port)).toBe(false);
  }, 180_000);

  it("names the vendors it knows when given an unknown one", async () => {
    const { output, exited } = await runMockCli("nope", { waitUntilUp: false });
    expect(await exited).toBe(1);
    for (const vendor of vendors) expect(output()).toContain(vendor.folder);
    expect(output()).toMatch(/Unknown vendor "nope": use one of /);
  });

  it("prints its usage for --help and -h, starting nothing, and exits 0", async () => {
    for (const flag of ["--help", "-h"]) {
      const { output, exited } = await runMockCli(flag, { waitUntilUp: false });
      expect(await exited).toBe(0);
      expect(output()).toMatch(/^usage: pnpm mock <vendor>/);
      expect(output()).not.toContain("Unknown vendor");
    }
  });

  it("groups a vendor's APIs by its package, so one name starts all of them", () => {
    expect(vendorApis(several.folder).map((api) => api.name)).toEqual(several.apis);
  });

  it("finds a vendor's APIs by the API's own name", () => {
    const apis = vendorApis(single.folder);
    expect(apis.map((api) => api.name)).toEqual(single.apis);
    expect(vendorApis(apis[0]!.name)).toEqual(apis);
  });
});
