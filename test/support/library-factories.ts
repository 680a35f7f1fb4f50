// Library test data: a material in any state (with a file), a distribution to maslikhats, DOCX and
// PPTX files made here (and hostile ones), and multipart uploads through a Browser.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/core/db/connect.js';
import type { LibraryKind, LibraryState } from '../../src/core/db/database.js';
import { newId } from '../../src/core/ids.js';
import type { LocalizedText } from '../../src/core/i18n/localized-text.js';
import type { Browser } from './factories.js';
import { pack, repeat, zip } from './hostile-xlsx.js';

export async function organizationIdOf(db: Db, slug: string): Promise<string> {
  return (await db.selectFrom('organization').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
}

export interface MaterialInput {
  kind?: LibraryKind;
  title?: LocalizedText;
  summary?: LocalizedText | null;
  /** The author organisation's slug. */
  organization?: string | null;
  state?: LibraryState;
  topics?: string[];
  laws?: { title: string; url: string }[];
}

/** A material as the office would leave it; published ones get a publication time. */
export async function createMaterial(db: Db, input: MaterialInput = {}): Promise<string> {
  const id = newId();
  const state = input.state ?? 'draft';
  const organizationId = input.organization ? await organizationIdOf(db, input.organization) : null;
  await db
    .insertInto('library_material')
    .values({
      id,
      kind: input.kind ?? 'lecture',
      title: JSON.stringify(input.title ?? { kk: 'Жаңа заң туралы дәріс', ru: 'Лекция о новом законе', en: 'A lecture on the new law' }),
      summary: input.summary === undefined ? JSON.stringify({ ru: 'Кратко о законе' }) : input.summary === null ? null : JSON.stringify(input.summary),
      organization_id: organizationId,
      author_name: organizationId ? null : 'Айгүл Серікова',
      video_url: null,
      state,
      published_at: state === 'published' || state === 'withdrawn' ? new Date() : null,
      withdrawn_at: state === 'withdrawn' ? new Date() : null,
      created_by: null,
    })
    .execute();
  for (const topic of input.topics ?? []) await db.insertInto('library_material_topic').values({ material_id: id, topic }).execute();
  for (const [i, law] of (input.laws ?? []).entries()) await db.insertInto('library_material_law').values({ id: newId(), material_id: id, position: i + 1, title: law.title, url: law.url }).execute();
  return id;
}

/** A stored PDF as a file of the material, in a language; answers the file's id. */
export async function createMaterialFile(app: FastifyInstance, materialId: string, language: 'kk' | 'ru' | 'en' = 'ru', edition = 1, text: string | null = 'Текст лекции'): Promise<string> {
  const bytes = Buffer.from(`%PDF-1.4\n% ${materialId} ${language} ${edition}\n%%EOF\n`);
  const id = newId();
  await app.db
    .insertInto('library_file')
    .values({ id, material_id: materialId, language, edition, file_name: await app.files.put(bytes, 'pdf'), original_name: `lecture-${language}-${edition}.pdf`, content_type: 'application/pdf', byte_size: bytes.length, text_content: text, text_problem: null, note: null, uploaded_by: null })
    .execute();
  return id;
}

/** Sends a material to maslikhats (by slug) as the secretariat would; answers the distribution's id. */
export async function distribute(db: Db, materialId: string, slugs: string[], options: { sentAt?: Date; remindAfterDays?: number; acknowledged?: string[] } = {}): Promise<string> {
  const id = newId();
  await db.insertInto('library_distribution').values({ id, material_id: materialId, note: JSON.stringify({ ru: 'Просим ознакомиться' }), remind_after_days: options.remindAfterDays ?? 7, sent_by: null, sent_at: options.sentAt ?? new Date() }).execute();
  for (const slug of slugs) {
    const organizationId = await organizationIdOf(db, slug);
    const acknowledged = options.acknowledged?.includes(slug) ?? false;
    await db.insertInto('library_delivery').values({ distribution_id: id, organization_id: organizationId, acknowledged_at: acknowledged ? new Date() : null, acknowledged_by: null }).execute();
  }
  return id;
}

const wordNs = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** A DOCX whose body is the paragraphs given. */
export async function docx(paragraphs: string[]): Promise<Buffer> {
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${p.replaceAll('&', '&amp;').replaceAll('<', '&lt;')}</w:t></w:r></w:p>`).join('');
  return zip([
    await pack('[Content_Types].xml', ['<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>']),
    await pack('word/document.xml', [`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${wordNs}"><w:body>${body}</w:body></w:document>`]),
  ]);
}

/** A PPTX of slides, each one text. */
export async function pptx(slides: string[]): Promise<Buffer> {
  const parts = [await pack('[Content_Types].xml', ['<Types/>']), await pack('ppt/presentation.xml', ['<p:presentation xmlns:p="p"/>'])];
  for (const [i, s] of slides.entries()) parts.push(await pack(`ppt/slides/slide${i + 1}.xml`, [`<p:sld xmlns:p="p" xmlns:a="a"><a:p><a:r><a:t>${s}</a:t></a:r></a:p></p:sld>`]));
  return zip(parts);
}

/** A DOCX whose document part unpacks to `bytes` of repeated text (a zip bomb when large). */
export async function docxBomb(bytes: number): Promise<Buffer> {
  return zip([
    await pack('[Content_Types].xml', ['<Types/>']),
    await pack('word/document.xml', (function* () {
      yield `<w:document xmlns:w="${wordNs}"><w:body><w:p><w:r><w:t>`;
      yield* repeat('заң ', bytes);
      yield '</w:t></w:r></w:p></w:body></w:document>';
    })(), 9),
  ]);
}

/** A DOCX whose headers say the document part is smaller than it is. */
export async function lyingDocx(): Promise<Buffer> {
  const part = await pack('word/document.xml', [`<w:document xmlns:w="${wordNs}"><w:body><w:p><w:r><w:t>${'текст '.repeat(5000)}</w:t></w:r></w:p></w:body></w:document>`]);
  part.declaredSize = 100;
  return zip([await pack('[Content_Types].xml', ['<Types/>']), part]);
}

function multipart(fields: Record<string, string>, file?: { name: string; data: Buffer }) {
  const boundary = `----kenes${newId().replaceAll('-', '')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  if (file) parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: application/octet-stream\r\n\r\n`), file.data, Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Posts a file form (the CSRF field first, as the page's form does). */
export async function uploadFile(app: FastifyInstance, browser: Browser, url: string, fields: Record<string, string>, file?: { name: string; data: Buffer }) {
  if (!browser.cookie('kenes_csrf')) await browser.get('/kk/sign-in');
  const body = multipart({ _csrf: browser.cookie('kenes_csrf')!, ...fields }, file);
  return app.inject({ method: 'POST', url, payload: body.payload, headers: { cookie: browser.cookieHeader, 'content-type': body.contentType } });
}
