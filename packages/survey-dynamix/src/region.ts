import { fieldError, shown } from "@apis/runtime";

/**
 * The regions an account can live in (spec: `servers`, the `region` variable). us1 is the bare host; the others are
 * `https://{region}.surveydynamix.com`. Sources: dyvenia/viadot's mapping and its unit test (us1-us3, ca1, eu1, au1);
 * the vendor's newer reference for `demo`.
 */
export const REGIONS = ["us1", "us2", "us3", "ca1", "eu1", "au1", "demo"] as const;
/** One of {@link REGIONS}. */
export type Region = (typeof REGIONS)[number];

/**
 * Options with the region's hosts filled in where the caller gave none; a host given explicitly wins over the region.
 *
 * @example
 * withRegion({ region: "au1", auth }); // { region: "au1", auth, baseUrl: "https://au1.surveydynamix.com/api", oauthBaseUrl: ... }
 */
export function withRegion<O extends { region?: Region | undefined; baseUrl?: string | undefined; oauthBaseUrl?: string | undefined; oauthUrl?: string | undefined }>(options: O): O {
  // A JavaScript caller's null region reads as none, as every null option does.
  if (typeof options !== "object" || options === null || options.region == null) return options;
  const hosts = regionHosts(options.region);
  return { ...options, baseUrl: options.baseUrl ?? hosts.baseUrl, oauthBaseUrl: options.oauthBaseUrl ?? options.oauthUrl ?? hosts.oauthBaseUrl };
}

/**
 * The API and OAuth hosts of a region. The OAuth endpoints are taken to be regional like the API: the vendor does not
 * say, and a token from another region's server would not work on the account's host (a guess, marked as such in the
 * spec's `/oauth/token` servers).
 *
 * @example
 * regionHosts("eu1"); // { baseUrl: "https://eu1.surveydynamix.com/api", oauthBaseUrl: "https://eu1.surveydynamix.com" }
 */
export function regionHosts(region: unknown): { baseUrl: string; oauthBaseUrl: string } {
  // includes compares strictly: nothing but one of the strings is a region.
  if (!(REGIONS as readonly unknown[]).includes(region)) {
    throw fieldError("region", `must be one of ${REGIONS.join(", ")} (the host you log in to; us1 is surveydynamix.com), got ${shown(region)}`);
  }
  const host = `https://${region === "us1" ? "" : `${region}.`}surveydynamix.com`;
  return { baseUrl: `${host}/api`, oauthBaseUrl: host };
}
