// The bulk download /open-data/kenes-open-data.zip: every public dataset, each file exactly as its own
// address serves it (asked of the app in-process, so through each feature's service and presentation),
// zipped once and kept in memory; rebuilt a while after a 'kenes_content' notice, never per request.
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Zip, ZipDeflate } from 'fflate';
import { z } from 'zod';
import { contentChannel } from '../../core/http/page-cache.js';
import type { RegistryService } from '../registry/registry.service.js';
import { createPublicMeetingService } from '../meetings/public.service.js';
import { datasets, licence, zipLanguages, type DatasetId } from './datasets.js';

export interface BulkZip {
  bytes: Buffer;
  etag: string;
  builtAt: Date;
  /** The files inside, in order, with the dataset each belongs to. */
  files: { name: string; dataset: DatasetId | 'index' }[];
}

/** Requests the zip builder makes carry this header and value (unguessable, per process): not rate limited. */
export const internalRequestHeader = 'x-kenes-internal';
const internalRequestSecret = randomBytes(24).toString('base64url');

/** True for a request the zip builder made of the app (the rate limit lets it through). */
export const isInternalRequest = (request: FastifyRequest) => request.headers[internalRequestHeader] === internalRequestSecret;

const idList = z.object({ data: z.array(z.object({ id: z.string() })) });
const reportPage = z.object({ data: z.array(z.unknown()), links: z.object({ next: z.string().nullable() }) });

/** Builds the zip: each file read from the app itself, added as soon as it is read (one file in memory at a time, besides the zip). */
export async function buildBulkZip(app: FastifyInstance, registry: RegistryService): Promise<BulkZip> {
  const builtAt = new Date();
  const chunks: Uint8Array[] = [];
  let failure: Error | undefined;
  const zip = new Zip((err, chunk) => {
    if (err) failure = err;
    else chunks.push(chunk);
  });
  const files: BulkZip['files'] = [];
  const add = (name: string, dataset: BulkZip['files'][number]['dataset'], data: Uint8Array) => {
    const entry = new ZipDeflate(name, { level: 6 });
    entry.mtime = builtAt;
    zip.add(entry);
    entry.push(data, true);
    files.push({ name, dataset });
  };
  const get = async (url: string): Promise<Buffer> => {
    const res = await app.inject({ method: 'GET', url, headers: { [internalRequestHeader]: internalRequestSecret, 'accept-encoding': 'identity' } });
    if (res.statusCode !== 200) throw new Error(`open-data zip: GET ${url} answered ${res.statusCode}`);
    return res.rawPayload;
  };
  const fetchInto = async (url: string, name: string, dataset: DatasetId) => add(name, dataset, await get(url));

  for (const lang of zipLanguages) {
    await fetchInto(`/open-data/popolo.json?lang=${lang}`, `registry/popolo-${lang}.json`, 'registry');
    await fetchInto(`/open-data/deputies.csv?lang=${lang}`, `registry/deputies-${lang}.csv`, 'deputies');
    await fetchInto(`/open-data/deputies.xlsx?lang=${lang}`, `registry/deputies-${lang}.xlsx`, 'deputies');
    await fetchInto(`/${lang}/meetings.ics`, `meetings/meetings-${lang}.ics`, 'meetings');
    await fetchInto(`/${lang}/meetings.atom`, `meetings/meetings-${lang}.atom`, 'meetings');
    await fetchInto(`/${lang}/feed.atom`, `news/news-${lang}.atom`, 'news');
  }
  await fetchInto('/api/v1/areas', 'registry/areas.json', 'areas');

  const plans = await get('/api/v1/plans');
  add('plan/plans.json', 'plans', plans);
  for (const { id } of idList.parse(JSON.parse(plans.toString('utf8'))).data) {
    await fetchInto(`/api/v1/plans/${id}`, `plan/plan-${id}.json`, 'plans');
    for (const lang of zipLanguages) await fetchInto(`/${lang}/plan/${id}/progress.csv`, `plan/plan-${id}-progress-${lang}.csv`, 'plans');
  }

  // The accepted reports, every page of the API joined into one document.
  const reports: unknown[] = [];
  for (let next: string | null = '/api/v1/plan-reports?per_page=500&page=1'; next; ) {
    const page = reportPage.parse(JSON.parse((await get(next)).toString('utf8')));
    reports.push(...page.data);
    next = page.links.next;
  }
  add('plan/plan-reports.json', 'planReports', Buffer.from(JSON.stringify({ count: reports.length, data: reports })));

  // The Akoma Ntoso record of every meeting whose minutes are approved.
  const meetings = createPublicMeetingService(app.db, registry);
  for (let page = 1, pages = 1; page <= pages; page++) {
    const list = await meetings.list(page);
    pages = list.pages;
    for (const m of page === 1 ? [...list.upcoming, ...list.past] : list.past) {
      if (m.status === 'minutes_approved') await fetchInto(`/kk/meetings/${m.id}/minutes/akoma-ntoso.xml`, `minutes/${m.id}-akoma-ntoso.xml`, 'minutes');
    }
  }

  const index = {
    title: 'Kenes open data',
    licence,
    built_at: builtAt.toISOString(),
    datasets: datasets.map((d) => ({ id: d.id, files: files.filter((f) => f.dataset === d.id).map((f) => f.name) })),
  };
  add('index.json', 'index', Buffer.from(`${JSON.stringify(index, null, 2)}\n`));
  zip.end();
  if (failure) throw failure;
  const bytes = Buffer.concat(chunks);
  return { bytes, etag: `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`, builtAt, files };
}

export interface BulkZipKeeper {
  /** The kept zip; built now if there is none yet (the requests waiting share one build). */
  current(): Promise<BulkZip>;
  /** The kept zip, if one is built (never builds). */
  kept(): BulkZip | undefined;
  close(): Promise<void>;
}

/** Keeps the zip: built on first demand, rebuilt debounceMs after the last content notice; the old one is served meanwhile. */
export async function keepBulkZip(app: FastifyInstance, registry: RegistryService, debounceMs: number): Promise<BulkZipKeeper> {
  let ready: BulkZip | undefined;
  let building: Promise<BulkZip> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const build = () => {
    building ??= buildBulkZip(app, registry).then(
      (zip) => {
        building = undefined;
        ready = zip;
        return zip;
      },
      (err: unknown) => {
        building = undefined;
        throw err;
      },
    );
    return building;
  };

  const rebuild = () => {
    if (closed) return;
    // A build begun before this change may not hold it: wait for it, then build again.
    if (building) {
      timer = setTimeout(rebuild, debounceMs);
      return;
    }
    build().catch((err: unknown) => app.log.error({ err }, 'rebuilding the open-data zip failed'));
  };
  const stop = await app.database.listen(contentChannel, () => {
    if (closed || (!ready && !building)) return; // nothing kept yet: the next request builds from the current data
    clearTimeout(timer);
    timer = setTimeout(rebuild, debounceMs);
  });

  return {
    current: () => (ready ? Promise.resolve(ready) : build()),
    kept: () => ready,
    async close() {
      closed = true;
      clearTimeout(timer);
      await stop();
      await building?.catch(() => undefined);
    },
  };
}
