// The runtime matrix's scenario (tools/runtimes): packed, installed outside the workspace and run unchanged on Node 18,
// 20, 22 and 24, Bun, Deno and in Chromium, against the scripted server in ./routes.ts. Only the public entry point.
// CX documents no paged list: its streamed download, read chunk by chunk, stands in for paging.
import { ApiError, AuthenticationError, createClient, downloadFile, exchangeAuthorizationCode, filePath, uploadFile } from "@apis/cx";

const thrownBy = (error: unknown) => ({ name: (error as Error).name, isAuthenticationError: error instanceof AuthenticationError, isApiError: error instanceof ApiError });

/** Reads a stream to its end, counting the chunks. */
async function readAll(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += decoder.decode(chunk.value, { stream: true });
  return text + decoder.decode();
}

/** Runs every step against the server at `url` and returns what each step saw. */
export async function run(url: string) {
  const exchange = { clientId: "matrix-client", clientSecret: "matrix-secret", redirectUri: "https://app.example.com/cx/callback", tokenUrl: `${url}/oauth/token` };
  // The token: the authorization code exchanged with an urlencoded form body and Basic client authentication.
  const token = await exchangeAuthorizationCode({ ...exchange, code: "matrix-code" });
  const cx = createClient({ baseUrl: url, dataBaseUrl: url, auth: { type: "token", accessToken: token.access_token }, retryDelay: { baseMs: 1, maxMs: 5 } });
  // 503, then 200; typed by the spec.
  const self = await cx.GET("/users/self");
  const folder = await cx.POST("/files/mkdir/{filePath}", { params: { path: { filePath: filePath("self", "/photos") } } });
  const uploaded = await uploadFile(cx, filePath("self", "/photos/note.txt"), new Blob(["hello from the matrix"], { type: "text/plain" }));
  const download = await downloadFile(cx, filePath("self", "/photos/note.txt"));
  const missing = await downloadFile(cx, filePath("self", "/photos/gone.txt")).then(
    () => null,
    (error: unknown) => ({ status: (error as ApiError).status, errorType: ((error as ApiError).body as { errorType?: string } | undefined)?.errorType }),
  );
  const thrown = await exchangeAuthorizationCode({ ...exchange, code: "used-code", maxRetries: 0 }).then(() => null, thrownBy);
  return {
    self: self.data?.profile.username,
    folder: folder.data?.path,
    uploaded: uploaded.size,
    downloaded: { text: await readAll(download.body), contentType: download.contentType },
    missing,
    thrown,
  };
}
