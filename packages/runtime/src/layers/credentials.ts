import type { Authorizer, Credential } from "../auth.js";
import { urlCarriesCredential } from "../credential-bearing.js";
import { ApiError, AuthenticationError } from "../errors.js";
import { InputError } from "../input-error.js";
import { callError, throwIfAborted, type Call } from "./call.js";
import type { Layer } from "./layer.js";
import { cancelQuietly, isFormBody } from "../read-body.js";

async function credentialFor(authorizer: Authorizer, call: Call): Promise<Credential | undefined> {
  throwIfAborted(call);
  try {
    return await authorizer.get(call.signal);
  } catch (error) {
    throwIfAborted(call);
    // A token source of the caller's (its fetchToken, or its own getToken) may throw what its HTTP client made, holding
    // the request it sent (an axios error's config carries the client secret): carried as every foreign error is, as a
    // redacted copy. The runtime's own errors (an ApiError; an InputError, e.g. for a token no header carries) are
    // redacted already.
    throw error instanceof ApiError || error instanceof InputError ? error : callError(AuthenticationError, call, "got no access token.", { cause: error });
  }
}

// Leaves on the call what the attempt needs (see attemptInit): its URL, moved to carry a query credential; its
// Authorization header; whether it carries a credential, so follows redirects by hand; and its body, read once, since a
// Request cannot move to another URL, or be resent after a redirect, with its body stream. Synchronous unless the body
// must be read; the read stops when the caller aborts.
function withCredential(request: Request, credential: Credential | undefined, call: Call, purpose: string): Request | Promise<Request> {
  const query = (call.query = credential?.query);
  if (query) call.url = query(request.url);
  // Redacted from this call's errors whatever the list of known ones forgot meanwhile (a process with many clients).
  for (const secret of credential?.secrets ?? []) if (!call.secrets.includes(secret)) call.secrets.push(secret);
  // An Authorization header alone needs no care: fetch drops it on the way to another origin.
  call.manual = purpose === "token" || call.options.credentialBody === true || !!query || urlCarriesCredential(call.url);
  call.auth = credential?.header;
  if (call.moved !== undefined || !(call.manual || call.url !== request.url)) return request;
  if (!request.body) {
    call.moved = null;
    return request;
  }
  // Read within the caller's signal: a streamed body that stalls or never ends must not outlive an abort. Read from the
  // request itself, not a clone, so that an abort cancels it (a clone's branch alone would leave the source open); the
  // body is only ever sent from the copy read here. One fetch made of a FormData is read whole: cancelled, it would end
  // the process (see isFormBody).
  return (isFormBody(request.headers) ? request : new Response(request.body!.pipeThrough(new TransformStream(), { signal: call.signal }))).blob()
    // An abort meanwhile wins over the body read and over its failure.
    .finally(() => throwIfAborted(call))
    .then((body) => {
      call.moved = body;
      return request;
    });
}

/**
 * The credentials layer: puts the call's credential on each attempt, as an `Authorization` header (bearer, Basic,
 * OAuth 2) or a query parameter that replaces one of the same name; both are left on the call and sent with the
 * attempt (see `attemptInit`), never written into the caller's request. The caller's own Authorization header wins over
 * a header credential. With OAuth 2, a 401 invalidates the rejected token and the request is sent once more with a
 * fresh one (the token source makes concurrent refreshes one request); a second 401 is returned. A token source that
 * fails with anything but an `ApiError` or `InputError` fails the call with an `AuthenticationError`, its cause a
 * redacted copy. A request that carries a credential in its URL or body (`purpose: "token"`, `credentialBody`, query
 * auth) is marked for the redirect layer and gets `redirect: "manual"`; its body is read once, since it may have to
 * move or be resent.
 * User middleware sees each attempt as one Request with its credential.
 *
 * @example
 * const layer = credentialsLayer(createAuthorizer({ type: "bearer", token }), "api");
 */
export function credentialsLayer(authorizer: Authorizer, purpose: "api" | "token"): Layer {
  return async (request, next, call) => {
    const own = request.headers.get("authorization");
    // The caller's own Authorization header (client-wide or one call's) is as secret as ours: what follows its scheme
    // (after a space or a tab, both of which fetch sends) is redacted from the call's errors, since a server may echo it
    // bare. Not one under 6 characters: `Bearer ${token}` of a token left unset (null, true, false) holds no credential,
    // and redacting that word out of an error body's raw JSON made it unreadable. (With no header, `own` is null, which
    // exec reads as the text "null": too short to match.) It also means no token of ours to refresh.
    call.secrets.push(...(/\S{6,}$/.exec(own!) ?? []));
    const authenticate = call.options.authenticate !== false && !(authorizer.location === "header" && own);
    let reauthenticated = !authenticate || !authorizer.invalidate;
    let credential = authenticate ? await credentialFor(authorizer, call) : undefined;
    // A token is never empty (a header could not carry one): only a credential without one (Basic, query) has none.
    const refreshes = (response: Response) => !reauthenticated && response.status === 401 && !!credential?.token;
    call.drops.push(refreshes);
    try {
      // A 401 means the server did not act, so resending is safe for every method; once, so a revoked grant cannot loop.
      const first = await next(await withCredential(reauthenticated || !request.body ? request : request.clone(), credential, call, purpose), call);
      if (!refreshes(first)) return first;
      reauthenticated = true;
      cancelQuietly(first.body);
      authorizer.invalidate!(credential!);
      credential = await credentialFor(authorizer, call);
      return await next(await withCredential(request, credential, call, purpose), call);
    } finally {
      // This layer runs again for each retry: once over, an attempt claims no 401 of a later one, which is read like any error.
      call.drops.splice(call.drops.indexOf(refreshes), 1);
    }
  };
}
