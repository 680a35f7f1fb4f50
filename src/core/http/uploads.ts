// Forms with one file: fields and the file arrive in the body as plain values (the CSRF field
// among them, so the usual check applies). The file is read into memory up to its limit and
// marked truncated beyond it; the route decides what that means and sniffs the kind from the bytes.
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';

/** The uploaded file as the multipart hook leaves it in the body. */
export interface UploadedFile {
  filename: string;
  data: Buffer;
  truncated: boolean;
}

export const isUploadedFile = (value: unknown): value is UploadedFile =>
  typeof value === 'object' && value !== null && Buffer.isBuffer((value as UploadedFile).data) && typeof (value as UploadedFile).filename === 'string';

/** Accepts forms with one file of at most maxBytes and up to `fields` other fields, in this plugin's routes. */
export async function singleFileUploads(app: FastifyInstance, options: { maxBytes: number; fields: number }): Promise<void> {
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: options.maxBytes, files: 1, fields: options.fields, parts: options.fields + 1 },
    async onFile(part) {
      const data = await part.toBuffer();
      (part as unknown as { value: UploadedFile }).value = { filename: part.filename, data, truncated: part.file.truncated };
    },
  });
}
