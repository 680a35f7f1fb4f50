// Every query of the library's tables: materials with their topics, laws and files; distributions,
// deliveries (acknowledgement, the reminder's claim) and the use per maslikhat.
import { sql } from 'kysely';
import { listGrantHolders, type AccountRecipient } from '../../core/auth/account.repository.js';
import type { LibraryFileLanguage, LibraryKind, LibraryState, LibraryUseAction } from '../../core/db/database.js';
import { json, paginate, pageWindow, type Executor } from '../../core/db/query.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';

export interface MaterialFields {
  kind: LibraryKind;
  title: LocalizedText;
  summary: LocalizedText | null;
  organizationId: string | null;
  authorName: string | null;
  videoUrl: string | null;
  topics: string[];
  laws: { title: string; url: string }[];
}

const materialColumns = [
  'm.id',
  'm.kind',
  'm.title',
  'm.summary',
  'm.organization_id as organizationId',
  'm.author_name as authorName',
  'm.video_url as videoUrl',
  'm.state',
  'm.submitted_at as submittedAt',
  'm.published_at as publishedAt',
  'm.withdrawn_at as withdrawnAt',
  'm.created_at as createdAt',
  'm.updated_at as updatedAt',
  'm.version',
] as const;

export async function findMaterial(db: Executor, id: string) {
  return db.selectFrom('library_material as m').select(materialColumns).where('m.id', '=', id).executeTakeFirst();
}

export type MaterialRow = NonNullable<Awaited<ReturnType<typeof findMaterial>>>;

export async function listTopics(db: Executor, materialIds: readonly string[]) {
  if (!materialIds.length) return [];
  return db.selectFrom('library_material_topic').select(['material_id as materialId', 'topic']).where('material_id', 'in', materialIds).orderBy('topic').execute();
}

export async function listLaws(db: Executor, materialIds: readonly string[]) {
  if (!materialIds.length) return [];
  return db.selectFrom('library_material_law').select(['material_id as materialId', 'title', 'url']).where('material_id', 'in', materialIds).orderBy('material_id').orderBy('position').execute();
}

/** Every file of the materials, newest edition first within each language. */
export async function listFiles(db: Executor, materialIds: readonly string[]) {
  if (!materialIds.length) return [];
  return db
    .selectFrom('library_file')
    .select(['id', 'material_id as materialId', 'language', 'edition', 'file_name as fileName', 'original_name as originalName', 'content_type as contentType', 'byte_size as byteSize', 'text_problem as textProblem', 'note', 'uploaded_at as uploadedAt'])
    .where('material_id', 'in', materialIds)
    .orderBy('material_id')
    .orderBy('language')
    .orderBy('edition', 'desc')
    .execute();
}

export type FileRow = Awaited<ReturnType<typeof listFiles>>[number];

export async function findFile(db: Executor, materialId: string, fileId: string) {
  return db
    .selectFrom('library_file')
    .select(['id', 'language', 'edition', 'file_name as fileName', 'original_name as originalName', 'content_type as contentType', 'byte_size as byteSize'])
    .where('material_id', '=', materialId)
    .where('id', '=', fileId)
    .executeTakeFirst();
}

/** The plain text of a material's current files (each language's highest edition), for search. */
export async function currentFileTexts(db: Executor, materialId: string) {
  return db
    .selectFrom('library_file as f')
    .select(['f.language', 'f.text_content as text'])
    .where('f.material_id', '=', materialId)
    .where((eb) => eb('f.edition', '=', eb.selectFrom('library_file as g').select((g) => g.fn.max('g.edition').as('e')).whereRef('g.material_id', '=', 'f.material_id').whereRef('g.language', '=', 'f.language')))
    .execute();
}

export async function insertMaterial(db: Executor, id: string, fields: MaterialFields, createdBy: string | null): Promise<void> {
  await db
    .insertInto('library_material')
    .values({ id, kind: fields.kind, title: json(fields.title), summary: json(fields.summary), organization_id: fields.organizationId, author_name: fields.authorName, video_url: fields.videoUrl, created_by: createdBy })
    .execute();
  await replaceTopicsAndLaws(db, id, fields);
}

