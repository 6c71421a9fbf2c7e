// Every option the client's type declares is taken: the object below must name each (the type makes it whole), and
// the call must reach the wire through all of them, none refused as an option the client does not take.
import { everyRuntimeOption, expectEveryOptionTaken } from "@apis/faults/bad-input";
import { it } from "vitest";
import { createClient, type ClientOptions } from "../../src/index.js";

it("takes every option ClientOptions declares", async () => {
  await expectEveryOptionTaken((fetch, lines) => {
    const every: Required<ClientOptions> = {
      ...everyRuntimeOption(fetch, lines),
      auth: { type: "token", accessToken: "at-every" },
      baseUrl: "https://api.mock.test/1",
      dataBaseUrl: "https://data.mock.test/1",
      // The deprecated name with the same URL: with another, the two would be refused together.
      dataUrl: "https://data.mock.test/1",
      clientId: "app",
    };
    return createClient(every).GET("/users/self");
  });
});
