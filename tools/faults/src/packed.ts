// Test-only: the shape of the row each public package gives tools/pack-check (in its test/package/packed.ts), so
// that pack-check holds the one procedure and each package only what is its own. Here, below both, because
// pack-check depends on every package and a package cannot depend on pack-check.

/** A request as the local server saw it, for {@link PackedRun.answer}. */
export interface PackedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  /** The body, read as latin1 (a multipart upload stays byte for byte). */
  body: string;
}

/** A run of the installed package from a Node ESM script against a local server. */
export interface PackedRun {
  /** What the run proves, as the end of a test name: "exchanges a code, reads the profile, uploads and downloads a file". */
  proves: string;
  /** The script; `base` is the local server's origin, `http://127.0.0.1:<port>`. It prints one JSON value. */
  script(base: string): string;
  /** The same run as a CommonJS script, where the package's CJS build must behave the same. */
  scriptCommonJs?(base: string): string;
  /** The server's answer to each request; an object body is sent as JSON. */
  answer(request: PackedRequest): { status?: number; type?: string; body: unknown };
  /** What the script must print, parsed. */
  prints: unknown;
  /** Every request in order, as `METHOD url authorization` (`-` when there is none). */
  seen: string[];
}

/** How one public package is first used, as pack-check exercises it after `pnpm pack` and an install elsewhere. */
export interface PackedUsage {
  /** The factory a README shows. Default `createClient`, every vendor's. */
  factory?: string;
  /** Its arguments, as source text. */
  args: string;
  /** Arguments the types must reject. */
  wrongArgs: string;
  /** The path from the factory's result to an openapi-fetch method. Default `GET`; `survey.GET` for a client of several services. */
  method?: string;
  /**
   * A module typechecked against the installed package under NodeNext: correct calls, and wrong ones each under
   * `// @ts-expect-error` saying what is wrong.
   */
  types?: string;
  run?: PackedRun;
  /**
   * The client as a contender in tools/bench: its options against the bench server at `base` (auth, retries and
   * timeouts on, as an application runs it) and the path of a GET the bench server answers with a small JSON list.
   */
  bench?: {
    options(base: string): Record<string, unknown>;
    path: string;
    /** How the contender authenticates, for the report's method: "a client-credentials token, fetched once". */
    auth: string;
  };
}
