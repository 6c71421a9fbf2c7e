/** One curl command of a vendor doc, read as the request it sends. */
export interface DocCurl {
  /** The file and 1-based line the command starts on, e.g. `wootric-cxi-api.txt:164`. */
  where: string;
  /** The command as written, continuation lines joined. */
  command: string;
  method: string;
  /** The URL as written (it may hold a shell variable such as `$AI_SERVER`, or a placeholder). */
  url: string;
  headers: [string, string][];
  /**
   * `-d` data, joined with `&` as curl joins it; sent as application/x-www-form-urlencoded, or appended to the query
   * of a GET or HEAD (see curlRequest).
   */
  data?: string;
  /** `-F` fields, sent as multipart/form-data; a value of `@name` is a file part named `name`. */
  form?: [string, string][];
}

/**
 * Splits a shell command line into words as a POSIX shell would for these docs: single and double quotes, backslash
 * escapes, and the end of the command at an unquoted `|`, `;` or `#`. Variables are left as written (`${secret}`).
 */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (char === "'") {
      const end = line.indexOf("'", i + 1);
      word = (word ?? "") + line.slice(i + 1, end === -1 ? line.length : end);
      i = end === -1 ? line.length : end;
    } else if (char === '"') {
      word ??= "";
      for (i++; i < line.length && line[i] !== '"'; i++) {
        // Inside double quotes a backslash only escapes these; elsewhere it stays (`https:\/\/` in a JSON string).
        if (line[i] === "\\" && '"\\$`'.includes(line[i + 1] ?? "")) i++;
        word += line[i];
      }
    } else if (char === "\\") {
      word = (word ?? "") + (line[i + 1] ?? "");
      i++;
    } else if (/\s/.test(char)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if ((char === "|" || char === ";" || char === "#") && word === undefined) {
      break;
    } else word = (word ?? "") + char;
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** curl options that take no argument and change nothing about the request (output, verbosity). */
const FLAGS = new Set(["-i", "-s", "-v", "-S", "-L", "-k", "--include", "--silent", "--verbose"]);

function readCommand(words: string[], where: string, command: string): DocCurl {
  let method: string | undefined;
  let url: string | undefined;
  const headers: [string, string][] = [];
  const data: string[] = [];
  const form: [string, string][] = [];
  let head = false;
  let get = false;
  for (let i = 1; i < words.length; i++) {
    const word = words[i]!;
    const argument = () => {
      const value = words[++i];
      if (value === undefined) throw new Error(`${where}: ${word} has no argument in: ${command}`);
      return value;
    };
    if (/^-X[A-Z]+$/.test(word)) method = word.slice(2);
    else if (word === "-X" || word === "--request") method = argument();
    else if (word === "-H" || word === "--header") {
      const header = argument();
      const colon = header.indexOf(":");
      headers.push([header.slice(0, colon).trim(), header.slice(colon + 1).trim()]);
    } else if (word === "-d" || word === "--data") data.push(argument());
    else if (word === "-F" || word === "--form") {
      const field = argument();
      const equals = field.indexOf("=");
      form.push([field.slice(0, equals), field.slice(equals + 1)]);
    } else if (word === "-u" || word === "--user") headers.push(["Authorization", `Basic ${Buffer.from(argument()).toString("base64")}`]);
    else if (word === "-I" || word === "--head") head = true;
    else if (word === "-G" || word === "--get") get = true;
    else if (FLAGS.has(word)) continue;
    else if (word.startsWith("-")) throw new Error(`${where}: curl option ${word} is not understood by this reader: ${command}`);
    else if (url === undefined) url = word;
    else throw new Error(`${where}: a second URL ${word} in: ${command}`);
  }
  if (url === undefined) throw new Error(`${where}: no URL in: ${command}`);
  if (data.length > 0 && form.length > 0) throw new Error(`${where}: both -d and -F in: ${command}`);
  // curl's own default: HEAD with -I, GET with -G, or POST once there is a body; an -X method wins over them all.
  method ??= head ? "HEAD" : get ? "GET" : data.length > 0 || form.length > 0 ? "POST" : "GET";
  return {
    where,
    command,
    method,
    url,
    headers,
    ...(data.length > 0 ? { data: data.join("&") } : {}),
    ...(form.length > 0 ? { form } : {}),
  };
}

/**
 * Every curl command in a doc (Markdown or the rendered text of one): a line that runs `curl`, joined with the lines
 * its trailing backslashes continue onto.
 *
 * @example
 * const curls = docCurls(readFileSync("specs/wootric-cxi/sources/wootric-cxi-api.txt", "utf8"), "wootric-cxi-api.txt");
 */
export function docCurls(text: string, file: string): DocCurl[] {
  const lines = text.split("\n");
  const curls: DocCurl[] = [];
  for (let start = 0; start < lines.length; start++) {
    if (!/^\s*(?:\$\s+)?curl\s/.test(lines[start]!)) continue;
    let command = lines[start]!.replace(/^\s*\$\s+/, "").trim();
    let end = start;
    while (command.endsWith("\\") && end + 1 < lines.length) command = `${command.slice(0, -1).trimEnd()} ${lines[++end]!.trim()}`;
    const where = `${file}:${start + 1}`;
    curls.push(readCommand(shellWords(command), where, command));
    start = end;
  }
  return curls;
}

/** The request a doc curl sends, addressed to `url` instead of the URL the doc names. */
export function curlRequest(curl: DocCurl, url: string): Request {
  const headers = new Headers(curl.headers);
  let body: BodyInit | undefined;
  if (curl.data !== undefined && (curl.method === "GET" || curl.method === "HEAD")) {
    // curl -G puts the data in the query; `-X GET -d` sends it as a GET body, which fetch cannot send and which a
    // Rack server reads into the same params as the query: either way the data goes to the query.
    url = `${url}${url.includes("?") ? "&" : "?"}${curl.data}`;
  } else if (curl.data !== undefined) {
    if (!headers.has("content-type")) headers.set("content-type", "application/x-www-form-urlencoded");
    body = curl.data;
  } else if (curl.form) {
    const form = new FormData();
    for (const [name, value] of curl.form) {
      // `-F file=@data.csv` uploads the file data.csv; the doc does not ship the file, so a one-row CSV stands in.
      if (value.startsWith("@")) form.append(name, new Blob(["feedback_date,feedback\n2020-07-16,Great\n"], { type: "text/csv" }), value.slice(1));
      else form.append(name, value);
    }
    body = form;
  }
  return new Request(url, { method: curl.method, headers, ...(body !== undefined ? { body } : {}) });
}
