import { createContractRecorder, type ContractRecorder, type ContractTarget } from "@apis/prism";

/** The two CX hosts as the contract suite names them, so that the recorder shows which host each call went to. */
export const API_HOST = "api.cx.localhost";
export const DATA_HOST = "data.cx.localhost";

const API_SERVER = "https://api.cx.com/1";
const DATA_SERVER = "https://data.cx.com/1";

/** Where the client points: the two hosts, each on the port of the target's Prism for it. */
export function hostUrls(target: ContractTarget): { baseUrl: string; dataBaseUrl: string } {
  return {
    baseUrl: `http://${API_HOST}:${new URL(target.servers[API_SERVER]!).port}`,
    dataBaseUrl: `http://${DATA_HOST}:${new URL(target.servers[DATA_SERVER]!).port}`,
  };
}

/**
 * A contract recorder whose client talks to two distinct hosts (see {@link hostUrls}), `http://api.cx.localhost:<port>` and
 * `http://data.cx.localhost:<port>`: the recorder records each request as the client sent it, then the request goes to
 * the target's Prism for that host (one mock for both, or one live proxy each) with only its host changed. Prism
 * matches paths without the servers' base path (`/users/self`, not `/1/users/self`), so the URLs carry no `/1`.
 */
export function recorderForHosts(spec: string, target: ContractTarget): ContractRecorder {
  const apiPrism = new URL(target.servers[API_SERVER]!);
  const dataPrism = new URL(target.servers[DATA_SERVER]!);
  const toPrism = (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const prism = url.hostname === DATA_HOST ? dataPrism : apiPrism;
    url.protocol = prism.protocol;
    url.host = prism.host;
    // The body is passed on as a stream, so Prism sees what the client sent, chunked if it was streamed.
    return fetch(url, { method: request.method, headers: request.headers, body: request.body, duplex: "half", signal: request.signal, redirect: "manual" } as RequestInit);
  };
  return createContractRecorder(spec, toPrism as typeof fetch);
}
