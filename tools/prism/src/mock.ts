import { startPrism, type PrismServer } from "./prism.ts";
import { readRegistry, type RegisteredApi } from "@apis/spec";

/** A running mock of one registered API, on its documented port. */
export interface VendorMock {
  api: string;
  /** Where a client points its base URL: Prism serves the spec's paths at its origin, without the server's path. */
  baseUrl: string;
  prism: PrismServer;
}

/** The registry entries of a vendor: the API of that name, or every API whose package is `@apis/<vendor>`. */
export function vendorApis(vendor: string, root?: string): RegisteredApi[] {
  const apis = [...readRegistry(root).values()];
  const matches = apis.filter((api) => api.name === vendor || (api.extensions["x-docs"] as { package?: string } | undefined)?.package === `@apis/${vendor}`);
  if (matches.length === 0) {
    const vendors = new Set(apis.map((api) => (api.extensions["x-docs"] as { package?: string } | undefined)?.package?.replace("@apis/", "") ?? api.name));
    throw new Error(`Unknown vendor "${vendor}": use one of ${[...vendors].join(", ")}`);
  }
  return matches;
}

/**
 * Starts the Prism mock of every API of a vendor on its fixed port (`x-mock-port` in redocly.yaml).
 *
 * @example
 * const mocks = await startVendorMocks("cmix"); // four Prisms, one per CMIX service
 */
export async function startVendorMocks(vendor: string, root?: string): Promise<VendorMock[]> {
  const mocks: VendorMock[] = [];
  try {
    for (const api of vendorApis(vendor, root)) {
      const port = api.extensions["x-mock-port"];
      if (typeof port !== "number") throw new Error(`redocly.yaml: API "${api.name}" has no x-mock-port`);
      const prism = await startPrism(api.root, { port });
      mocks.push({ api: api.name, baseUrl: prism.url, prism });
    }
  } catch (error) {
    await Promise.all(mocks.map((mock) => mock.prism.stop()));
    throw error;
  }
  return mocks;
}
