// A raw call's stream (`parseAs: "stream"`, a large list read as it comes) dropped unread must let its Response go, so
// that the platform cancels the body and frees the connection.
import { itLetsDroppedStreamsGo } from "@apis/faults/dropped-streams";
import { createClient } from "../../src/index.js";

itLetsDroppedStreamsGo(
  "an end-user list",
  "application/json",
  (url) => createClient({ baseUrl: url, auth: { type: "token", accessToken: "wmTok-dropped-1" } }),
  (wootric) => wootric.GET("/v1/end_users", { parseAs: "stream" }),
);
