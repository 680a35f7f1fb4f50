// The text inside a library file (PDF, DOCX, PPTX), read on upload for search. Runs in a worker
// thread of its own pool (small heap, time limit: core/spreadsheets/parse-pool.ts), so a hostile
// file costs that thread, never the server; the zip's parts are read with the spreadsheets' limits
// (declared and real sizes, packing ratio) before anything grows with them. What cannot be read
// gives a reason (a message key) and the file is stored all the same.
import { z } from 'zod';
import { createParsePool, type ParsePool, type SheetReader } from '../../core/spreadsheets/parse-pool.js';
import { FileProblem } from '../../core/spreadsheets/file-problem.js';
import { openWorkbookZip, type WorkbookZip, type ZipLimits } from '../../core/spreadsheets/xlsx-zip.js';
import type { MessageKey } from '../../core/i18n/messages.js';

/** Text kept of one file: a book-length lecture is far less. */
export const maxTextChars = 2_000_000;
/** What a DOCX or PPTX may unpack to, and how much one part's XML may hold. */
const zipLimits: ZipLimits = { unpackedBytes: 200 * 1024 * 1024, ratio: 100 };
const maxPartBytes = 40 * 1024 * 1024;
const maxSlides = 2000;

export type ExtractedText = { text: string } | { problem: string };

const extractedSchema = z.union([z.object({ text: z.string() }), z.object({ problem: z.string() })]);

export const materialTextReader: SheetReader<ExtractedText> = { module: import.meta.url, name: 'extractMaterialText', schema: extractedSchema };

/** The library's own pool: two files at a time, 128 MB of heap each for 20 seconds. */
export const libraryTextPool: ParsePool = createParsePool({ parallel: 2, waiting: 8, waitMs: 30_000, timeoutMs: 20_000, heapMb: 128 });

/** The pool's reasons, in the library's words. */
const poolProblems: Record<string, MessageKey> = {
  'import.file.tooSlow': 'library.text.tooSlow',
  'import.file.tooBigMemory': 'library.text.tooComplex',
  'import.file.busy': 'library.text.busy',
  'import.file.tooBigUnpacked': 'library.text.tooBigUnpacked',
  'import.file.tooBigRatio': 'library.text.tooBigUnpacked',
  'import.file.unreadable': 'library.text.unreadable',
};

/** Reads the text off the event loop: the text, or the message key saying why not. */
export async function readMaterialText(data: Uint8Array, pool: ParsePool = libraryTextPool): Promise<ExtractedText> {
  const outcome = await pool.read(data, materialTextReader);
  if ('file' in outcome) return outcome.file;
  return { problem: poolProblems[outcome.problem.messageKey] ?? 'library.text.unreadable' };
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (whole, name: string) => {
    if (name[0] !== '#') return entities[name.toLowerCase()] ?? whole;
    const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

/** The words of an Office XML part: runs of text (`<w:t>` or `<a:t>`), a line per paragraph. */
export function officeXmlText(xml: string, prefix: 'w' | 'a'): string {
  const pattern = new RegExp(`<${prefix}:t(?:\\s[^>]*)?>([^<]*)</${prefix}:t>|</${prefix}:p>|<${prefix}:(?:tab|br)\\s*/>`, 'g');
  let out = '';
  for (const m of xml.matchAll(pattern)) {
    if (m[1] !== undefined) out += decodeXml(m[1]);
    else out += m[0].startsWith('</') ? '\n' : ' ';
  }
  return out.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}

async function partText(zip: WorkbookZip, name: string): Promise<string | undefined> {
  const chunks = zip.open(name);
  if (!chunks) return undefined;
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.length;
    if (size > maxPartBytes) throw new FileProblem('library.text.tooBigUnpacked');
    parts.push(chunk);
  }
  return Buffer.concat(parts).toString('utf8');
}

const clip = (text: string) => text.slice(0, maxTextChars);

async function zipText(data: Uint8Array, kind: 'docx' | 'pptx'): Promise<string> {
  const zip = await openWorkbookZip(data, zipLimits);
  try {
    if (kind === 'docx') {
      const xml = await partText(zip, 'word/document.xml');
      if (xml === undefined) throw new FileProblem('library.text.unreadable');
      return clip(officeXmlText(xml, 'w'));
    }
    const slides: string[] = [];
    for (let n = 1; n <= maxSlides; n++) {
      const xml = await partText(zip, `ppt/slides/slide${n}.xml`);
      if (xml === undefined) break;
      slides.push(officeXmlText(xml, 'a'));
      if (slides.reduce((sum, s) => sum + s.length, 0) > maxTextChars) break;
    }
    return clip(slides.filter(Boolean).join('\n\n'));
  } finally {
    zip.close();
  }
}

async function pdfText(data: Uint8Array): Promise<string> {
  const { extractText, getDocumentProxy } = await import('unpdf');
  // The worker ends after this file, and its memory with it.
  const pdf = await getDocumentProxy(data);
  const { text } = await extractText(pdf, { mergePages: true });
  return clip(text.replace(/[ \t]+/g, ' ').trim());
}

/** The worker's entry: the file's text by its first bytes (PDF, else a DOCX or PPTX zip). */
export async function extractMaterialText(data: Uint8Array): Promise<ExtractedText> {
  try {
    const head = Buffer.from(data.buffer, data.byteOffset, Math.min(5, data.byteLength)).toString('latin1');
    let text: string;
    if (head === '%PDF-') text = await pdfText(data);
    else if (head.startsWith('PK\x03\x04')) {
      const names = Buffer.from(data.buffer, data.byteOffset, data.byteLength).includes('ppt/presentation.xml') ? 'pptx' : 'docx';
      text = await zipText(data, names);
    } else return { problem: 'library.text.unreadable' };
    return text ? { text } : { problem: 'library.text.empty' };
  } catch (error) {
    return { problem: error instanceof FileProblem ? (poolProblems[error.messageKey] ?? error.messageKey) : 'library.text.unreadable' };
  }
}
