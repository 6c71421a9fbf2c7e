// How @apis/cx is first used, for tools/pack-check: it packs the package, installs it outside the workspace and
// runs these calls from Node ESM and CJS and TypeScript; this row holds only what is this package's own.
import type { PackedUsage } from "@apis/faults/packed";

export const usage: PackedUsage = {
  args: '{ auth: { type: "token", accessToken: "token" } }',
  wrongArgs: '{ auth: { type: "bearer", token: "x" } }',
  types: `import { createClient, downloadFile, exchangeAuthorizationCode, filePath, uploadFile, type CurrentUser, type CxErrorType } from "@apis/cx";

const cx = createClient({ auth: { type: "token", accessToken: "token" }, clientId: "app" });

export async function correct(): Promise<CurrentUser | undefined> {
  const { data, error } = await cx.GET("/users/self");
  // A body that is not JSON comes as its text: only an object carries errorType.
  const errorType: CxErrorType | undefined = typeof error === "object" ? error?.errorType : undefined;
  await cx.POST("/files/mkdir/{filePath}", { params: { path: { filePath: filePath("self", "/photos") } } });
  const uploaded = await uploadFile(cx, filePath("self", "/photos/a.jpg"), new Blob(["x"]), { contentType: "image/jpeg" });
  const id: string = uploaded.id;
  const downloaded = await downloadFile(cx, filePath("self", "/photos/a.jpg"));
  const body: ReadableStream<Uint8Array> = downloaded.body;
  const { access_token } = await exchangeAuthorizationCode({ clientId: "app", clientSecret: "secret", code: "code", redirectUri: "https://app.example.com/cb" });
  void [errorType, id, body, access_token];
  return data;
}

export async function wrong(): Promise<void> {
  // @ts-expect-error an unknown path
  await cx.GET("/users/other");
  // @ts-expect-error a missing path parameter
  await cx.POST("/files/delete/{filePath}", {});
  // @ts-expect-error an upload needs file_content_type
  await cx.POST("/data/{filePath}", { params: { path: { filePath: "self:%2Fa" } }, body: { file: new Blob([]) } });
  // @ts-expect-error files are deleted with POST /files/delete, not DELETE
  await cx.DELETE("/data/{filePath}", { params: { path: { filePath: "self:%2Fa" } } });
  // @ts-expect-error CX takes only an access token
  createClient({ auth: { type: "bearer", token: "x" } });
  // @ts-expect-error the exchange needs the redirect URI the user was sent with
  await exchangeAuthorizationCode({ clientId: "app", clientSecret: "secret", code: "code" });
}
`,
  run: {
    proves: "exchanges a code, reads the profile, uploads and downloads a file",
    script: (base) => `import { createClient, downloadFile, exchangeAuthorizationCode, filePath, readAuthorizationCallback, uploadFile } from "@apis/cx";
const base = "${base}/1";
const { code } = readAuthorizationCallback("https://app.example.com/cb?auth_code=abc123&state=st-0123456789", { expectedState: "st-0123456789" });
const { access_token } = await exchangeAuthorizationCode({ clientId: "app", clientSecret: "secret", code, redirectUri: "https://app.example.com/cb", tokenUrl: base + "/oauth/token" });
const cx = createClient({ baseUrl: base, dataBaseUrl: base, auth: { type: "token", accessToken: access_token } });
const { data: user } = await cx.GET("/users/self");
const uploaded = await uploadFile(cx, filePath("self", "/notes.txt"), "the notes", { contentType: "text/plain" });
const downloaded = await downloadFile(cx, filePath("self", "/notes.txt"));
console.log(JSON.stringify({ user: user.profile.username, uploaded: uploaded.id, downloaded: await new Response(downloaded.body).text() }));
`,
    answer: ({ method, url, body }) => {
      const path = url.split("?")[0];
      if (path === "/1/data/self:%2Fnotes.txt" && method === "GET") return { type: "text/plain", body: "the notes" };
      if (path === "/1/oauth/token") return { body: { return_type: "json", access_token: "t0k3n", token_type: "bearer" } };
      if (path === "/1/users/self") return { body: { profile: { id: "l6hkZxxCEeGQ1BIBPQhmWA", username: "jane" } } };
      if (body.includes('name="file_content_type"\r\n\r\ntext/plain\r\n') && body.includes("the notes")) return { body: { id: "ZdvTGn0mEeG34xIFOBql1A", name: "notes.txt" } };
      return { status: 400, body: { errorType: "BadRequest", message: "unexpected request" } };
    },
    prints: { user: "jane", uploaded: "ZdvTGn0mEeG34xIFOBql1A", downloaded: "the notes" },
    seen: [
      `POST /1/oauth/token Basic ${btoa("app:secret")}`,
      "GET /1/users/self?access_token=t0k3n -",
      "POST /1/data/self:%2Fnotes.txt?access_token=t0k3n -",
      "GET /1/data/self:%2Fnotes.txt?access_token=t0k3n -",
    ],
  },
  bench: { options: (base) => ({ baseUrl: base, dataBaseUrl: base, auth: { type: "token", accessToken: "bench-token" } }), path: "/users/self", auth: "an access token sent as a query parameter" },
};
