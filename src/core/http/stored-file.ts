// Serving a file kept in the file store as a download: streamed (a file may be tens of megabytes and
// several may be downloaded at once), with the media type it was told by its bytes on upload, the
// name its uploader gave, and never sniffed by the browser. Who may keep a copy is the route's word.
import type { FastifyReply } from 'fastify';
import { attachmentDisposition } from '../documents.js';
import { NotFoundError } from '../errors.js';
import type { FileStore } from '../files.js';

export interface StoredDownload {
  /** The file's name in the store. */
  storedName: string;
  contentType: string;
  /** The name the download is saved under. */
  downloadName: string;
}

export interface DownloadOptions {
  /** The cache-control header: 'private, no-store' for the office, a public max-age for public files. */
  cache: string;
  /** A public file opened in the browser's own tab runs nothing (a PDF's scripts, an HTML look-alike). */
  sandbox?: boolean;
}

/** Sends the stored file (404 when the store no longer has it). */
export async function sendStoredFile(reply: FastifyReply, files: FileStore, file: StoredDownload, options: DownloadOptions): Promise<FastifyReply> {
  const stored = await files.open(file.storedName);
  if (!stored) throw NotFoundError();
  reply
    .header('content-type', file.contentType)
    .header('content-length', stored.size)
    .header('content-disposition', attachmentDisposition(file.downloadName))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', options.cache);
  if (options.sandbox) reply.header('content-security-policy', "default-src 'none'; sandbox");
  return reply.send(stored.stream);
}
