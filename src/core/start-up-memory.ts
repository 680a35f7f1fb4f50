// Garbage collection at the end of start-up, on the embedded database only.
//
// Starting the server reads the reference data, compiles templates, migrates, starts the job queue
// and, a few seconds later, catches the search index up: tens of megabytes of short-lived objects
// that V8 would keep in its heap until a major collection an idle or lightly used server may not
// reach for hours. A memory-reducing collection (V8's "last resort" flavour, which also shrinks the
// heap) when the job queue has started and again after the search catch-up returns them to the
// system: measured on Node 24 with the demo data, resident memory went from about 245 MB to 180 MB
// at the collection, about 195 MB one second later and about 200 MB after the catch-up (from 265 and
// 282 MB). Each pauses the process for 0.1–0.2 s, twice in its life, while it has little to do.
// The process runs with --expose-gc, set by src/main.ts when it re-executes itself for the embedded
// database; with an external PostgreSQL it does not, gc is absent and this does nothing.
import type { FastifyBaseLogger } from 'fastify';

type ExposedGc = (options?: { type?: 'major' | 'minor'; execution?: 'sync' | 'async'; flavor?: 'regular' | 'last-resort' }) => void;

export function releaseStartUpMemory(logger: FastifyBaseLogger): void {
  const gc = (globalThis as { gc?: ExposedGc }).gc;
  if (typeof gc !== 'function') return;
  const before = process.memoryUsage.rss();
  const started = performance.now();
  gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  logger.debug(
    { rssBeforeMb: Math.round(before / 2 ** 20), rssAfterMb: Math.round(process.memoryUsage.rss() / 2 ** 20), pauseMs: Math.round(performance.now() - started) },
    'start-up garbage collected',
  );
}
