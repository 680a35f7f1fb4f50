// The deputies import, for the office screens, the CLI and the bench: read a file, check every row,
// keep the checked rows as an upload, and apply them all or nothing.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ChangeContext } from '../../../core/audit/audit.js';
import type { Db } from '../../../core/db/connect.js';
import { todayInKazakhstan } from '../../../core/db/dated.js';
import { NotFoundError } from '../../../core/errors.js';
import { isUuid, newId } from '../../../core/ids.js';
import { findOrganizationBySlug } from '../registry.repository.js';
import { applyPlan } from './apply.js';
import * as repo from './import.repository.js';
import { parseDeputiesFile, parsedFileSchema, type ParsedFile } from './parse.js';
import { validateImport, type ImportCounts, type ImportTarget, type ProgressCallback, type Validation } from './validate.js';

export interface Target extends ImportTarget {
  areaId: string | null;
}

/** What is kept between the check and the apply (in the `import_upload` table; see import.repository.ts). */
const storedUpload = z.object({
  organizationId: z.string(),
  accountId: z.string().nullable(),
  createdAt: z.string(),
  fileName: z.string().nullable(),
  sha256: z.string(),
  file: parsedFileSchema,
});
export type StoredUpload = z.infer<typeof storedUpload>;

/** The stored upload as it was saved, or undefined (none, or not one this version can read). */
const readUpload = (payload: unknown): StoredUpload | undefined => {
  const upload = storedUpload.safeParse(payload);
  return upload.success ? upload.data : undefined;
};

export type ApplyOutcome = { outcome: 'applied'; counts: ImportCounts } | { outcome: 'problems'; validation: Validation } | { outcome: 'gone' };

/** Uploads not applied within a day are dropped. */
const uploadLifetimeMs = 24 * 3600 * 1000;

export const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

export function createImportService(db: Db) {
  return {
    /** The maslikhat named in a URL or on the command line. */
    async target(slug: string): Promise<Target> {
      const org = await findOrganizationBySlug(db, slug, todayInKazakhstan());
      if (!org || org.classification !== 'maslikhat') throw NotFoundError();
      return { id: org.id, slug: org.slug, level: org.maslikhatLevel, name: org.name, areaId: org.areaId };
    },

    /** Reads and checks a file; writes nothing. */
    async check(target: Target, data: Uint8Array, onProgress?: ProgressCallback): Promise<{ parsed: ParsedFile; validation: Validation }> {
      onProgress?.('reading the file');
      const parsed = await parseDeputiesFile(data);
      const validation = await validateImport(db, target, parsed, { today: todayInKazakhstan(), ...(onProgress ? { onProgress } : {}) });
      return { parsed, validation };
    },

    /** Keeps a checked file's rows for the apply step; returns its id. */
    async storeUpload(target: Target, accountId: string | null, fileName: string | null, data: Uint8Array, parsed: ParsedFile): Promise<string> {
      const id = newId();
      const upload: StoredUpload = { organizationId: target.id, accountId, createdAt: new Date().toISOString(), fileName, sha256: sha256(data), file: parsed };
      await db.transaction().execute(async (trx) => {
        await repo.deleteUploadsBefore(trx, new Date(Date.now() - uploadLifetimeMs));
        await repo.saveUpload(trx, id, upload);
      });
      return id;
    },

    /** The upload, only for the maslikhat and the person it was made by. */
    async findUpload(id: string, target: Target, accountId: string | null): Promise<StoredUpload | undefined> {
      if (!isUuid(id)) return undefined;
      const upload = readUpload(await repo.findUpload(db, id));
      return upload && upload.organizationId === target.id && upload.accountId === accountId ? upload : undefined;
    },

    /** Checks the stored rows again against the registry as it is now and applies them, all or nothing. */
    async applyUpload(id: string, target: Target, accountId: string | null, context: ChangeContext): Promise<ApplyOutcome> {
      if (!isUuid(id)) return { outcome: 'gone' };
      return db.transaction().execute(async (trx): Promise<ApplyOutcome> => {
        await repo.lockOrganization(trx, target.id);
        const upload = readUpload(await repo.findUpload(trx, id, true));
        if (!upload || upload.organizationId !== target.id || upload.accountId !== accountId) return { outcome: 'gone' };
        const validation = await validateImport(trx, target, upload.file, { today: todayInKazakhstan() });
        if (validation.fileProblems.length || validation.problems.length) return { outcome: 'problems', validation };
        const counts = await applyPlan(trx, target, validation.plan, context, { fileName: upload.fileName, sha256: upload.sha256 });
        await repo.deleteUpload(trx, id);
        return { outcome: 'applied', counts };
      });
    },

    /** Check and apply in one go (the CLI and the bench): nothing is written when any row is bad. */
    async importFile(
      target: Target,
      data: Uint8Array,
      options: { fileName: string | null; context: ChangeContext; dryRun?: boolean; onProgress?: ProgressCallback },
    ): Promise<{ validation: Validation; counts: ImportCounts | null }> {
      const progress = options.onProgress ?? (() => {});
      progress('reading the file');
      const parsed = await parseDeputiesFile(data);
      return db.transaction().execute(async (trx) => {
        await repo.lockOrganization(trx, target.id);
        const validation = await validateImport(trx, target, parsed, { today: todayInKazakhstan(), onProgress: progress });
        if (validation.fileProblems.length || validation.problems.length || options.dryRun) return { validation, counts: null };
        const counts = await applyPlan(trx, target, validation.plan, options.context, { fileName: options.fileName, sha256: sha256(data) }, progress);
        return { validation, counts };
      });
    },
  };
}

export type ImportService = ReturnType<typeof createImportService>;
