import { describe, expect, it } from "vitest";
import { setQueryParam, splitUrl } from "../src/url.js";

describe("url", () => {
  it("splits a URL at its first ? and at the first # after it, whatever the parts hold", () => {
    expect(splitUrl("/v1/items?page=2#top")).toEqual(["/v1/items", "page=2", "#top"]);
    expect(splitUrl("https://h/p")).toEqual(["https://h/p", undefined, ""]);
    expect(splitUrl("https://h/p?")).toEqual(["https://h/p", "", ""]);
    expect(splitUrl("https://h/p#a?b=1")).toEqual(["https://h/p", undefined, "#a?b=1"]);
    expect(splitUrl("https://h/p?a=1?b=2#c#d")).toEqual(["https://h/p", "a=1?b=2", "#c#d"]);
    expect(splitUrl("https://h/p\n?a=\n1#x\ny")).toEqual(["https://h/p\n", "a=\n1", "#x\ny"]);
    expect(splitUrl("")).toEqual(["", undefined, ""]);
  });

  it("sets a query parameter in place, keeping the rest of the URL as written", () => {
    expect(setQueryParam("https://h/p?a=%20&access_token=old#f", "access_token", "new")).toBe("https://h/p?a=%20&access_token=new#f");
    expect(setQueryParam("https://h/p#f", "k", "v w")).toBe("https://h/p?k=v%20w#f");
    // A URL with no query, or an empty one, gets the parameter alone.
    expect(setQueryParam("https://h/p", "access_token", "t")).toBe("https://h/p?access_token=t");
    expect(setQueryParam("https://h/p?#f", "access_token", "t")).toBe("https://h/p?access_token=t#f");
    expect(setQueryParam("https://h/p?&", "access_token", "t")).toBe("https://h/p?access_token=t");
  });

  // A vendor's parameter name may hold characters a query reserves ("api key", "key[]", "a&b"): written raw, it would
  // name another parameter, or two.
  it("writes a name with reserved characters percent-encoded, and replaces it so written", () => {
    expect(setQueryParam("https://h/p?a=1", "api key&x", "t")).toBe("https://h/p?a=1&api%20key%26x=t");
    expect(setQueryParam("https://h/p?key%5B%5D=old", "key[]", "new")).toBe("https://h/p?key%5B%5D=new");
  });

  it("replaces a parameter of that name however the URL encodes it, as the server decodes it, and drops the others", () => {
    expect(setQueryParam("https://h/p?access%5Ftoken=old&a=1&access+token=x&access_token=again", "access_token", "new")).toBe(
      "https://h/p?access_token=new&a=1&access+token=x",
    );
  });
});
