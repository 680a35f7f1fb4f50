// Documents people upload (a meeting's papers, a plan report's attachment, later the library's
// lectures): what kinds are accepted — told by their bytes, never by the name or the browser's
// word — and how a download is named.
import type { PaperContentType } from './db/database.js';

export const maxPaperBytes = 20 * 1024 * 1024;

export interface PaperKind {
  extension: 'pdf' | 'docx' | 'xlsx' | 'odt';
  contentType: PaperContentType;
}

const kinds = {
  pdf: { extension: 'pdf', contentType: 'application/pdf' },
  docx: { extension: 'docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  xlsx: { extension: 'xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  odt: { extension: 'odt', contentType: 'application/vnd.oasis.opendocument.text' },
} as const satisfies Record<string, PaperKind>;

const odtMimeType = 'application/vnd.oasis.opendocument.text';

/** PDF, DOCX, XLSX or ODT by the file's content; undefined for anything else (an .exe renamed .pdf among them). */
export function sniffPaper(bytes: Buffer): PaperKind | undefined {
  if (bytes.length >= 5 && bytes.subarray(0, 5).toString('latin1') === '%PDF-') return kinds.pdf;
  if (bytes.length < 30 || bytes.readUInt32LE(0) !== 0x04034b50) return undefined;
  // OpenDocument: the first entry is "mimetype", stored uncompressed, holding the type.
  const nameLength = bytes.readUInt16LE(26);
  const extraLength = bytes.readUInt16LE(28);
  if (bytes.subarray(30, 30 + nameLength).toString('latin1') === 'mimetype' && bytes.readUInt16LE(8) === 0) {
    const start = 30 + nameLength + extraLength;
    const value = bytes.subarray(start, start + bytes.readUInt32LE(18)).toString('latin1');
    return value === odtMimeType ? kinds.odt : undefined;
  }
  // Office Open XML: told by the main part the archive holds.
  const names = zipEntryNames(bytes);
  if (names.has('word/document.xml')) return kinds.docx;
  if (names.has('xl/workbook.xml')) return kinds.xlsx;
  return undefined;
}

/** The names in a ZIP archive's central directory (empty when the archive cannot be read). */
export function zipEntryNames(bytes: Buffer): Set<string> {
  const names = new Set<string>();
  // The end-of-central-directory record: 22 bytes and a comment of at most 65,535.
  const floor = Math.max(0, bytes.length - 22 - 0xffff);
  let end = -1;
  for (let i = bytes.length - 22; i >= floor; i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return names;
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  for (let n = 0; n < count && at + 46 <= bytes.length; n++) {
    if (bytes.readUInt32LE(at) !== 0x02014b50) break;
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    names.add(bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8'));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** The uploaded name, kept readable but safe to show and to send back: no paths, no control characters. */
export function cleanFileName(name: string, extension: string): string {
  const base = (name.split(/[\\/]/).at(-1) ?? '')
    .replace(/[\p{Cc}"]/gu, '')
    .trim()
    .slice(0, 150);
  const stem = base.replace(/\.[^.]*$/, '') || 'paper';
  return `${stem}.${extension}`;
}

/** Always an attachment: an ASCII fallback name and the real one (RFC 6266, RFC 8187). */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/[\\"%;]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

export interface AttachmentKind {
  extension: 'pdf' | 'docx' | 'xlsx' | 'jpg' | 'png';
  contentType: string;
}

/** An attachment (a plan report's, an outreach event's file): PDF, DOCX, XLSX, JPEG or PNG, told by the bytes (never by the name or the browser's word). */
export function sniffAttachment(bytes: Buffer): AttachmentKind | undefined {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return { extension: 'jpg', contentType: 'image/jpeg' };
  if (bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return { extension: 'png', contentType: 'image/png' };
  const paper = sniffPaper(bytes);
  if (!paper || paper.extension === 'odt') return undefined;
  return { extension: paper.extension, contentType: paper.contentType };
}