async function replaceTopicsAndLaws(db: Executor, id: string, fields: MaterialFields): Promise<void> {
  await db.deleteFrom('library_material_topic').where('material_id', '=', id).execute();
  await db.deleteFrom('library_material_law').where('material_id', '=', id).execute();
  if (fields.topics.length) await db.insertInto('library_material_topic').values(fields.topics.map((topic) => ({ material_id: id, topic }))).execute();
  if (fields.laws.length) {
    await db
      .insertInto('library_material_law')
      .values(fields.laws.map((l, i) => ({ id: crypto.randomUUID(), material_id: id, position: i + 1, title: l.title, url: l.url })))
      .execute();
  }
}

/** Changes a material when `version` is the one read; false when it changed meanwhile. */
export async function updateMaterial(db: Executor, id: string, version: number, fields: MaterialFields): Promise<boolean> {
  const result = await db
    .updateTable('library_material')
    .set({ kind: fields.kind, title: json(fields.title), summary: json(fields.summary), organization_id: fields.organizationId, author_name: fields.authorName, video_url: fields.videoUrl, updated_at: sql`now()`, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await replaceTopicsAndLaws(db, id, fields);
  return true;
}

/** Moves a material from one of `from` to `to` when `version` is the one read; false otherwise. */
export async function setState(db: Executor, id: string, version: number, from: readonly LibraryState[], to: LibraryState): Promise<boolean> {
  const stamp = to === 'submitted' ? { submitted_at: sql<Date>`now()` } : to === 'published' ? { published_at: sql<Date>`coalesce(published_at, now())`, withdrawn_at: null } : to === 'withdrawn' ? { withdrawn_at: sql<Date>`now()` } : {};
  const result = await db
    .updateTable('library_material')
    .set({ state: to, ...stamp, updated_at: sql`now()`, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('state', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Marks a change of the material (a file added) so a form read before it is stale. */
export async function touchMaterial(db: Executor, id: string): Promise<void> {
  await db.updateTable('library_material').set({ updated_at: sql`now()`, version: sql`version + 1` }).where('id', '=', id).execute();
}

export interface OfficeFilter {
  /** Only these organisations' materials (a partner's view: the organisations they act for). */
  organizationIds?: readonly string[];
  state?: LibraryState;
}

export async function listOfficeMaterials(db: Executor, filter: OfficeFilter, page: number, pageSize: number) {
  let query = db.selectFrom('library_material as m').select(materialColumns);
  if (filter.organizationIds) query = filter.organizationIds.length ? query.where('m.organization_id', 'in', filter.organizationIds) : query.where(sql<boolean>`false`);
  if (filter.state) query = query.where('m.state', '=', filter.state);
  return paginate(query.orderBy('m.updated_at', 'desc').orderBy('m.id'), pageWindow(page, pageSize));
}

export interface PublicFilter {
  topic?: string;
  /** A law by its URL. */
  law?: string;
  /** Materials with a file, or a title, in this language. */
  language?: LibraryFileLanguage;
}

export async function listPublished(db: Executor, filter: PublicFilter, page: number, pageSize: number) {
  let query = db.selectFrom('library_material as m').select(materialColumns).where('m.state', '=', 'published');
  if (filter.topic) {
    const topic = filter.topic;
    query = query.where((eb) => eb.exists(eb.selectFrom('library_material_topic as t').select('t.topic').whereRef('t.material_id', '=', 'm.id').where('t.topic', '=', topic)));
  }
  if (filter.law) {
    const law = filter.law;
    query = query.where((eb) => eb.exists(eb.selectFrom('library_material_law as l').select('l.id').whereRef('l.material_id', '=', 'm.id').where('l.url', '=', law)));
  }
  if (filter.language) {
    const language = filter.language;
    query = query.where((eb) =>
      eb.or([eb.exists(eb.selectFrom('library_file as f').select('f.id').whereRef('f.material_id', '=', 'm.id').where('f.language', '=', language)), eb(sql<string>`m.title ->> ${language}`, 'is not', null)]),
    );
  }
  return paginate(query.orderBy('m.published_at', 'desc').orderBy('m.id'), pageWindow(page, pageSize));
}

/** The topics and laws of published materials (the public filters). */
export async function publishedFacets(db: Executor) {
  const [topics, laws] = await Promise.all([
    db.selectFrom('library_material_topic as t').innerJoin('library_material as m', 'm.id', 't.material_id').where('m.state', '=', 'published').select('t.topic').distinct().orderBy('t.topic').execute(),
    db.selectFrom('library_material_law as l').innerJoin('library_material as m', 'm.id', 'l.material_id').where('m.state', '=', 'published').select(['l.url', (eb) => eb.fn.min('l.title').as('title')]).groupBy('l.url').orderBy('title').execute(),
  ]);
  return { topics: topics.map((t) => t.topic), laws };
}

export async function insertFile(
  db: Executor,
  file: { id: string; materialId: string; language: LibraryFileLanguage; fileName: string; originalName: string; contentType: string; byteSize: number; text: string | null; textProblem: string | null; note: string | null; uploadedBy: string | null },
): Promise<number> {
  // The next edition of this language: two uploads at once meet the unique key, and one is refused.
  const last = await db.selectFrom('library_file').select((eb) => eb.fn.max('edition').as('e')).where('material_id', '=', file.materialId).where('language', '=', file.language).executeTakeFirst();
  const edition = Number(last?.e ?? 0) + 1;
  await db
    .insertInto('library_file')
    .values({
      id: file.id,
      material_id: file.materialId,
      language: file.language,
      edition,
      file_name: file.fileName,
      original_name: file.originalName,
      content_type: file.contentType,
      byte_size: file.byteSize,
      text_content: file.text,
      text_problem: file.textProblem,
      note: file.note,
      uploaded_by: file.uploadedBy,
    })
    .execute();
  return edition;
}

// ── Distribution ──

export async function insertDistribution(db: Executor, d: { id: string; materialId: string; note: LocalizedText | null; remindAfterDays: number; sentBy: string | null }, organizationIds: readonly string[]): Promise<void> {
  await db.insertInto('library_distribution').values({ id: d.id, material_id: d.materialId, note: json(d.note), remind_after_days: d.remindAfterDays, sent_by: d.sentBy }).execute();
  if (organizationIds.length) await db.insertInto('library_delivery').values(organizationIds.map((o) => ({ distribution_id: d.id, organization_id: o }))).execute();
}

export async function listDistributions(db: Executor, materialId: string) {
  return db
    .selectFrom('library_distribution as d')
    .select((eb) => [
      'd.id',
      'd.note',
      'd.remind_after_days as remindAfterDays',
      'd.sent_at as sentAt',
      eb.selectFrom('library_delivery as v').whereRef('v.distribution_id', '=', 'd.id').select(eb.fn.countAll<number>().as('n')).as('recipients'),
    ])
    .where('d.material_id', '=', materialId)
    .orderBy('d.sent_at', 'desc')
    .execute();
}

/** Per maslikhat a material was sent to: when first sent, whether and when acknowledged, its use. */
export async function coverageRows(db: Executor, materialId: string | null) {
  let query = db
    .selectFrom('library_delivery as v')
    .innerJoin('library_distribution as d', 'd.id', 'v.distribution_id')
    .leftJoin('library_use as o', (j) => j.onRef('o.material_id', '=', 'd.material_id').onRef('o.organization_id', '=', 'v.organization_id').on('o.action', '=', 'open'))
    .leftJoin('library_use as w', (j) => j.onRef('w.material_id', '=', 'd.material_id').onRef('w.organization_id', '=', 'v.organization_id').on('w.action', '=', 'download'))
    .select((eb) => [
      'd.material_id as materialId',
      'v.organization_id as organizationId',
      eb.fn.min('d.sent_at').as('sentAt'),
      eb.fn.min('v.acknowledged_at').as('acknowledgedAt'),
      eb.fn.min('o.first_at').as('openedAt'),
      eb.fn.max('o.count').as('opens'),
      eb.fn.max('w.count').as('downloads'),
    ])
    .groupBy(['d.material_id', 'v.organization_id']);
  if (materialId) query = query.where('d.material_id', '=', materialId);
  return query.execute();
}

export type CoverageRow = Awaited<ReturnType<typeof coverageRows>>[number];

/** How many maslikhats each published material was sent to. */
export async function receivedCounts(db: Executor, materialIds: readonly string[]) {
  if (!materialIds.length) return [];
  return db
    .selectFrom('library_delivery as v')
    .innerJoin('library_distribution as d', 'd.id', 'v.distribution_id')
    .select((eb) => ['d.material_id as materialId', eb.fn.count<number>(sql`distinct v.organization_id`).as('n')])
    .where('d.material_id', 'in', materialIds)
    .groupBy('d.material_id')
    .execute();
}

/** The materials sent to a maslikhat (published or withdrawn since), newest first, with its acknowledgement. */
export async function listReceived(db: Executor, organizationId: string, page: number, pageSize: number) {
  const query = db
    .selectFrom('library_delivery as v')
    .innerJoin('library_distribution as d', 'd.id', 'v.distribution_id')
    .innerJoin('library_material as m', 'm.id', 'd.material_id')
    .select((eb) => ['m.id', 'm.kind', 'm.title', 'm.state', eb.fn.max('d.sent_at').as('sentAt'), eb.fn.min('v.acknowledged_at').as('acknowledgedAt')])
    .where('v.organization_id', '=', organizationId)
    .groupBy(['m.id', 'm.kind', 'm.title', 'm.state'])
    .orderBy('sentAt', 'desc')
    .orderBy('m.id');
  const count = db
    .selectFrom('library_delivery as v')
    .innerJoin('library_distribution as d', 'd.id', 'v.distribution_id')
    .innerJoin('library_material as m', 'm.id', 'd.material_id')
    .select(sql<number>`count(distinct d.material_id)`.as('n'))
    .where('v.organization_id', '=', organizationId);
  return paginate(query, pageWindow(page, pageSize), count);
}

/** The deliveries of a material to a maslikhat, with each distribution's note. */
export async function deliveriesTo(db: Executor, materialId: string, organizationId: string) {
  return db
    .selectFrom('library_delivery as v')
    .innerJoin('library_distribution as d', 'd.id', 'v.distribution_id')
    .select(['d.id as distributionId', 'd.note', 'd.sent_at as sentAt', 'v.acknowledged_at as acknowledgedAt'])
    .where('d.material_id', '=', materialId)
    .where('v.organization_id', '=', organizationId)
    .orderBy('d.sent_at', 'desc')
    .execute();
}

/** How many materials a maslikhat has received and not yet acknowledged (the office home). */
export async function countUnacknowledged(db: Executor, organizationIds: readonly string[]): Promise<number> {
  if (!organizationIds.length) return 0;
  const row = await db
    .selectFrom('library_delivery as v')
    .innerJoin('library_distribution as d', 'd.id', 'v.distribution_id')
    .innerJoin('library_material as m', 'm.id', 'd.material_id')
    .select(sql<number>`count(distinct (d.material_id, v.organization_id))`.as('n'))
    .where('v.organization_id', 'in', organizationIds)
    .where('v.acknowledged_at', 'is', null)
    .where('m.state', '=', 'published')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Acknowledges every delivery of the material to the maslikhat not yet acknowledged; how many. */
export async function acknowledge(db: Executor, materialId: string, organizationId: string, accountId: string | null): Promise<number> {
  const result = await db
    .updateTable('library_delivery')
    .set({ acknowledged_at: sql`now()`, acknowledged_by: accountId })
    .where('organization_id', '=', organizationId)
    .where('acknowledged_at', 'is', null)
    .where('distribution_id', 'in', (eb) => eb.selectFrom('library_distribution').select('id').where('material_id', '=', materialId))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Counts one opening or download of a material by a maslikhat (the first one's time is kept). */
export async function recordUse(db: Executor, materialId: string, organizationId: string, action: LibraryUseAction): Promise<void> {
  await db
    .insertInto('library_use')
    .values({ material_id: materialId, organization_id: organizationId, action })
    .onConflict((oc) => oc.columns(['material_id', 'organization_id', 'action']).doUpdateSet({ count: sql`library_use.count + 1`, last_at: sql`now()` }))
    .execute();
}

// ── Reminders ──

/** Deliveries of published materials not acknowledged and not reminded, whose wait is over at `now`. */
export async function listDueReminders(db: Executor, now: Date) {
  return db
    .selectFrom('library_delivery as v')
    .innerJoin('library_distribution as d', 'd.id', 'v.distribution_id')
    .innerJoin('library_material as m', 'm.id', 'd.material_id')
    .innerJoin('organization as o', 'o.id', 'v.organization_id')
    .select(['v.distribution_id as distributionId', 'v.organization_id as organizationId', 'o.slug', 'm.id as materialId', 'm.title', 'd.sent_at as sentAt'])
    .where('v.acknowledged_at', 'is', null)
    .where('v.reminded_at', 'is', null)
    .where('m.state', '=', 'published')
    .where(sql<boolean>`d.sent_at + make_interval(days => d.remind_after_days) <= ${now}`)
    .orderBy('d.sent_at')
    .execute();
}

/** Claims a delivery's one reminder: true for the one caller that set it (two instances: one wins). */
export async function claimReminder(db: Executor, distributionId: string, organizationId: string, now: Date): Promise<boolean> {
  const row = await db
    .updateTable('library_delivery')
    .set({ reminded_at: now })
    .where('distribution_id', '=', distributionId)
    .where('organization_id', '=', organizationId)
    .where('reminded_at', 'is', null)
    .where('acknowledged_at', 'is', null)
    .returning('distribution_id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function recordReminderRecipients(db: Executor, distributionId: string, organizationId: string, recipients: number): Promise<void> {
  await db.updateTable('library_delivery').set({ reminder_recipients: recipients }).where('distribution_id', '=', distributionId).where('organization_id', '=', organizationId).execute();
}

export type LibraryRecipient = AccountRecipient;

/** Active accounts of a maslikhat's staff: a grant valid today, not revoked, on it or one above it. */
export const listStaff = (db: Executor, organizationId: string, today: string): Promise<LibraryRecipient[]> => listGrantHolders(db, organizationId, today, ['maslikhat_staff']);

// ── Search ──

/** Materials with what the search index shows of them (all, or those named). */
export async function listForSearch(db: Executor, ids?: readonly string[]) {
  let query = db.selectFrom('library_material as m').select(['m.id', 'm.title', 'm.summary', 'm.state', 'm.published_at as publishedAt']);
  if (ids) {
    if (!ids.length) return [];
    query = query.where('m.id', 'in', ids);
  }
  return query.execute();
}

/** The text of the materials' current files (each language's highest edition). */
export async function currentTextsOf(db: Executor, materialIds: readonly string[]) {
  if (!materialIds.length) return [];
  return db
    .selectFrom('library_file as f')
    .select(['f.material_id as materialId', 'f.language', 'f.text_content as text'])
    .where('f.material_id', 'in', materialIds)
    .where('f.text_content', 'is not', null)
    .where((eb) => eb('f.edition', '=', eb.selectFrom('library_file as g').select((g) => g.fn.max('g.edition').as('e')).whereRef('g.material_id', '=', 'f.material_id').whereRef('g.language', '=', 'f.language')))
    .execute();
}
