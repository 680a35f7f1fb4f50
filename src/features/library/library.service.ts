// The library's rules: materials through their states (draft → submitted → published → withdrawn),
// audited and version-checked; files per language and edition with their text read off the event
// loop; distribution to maslikhats, their acknowledgement and use; coverage by region; the public
// view of published materials; and each material's plain text for search.
import { recordChange, type ChangeContext } from '../../core/audit/audit.js';
import type { Db } from '../../core/db/connect.js';
import { todayInKazakhstan } from '../../core/db/dated.js';
import type { LibraryFileLanguage, LibraryState, LibraryUseAction } from '../../core/db/database.js';
import { pageCount } from '../../core/db/query.js';
import { ConflictError, NotFoundError } from '../../core/errors.js';
import type { FileStore } from '../../core/files.js';
import { newId } from '../../core/ids.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import type { RegistryService } from '../registry/registry.service.js';
import { readMaterialText } from './extract-text.js';
import * as repo from './library.repository.js';

export type { MaterialFields, MaterialRow, FileRow, CoverageRow, LibraryRecipient } from './library.repository.js';

export const officePageSize = 20;
export const publicPageSize = 12;

export interface NewFile {
  language: LibraryFileLanguage;
  data: Buffer;
  extension: string;
  contentType: string;
  originalName: string;
  note: string | null;
}

export interface CoverageLine {
  organizationId: string;
  slug: string;
  name: LocalizedText;
  sent: boolean;
  sentAt: Date | null;
  acknowledgedAt: Date | null;
  openedAt: Date | null;
  opens: number;
  downloads: number;
}

export interface CoverageTotals {
  regions: number;
  sent: number;
  acknowledged: number;
  opened: number;
}

const auditFields = (f: repo.MaterialFields) => ({ kind: f.kind, title: f.title, summary: f.summary, organizationId: f.organizationId, authorName: f.authorName, videoUrl: f.videoUrl, topics: f.topics, laws: f.laws });

