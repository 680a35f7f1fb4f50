// An XLSX workbook's zip, its parts read on demand and every size checked before anything grows with
// it. yauzl reads the zip from its central directory, so the parts can be read in the order the
// reader needs and an entry's declared size is known before a byte is inflated (and yauzl, and we,
// count the real bytes too, since declared sizes can lie).
import { posix } from 'node:path';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { byteChunks } from '../byte-stream.js';
import { FileProblem, unreadable } from './file-problem.js';

/** What the zip may unpack to (part of XlsxLimits). */
export interface ZipLimits {
  /** Bytes of all parts unpacked, as declared and as inflated. */
  unpackedBytes: number;
  /** How many times larger than packed a part over 1 MB may be. */
  ratio: number;
}

/** The workbook's parts by name, each inflated as it is read; `close` when done. */
export interface WorkbookZip {
  open(name: string): AsyncIterable<Buffer> | undefined;
  close(): void;
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
/** Above this a part's packing ratio is checked: small parts (styles, a short sheet) can pack very well. */
const ratioFloorBytes = 1024 * 1024;
/** More zip entries than any workbook has (each sheet, picture or chart is one). */
const maxEntries = 10_000;

/** Opens the zip and checks what its entries declare; nothing is inflated until a part is read. */
export async function openWorkbookZip(data: Uint8Array, limits: ZipLimits): Promise<WorkbookZip> {
  let zip: ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(Buffer.from(data.buffer, data.byteOffset, data.byteLength), { lazyEntries: true, validateEntrySizes: true });
  } catch {
    throw unreadable();
  }
  try {
    const entries = await listEntries(zip, limits);
    const budget = { used: 0 };
    return {
      open(name) {
        const entry = entries.get(name);
        return entry ? inflate(zip, entry, budget, limits) : undefined;
      },
      close: () => zip.close(),
    };
  } catch (e) {
    zip.close();
    throw e;
  }
}

/** The entries by name, after checking what they declare: nothing is inflated yet. */
async function listEntries(zip: ZipFile, limits: ZipLimits): Promise<Map<string, Entry>> {
  if (zip.entryCount > maxEntries) throw unreadable();
  const entries = new Map<string, Entry>();
  let declared = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      declared += entry.uncompressedSize;
      if (declared > limits.unpackedBytes) throw new FileProblem('import.file.tooBigUnpacked', { limit: mb(limits.unpackedBytes) });
      if (entry.uncompressedSize > ratioFloorBytes && entry.uncompressedSize > limits.ratio * Math.max(entry.compressedSize, 1)) {
        throw new FileProblem('import.file.tooBigRatio', { ratio: limits.ratio });
      }
      if (!entries.has(entry.fileName)) entries.set(entry.fileName, entry);
    }
  } catch (e) {
    throw e instanceof FileProblem ? e : unreadable();
  }
  return entries;
}

/** A part's bytes as they inflate, counted against its declared size and the file's budget. */
async function* inflate(zip: ZipFile, entry: Entry, budget: { used: number }, limits: ZipLimits): AsyncGenerator<Buffer> {
  let stream;
  try {
    stream = await zip.openReadStreamPromise(entry);
  } catch {
    throw unreadable();
  }
  let seen = 0;
  try {
    for await (const chunk of byteChunks(stream)) {
      seen += chunk.length;
      budget.used += chunk.length;
      // yauzl refuses this too; counting here keeps the promise whatever the library does.
      if (seen > entry.uncompressedSize) throw unreadable();
      if (budget.used > limits.unpackedBytes) throw new FileProblem('import.file.tooBigUnpacked', { limit: mb(limits.unpackedBytes) });
      yield chunk;
    }
  } catch (e) {
    throw e instanceof FileProblem ? e : unreadable();
  } finally {
    stream.destroy();
  }
}

export const relsPath = (part: string) => posix.join(posix.dirname(part), '_rels', `${posix.basename(part)}.rels`);

/** A relationship's target as a zip entry name: relative to the part that names it, or absolute. */
export function partPath(from: string, target: string): string {
  if (target.startsWith('/')) return posix.normalize(target.slice(1));
  return posix.normalize(posix.join(posix.dirname(from), target));
}
