// Run in its own process (node --expose-gc memory-paging.ts <base> <mode>): iterates 100 000 paged items and prints
// JSON with the RSS before, once warm (10 000 items) and the peak after that. Mode "paginate" uses @apis/runtime's iterator through an
// @apis/runtime client; mode "baseline" is a plain loop of raw fetches that keeps nothing either.
import { createApiClient, paginate } from "@apis/runtime";

const [base, mode] = process.argv.slice(2) as [string, "paginate" | "baseline"];
const TOTAL = 100_000;
const PER_PAGE = 500;

type Paths = {
  "/pages": {
    get: {
      parameters: { query: { page: number; per_page: number; total: number } };
      responses: { 200: { headers: Record<string, unknown>; content: { "application/json": { id: number; name: string; score: number }[] } } };
    };
  };
};

const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const before = process.memoryUsage().rss;
let peak = before;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 20);

let count = 0;
let checksum = 0;
// RSS once the iterator is warm (after 10 000 items): growth from here to the end is what "flat" is about.
let warm = 0;
let heapWarm = 0;
const tick = () => {
  if (count === 10_000) {
    gc?.();
    ({ rss: warm, heapUsed: heapWarm } = process.memoryUsage());
    peak = warm;
  }
};
if (mode === "paginate") {
  const client = createApiClient<Paths>({ baseUrl: base, operations: { "/pages": { get: { operationId: "listPages", auth: false, response: "json" } } }, auth: { type: "none" } });
  const items = paginate({
    fetchPage: (page) => client.GET("/pages", { params: { query: { page, per_page: PER_PAGE, total: TOTAL } } }),
    items: (page) => page,
    perPage: PER_PAGE,
  });
  for await (const item of items) {
    count++;
    checksum += item.score;
    tick();
  }
} else {
  for (let page = 1; ; page++) {
    const items = (await (await fetch(`${base}/pages?page=${page}&per_page=${PER_PAGE}&total=${TOTAL}`)).json()) as { score: number }[];
    for (const item of items) {
      count++;
      checksum += item.score;
      tick();
    }
    if (items.length < PER_PAGE) break;
  }
}
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
// What the iteration keeps, as opposed to garbage not yet collected (which the peak RSS includes).
gc?.();
const heapEnd = process.memoryUsage().heapUsed;
console.log(JSON.stringify({ mode, count, checksum, before, warm, peak, heapWarm, heapEnd }));