export function createLibraryService(db: Db, deps: { files: FileStore; registry: RegistryService }) {
  async function material(id: string) {
    const row = await repo.findMaterial(db, id);
    if (!row) throw NotFoundError();
    const [topics, laws, files] = await Promise.all([repo.listTopics(db, [id]), repo.listLaws(db, [id]), repo.listFiles(db, [id])]);
    return { ...row, topics: topics.map((t) => t.topic), laws: laws.map((l) => ({ title: l.title, url: l.url })), files };
  }

  /** Moves a material's state when its version is the one read (else 409), audited. */
  async function move(id: string, version: number, from: readonly LibraryState[], to: LibraryState, action: string, context: ChangeContext) {
    await db.transaction().execute(async (trx) => {
      const before = await repo.findMaterial(trx, id);
      if (!before) throw NotFoundError();
      if (!(await repo.setState(trx, id, version, from, to))) throw ConflictError();
      await recordChange(trx, context, { entity: 'library_material', entityId: id, action, before: { state: before.state }, after: { state: to } });
    });
  }

  /** The region maslikhats of today with the coverage of one material (or of all, each maslikhat's best). */
  async function coverage(materialId: string | null): Promise<{ lines: CoverageLine[]; totals: CoverageTotals }> {
    const [regions, rows] = await Promise.all([deps.registry.listRegionMaslikhats(todayInKazakhstan()), repo.coverageRows(db, materialId)]);
    const byOrganization = Map.groupBy(rows, (r) => r.organizationId);
    const lines = regions.map((r): CoverageLine => {
      const own = byOrganization.get(r.id) ?? [];
      const first = (pick: (row: repo.CoverageRow) => Date | string | null) => {
        const times = own.map(pick).filter((t): t is Date | string => t !== null).map((t) => new Date(t));
        return times.length ? new Date(Math.min(...times.map((t) => t.getTime()))) : null;
      };
      return {
        organizationId: r.id,
        slug: r.slug,
        name: r.area.name ?? r.name,
        sent: own.length > 0,
        sentAt: first((x) => x.sentAt),
        acknowledgedAt: first((x) => x.acknowledgedAt),
        openedAt: first((x) => x.openedAt),
        opens: own.reduce((n, x) => n + Number(x.opens ?? 0), 0),
        downloads: own.reduce((n, x) => n + Number(x.downloads ?? 0), 0),
      };
    });
    const totals = { regions: lines.length, sent: lines.filter((l) => l.sent).length, acknowledged: lines.filter((l) => l.acknowledgedAt).length, opened: lines.filter((l) => l.openedAt).length };
    return { lines, totals };
  }

  return {
    material,

    async officeList(filter: repo.OfficeFilter, page: number) {
      const list = await repo.listOfficeMaterials(db, filter, page, officePageSize);
      return { ...list, topics: Map.groupBy(await repo.listTopics(db, list.rows.map((r) => r.id)), (t) => t.materialId) };
    },

    async create(fields: repo.MaterialFields, context: ChangeContext): Promise<string> {
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await repo.insertMaterial(trx, id, fields, context.actorAccountId);
        await recordChange(trx, context, { entity: 'library_material', entityId: id, action: 'created', after: auditFields(fields) });
      });
      return id;
    },

    async update(id: string, version: number, fields: repo.MaterialFields, context: ChangeContext): Promise<void> {
      const before = await material(id);
      await db.transaction().execute(async (trx) => {
        if (!(await repo.updateMaterial(trx, id, version, fields))) throw ConflictError();
        await recordChange(trx, context, { entity: 'library_material', entityId: id, action: 'updated', before: auditFields(before), after: auditFields(fields) });
      });
    },

    submit: (id: string, version: number, context: ChangeContext) => move(id, version, ['draft'], 'submitted', 'submitted', context),
    publish: (id: string, version: number, context: ChangeContext) => move(id, version, ['submitted', 'withdrawn'], 'published', 'published', context),
    returnToDraft: (id: string, version: number, context: ChangeContext) => move(id, version, ['submitted'], 'draft', 'returned', context),
    withdraw: (id: string, version: number, context: ChangeContext) => move(id, version, ['published'], 'withdrawn', 'withdrawn', context),

    /**
     * Adds a file in a language as its next edition (the first, or a correction that becomes the
     * current one): its text is read in a worker first, the bytes stored, then the row written when
     * the material's version is still the one read (409 otherwise). A file whose text cannot be read
     * is stored with the reason.
     */
    async addFile(id: string, version: number, file: NewFile, context: ChangeContext): Promise<{ edition: number; textProblem: string | null }> {
      const before = await repo.findMaterial(db, id);
      if (!before) throw NotFoundError();
      if (before.version !== version) throw ConflictError();
      const extracted = await readMaterialText(file.data);
      const fileName = await deps.files.put(file.data, file.extension);
      const text = 'text' in extracted ? extracted.text : null;
      const textProblem = 'problem' in extracted ? extracted.problem : null;
      const fileId = newId();
      const edition = await db.transaction().execute(async (trx) => {
        const current = await repo.findMaterial(trx, id);
        if (!current || current.version !== version) throw ConflictError();
        const added = await repo.insertFile(trx, { id: fileId, materialId: id, language: file.language, fileName, originalName: file.originalName, contentType: file.contentType, byteSize: file.data.length, text, textProblem, note: file.note, uploadedBy: context.actorAccountId });
        await repo.touchMaterial(trx, id);
        await recordChange(trx, context, { entity: 'library_file', entityId: fileId, action: 'created', after: { materialId: id, language: file.language, edition: added, originalName: file.originalName, byteSize: file.data.length, textProblem } });
        return added;
      });
      return { edition, textProblem };
    },

    async file(materialId: string, fileId: string) {
      const row = await repo.findFile(db, materialId, fileId);
      if (!row) throw NotFoundError();
      return row;
    },

    /** A material's plain text for search: title and summary in each language, and its current files' text. */
    async plainText(id: string): Promise<{ title: LocalizedText; summary: LocalizedText | null; files: { language: LibraryFileLanguage; text: string }[] }> {
      const row = await repo.findMaterial(db, id);
      if (!row) throw NotFoundError();
      const files = await repo.currentFileTexts(db, id);
      return { title: row.title, summary: row.summary, files: files.flatMap((f) => (f.text ? [{ language: f.language, text: f.text }] : [])) };
    },

    // ── Distribution ──

    /** The maslikhats a material can be sent to: the region maslikhats of today. */
    regions: () => deps.registry.listRegionMaslikhats(todayInKazakhstan()),

    /** Sends a published material to maslikhats (each must be a region maslikhat of today) with a note. */
    async distribute(id: string, input: { organizationIds: string[]; note: LocalizedText | null; remindAfterDays: number }, context: ChangeContext): Promise<string> {
      const regions = new Set((await deps.registry.listRegionMaslikhats(todayInKazakhstan())).map((r) => r.id));
      const organizationIds = input.organizationIds.filter((o) => regions.has(o));
      const distributionId = newId();
      await db.transaction().execute(async (trx) => {
        const row = await repo.findMaterial(trx, id);
        if (!row) throw NotFoundError();
        if (row.state !== 'published') throw ConflictError('library.notPublished');
        await repo.insertDistribution(trx, { id: distributionId, materialId: id, note: input.note, remindAfterDays: input.remindAfterDays, sentBy: context.actorAccountId }, organizationIds);
        await recordChange(trx, context, { entity: 'library_distribution', entityId: distributionId, action: 'created', after: { materialId: id, organizationIds, note: input.note, remindAfterDays: input.remindAfterDays } });
      });
      return distributionId;
    },

    distributions: (id: string) => repo.listDistributions(db, id),
    coverage,

    /** The materials sent to a maslikhat, newest first. */
    received: (organizationId: string, page: number) => repo.listReceived(db, organizationId, page, officePageSize),
    unacknowledged: (organizationIds: readonly string[]) => repo.countUnacknowledged(db, organizationIds),

    /** A material sent to the maslikhat (404 if it was not), with its deliveries. */
    async receivedMaterial(id: string, organizationId: string) {
      const deliveries = await repo.deliveriesTo(db, id, organizationId);
      if (!deliveries.length) throw NotFoundError();
      return { material: await material(id), deliveries };
    },

    /** Acknowledges receipt for the maslikhat (once; again is harmless), audited. */
    async acknowledge(id: string, organizationId: string, context: ChangeContext): Promise<void> {
      if (!(await repo.deliveriesTo(db, id, organizationId)).length) throw NotFoundError();
      await db.transaction().execute(async (trx) => {
        const n = await repo.acknowledge(trx, id, organizationId, context.actorAccountId);
        if (n) await recordChange(trx, context, { entity: 'library_delivery', entityId: id, action: 'acknowledged', after: { materialId: id, organizationId } });
      });
    },

    recordUse: (id: string, organizationId: string, action: LibraryUseAction) => repo.recordUse(db, id, organizationId, action),

    // ── Public ──

    async publishedList(filter: repo.PublicFilter, page: number) {
      const list = await repo.listPublished(db, filter, page, publicPageSize);
      const ids = list.rows.map((r) => r.id);
      const [topics, received] = await Promise.all([repo.listTopics(db, ids), repo.receivedCounts(db, ids)]);
      return { ...list, topics: Map.groupBy(topics, (t) => t.materialId), received: new Map(received.map((r) => [r.materialId, Number(r.n)])) };
    },

    facets: () => repo.publishedFacets(db),

    /** How many maslikhats a material was sent to. */
    async receivedBy(id: string): Promise<number> {
      const [row] = await repo.receivedCounts(db, [id]);
      return Number(row?.n ?? 0);
    },
  };
}

export type LibraryService = ReturnType<typeof createLibraryService>;
export { pageCount };
