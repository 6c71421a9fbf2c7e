import { checkSecureUrl } from "./secure-url.js";

/**
 * A checker that refuses a request URL that is plain http other than loopback (see `checkSecureUrl`), remembering
 * up to 16 origins already found secure. Only a URL's scheme and host decide, and a Request's URL is absolute and
 * normalized, so the part before its path is parsed and checked once, then recognised by its prefix.
 *
 * @example
 * const checkOrigin = checkSecureOrigin();
 * checkOrigin(request.url); // throws an InputError for http://api.example.com/...
 */
export function checkSecureOrigin(): (url: string) => void {
  const secureOrigins: string[] = [];
  return (url) => {
    for (const origin of secureOrigins) if (url.startsWith(origin) && url.charCodeAt(origin.length) === 47 /* "/" */) return;
    checkSecureUrl(url, "url");
    const pathAt = url.indexOf("/", url.indexOf("//") + 2);
    if (pathAt > 0 && secureOrigins.length < 16) secureOrigins.push(url.slice(0, pathAt));
  };
}
