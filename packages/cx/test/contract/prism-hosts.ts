import { createContractRecorder, type ContractRecorder, type PrismServer } from "@apis/prism";

/** The two CX hosts as the contract suite names them, so that the recorder shows which host each call went to. */
export const API_HOST = "api.cx.test";
export const DATA_HOST = "data.cx.test";

/**
 * A contract recorder whose client talks to two distinct hosts, `http://api.cx.test:<port>` and
 * `http://data.cx.test:<port>`, both answered by the one Prism mock: the recorder records each request as the client
 * sent it, then the request goes to Prism with only its host changed. Prism 5.16 matches paths without the servers'
 * base path (`/users/self`, not `/1/users/self`), so the suite's base URLs carry no `/1`.
 */
export function recorderForHosts(spec: string, prism: PrismServer): { recorder: ContractRecorder; baseUrl: string; dataUrl: string } {
  const mock = new URL(prism.url);
  const toPrism = (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    url.protocol = mock.protocol;
    url.host = mock.host;
    // The body is passed on as a stream, so Prism sees what the client sent, chunked if it was streamed.
    return fetch(url, { method: request.method, headers: request.headers, body: request.body, duplex: "half", signal: request.signal, redirect: "manual" } as RequestInit);
  };
  return {
    recorder: createContractRecorder(spec, toPrism as typeof fetch),
    baseUrl: `http://${API_HOST}:${mock.port}`,
    dataUrl: `http://${DATA_HOST}:${mock.port}`,
  };
}
