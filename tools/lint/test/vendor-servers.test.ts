import { vendorPackages } from "@apis/spec";
import { describe, expect, test } from "vitest";
import { packageSources, unmappedServers } from "../src/vendor-servers.ts";
import { REPO_ROOT } from "./repo-rules.ts";

describe("every spec server a vendor's operations name is mapped to one of its hosts", () => {
  test.each(vendorPackages(REPO_ROOT).map((pkg) => [pkg.name, pkg.dir] as const))("%s", (_, dir) => {
    const { generated, sources } = packageSources(dir);
    expect(unmappedServers(generated, sources)).toEqual([]);
  });

  test("reads a mapping keyed by the URL or by a constant holding it, and names a server mapped nowhere", () => {
    const generated = ['"/a": { get: { server: "https://data.example.com/1" } }, "/b": { post: { server: "https://auth.example.com" } }'];
    expect(unmappedServers(generated, ['const DATA = "https://data.example.com/1";', 'defaults: (_, hosts) => ({ servers: { [DATA]: hosts.dataBaseUrl, "https://auth.example.com": hosts.authBaseUrl } })'])).toEqual([]);
    // The data host's mapping left out: its operations would go to the spec's URL, whatever dataBaseUrl says.
    expect(unmappedServers(generated, ['const DATA = "https://data.example.com/1";', 'defaults: (_, hosts) => ({ servers: { "https://auth.example.com": hosts.authBaseUrl } })'])).toEqual(["https://data.example.com/1"]);
    // A constant of another URL maps nothing; no operation naming a server needs nothing.
    expect(unmappedServers(generated, ['const DATA = "https://data.example.com/2";', "servers: { [DATA]: x }"])).toEqual(["https://auth.example.com", "https://data.example.com/1"]);
    expect(unmappedServers(['"/a": { get: { security: [] } }'], [])).toEqual([]);
  });
});
