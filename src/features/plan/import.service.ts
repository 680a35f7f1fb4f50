// The plan import: read a file, check every row against the plan it goes into (a new draft, or a
// draft kept), keep the checked rows as an upload, and apply them all or nothing in one transaction —
// the plan, its new sections and its items written and audited as the plan's forms write them.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { recordChange, type ChangeContext } from '../../core/audit/audit.js';
import type { Db } from '../../core/db/connect.js';
import { todayInKazakhstan } from '../../core/db/dated.js';
import { ConflictError } from '../../core/errors.js';
import { isUuid, newId } from '../../core/ids.js';
import { localizedTextData, type LocalizedText } from '../../core/i18n/localized-text.js';
import type { RegistryService } from '../registry/registry.service.js';
import { parsePlanFile, planFileSchema, type PlanFile } from './import.parse.js';
import * as repo from './import.repository.js';
import { validatePlanFile, type BodyEntry, type PlanImportContext, type PlanValidation } from './import.validate.js';
import { otherBodyKinds } from './plan-item.forms.js';
import * as items from './plan-items.repository.js';
import * as plans from './plan.repository.js';
import type { ItemInput } from './plan.service.js';

/** Where the rows go: a new draft plan of the organisation, or a draft plan kept. */
const uploadTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('new'), organizationId: z.string(), title: localizedTextData, periodStart: z.string(), periodEnd: z.string() }),
  z.object({ kind: z.literal('existing'), planId: z.string() }),
]);
export type ImportTarget = z.infer<typeof uploadTarget>;

const storedUpload = z.object({ accountId: z.string().nullable(), createdAt: z.string(), fileName: z.string().nullable(), sha256: z.string(), target: uploadTarget, file: planFileSchema });
type StoredUpload = z.infer<typeof storedUpload>;

const readUpload = (payload: unknown): StoredUpload | undefined => {
  const upload = storedUpload.safeParse(payload);
  return upload.success ? upload.data : undefined;
};

export type ApplyOutcome = { outcome: 'applied'; planId: string; items: number } | { outcome: 'problems'; validation: PlanValidation } | { outcome: 'gone' };

/** Uploads not applied within a day are dropped. */
const uploadLifetimeMs = 24 * 3600 * 1000;

const refused = (messageKey: 'planImport.notDraft'): PlanValidation => ({ fileProblems: [{ messageKey }], problems: [], badRows: 0, totalRows: 0, sections: [], items: [] });

export function createPlanImportService(db: Db, registry: RegistryService) {
  /**
   * The bodies an item may name, as the item form offers them (plan-office.tsx bodyChoices), as of
   * today: the region maslikhats, the Council and its member organisations, then every other
   * organisation of the kinds the form offers (government bodies, institutes, associations…).
   * A name two bodies share goes to the one listed first.
   */
  async function bodies(organizationId: string | null): Promise<BodyEntry[]> {
    const today = todayInKazakhstan();
    const home = await registry.homeOrganization();
    const [regions, members, kinds] = await Promise.all([registry.listRegionMaslikhats(today), registry.councilMembers(home.id, today), registry.organizationsOfClassifications(otherBodyKinds, today)]);
    const ids = [home.id, ...(organizationId ? [organizationId] : []), ...members.flatMap((m) => (m.memberOrganizationId ? [m.memberOrganizationId] : []))];
    const council = await registry.listOrganizationsByIds([...new Set(ids)], today);
    const listed = new Set([...regions, ...council].map((o) => o.id));
    const entry = (o: { id: string; slug: string; name: LocalizedText; shortName: LocalizedText | null }, kato: string | null): BodyEntry => ({ id: o.id, slug: o.slug, kato, names: [o.name, ...(o.shortName ? [o.shortName] : [])] });
    return [...regions.map((r) => entry(r, r.area.kato)), ...council.map((o) => entry(o, null)), ...kinds.filter((o) => !listed.has(o.id)).map((o) => entry(o, null))];
  }

  /** The bodies a target's items may name (read outside any transaction: the registry's service has its own connection). */
  async function bodiesFor(target: ImportTarget): Promise<BodyEntry[]> {
    return bodies(target.kind === 'new' ? target.organizationId : ((await plans.findPlan(db, target.planId))?.organizationId ?? null));
  }

  /** The plan's period and sections, with the bodies; a plan no longer a draft is refused. */
  async function contextOf(executor: Db, target: ImportTarget, bodyList: BodyEntry[]): Promise<{ context: PlanImportContext; plan: plans.PlanRecord | undefined } | 'notDraft' | 'gone'> {
    if (target.kind === 'new') return { context: { period: { start: target.periodStart, end: target.periodEnd }, sections: [], bodies: bodyList }, plan: undefined };
    const plan = await plans.findPlan(executor, target.planId);
    if (!plan) return 'gone';
    if (plan.status !== 'draft') return 'notDraft';
    const sections = await plans.listSections(executor, plan.id);
    return { context: { period: { start: plan.periodStart, end: plan.periodEnd }, sections, bodies: bodyList }, plan };
  }

  async function writeItem(trx: Db, planId: string, position: number, input: ItemInput, context: ChangeContext): Promise<void> {
    const id = newId();
    await items.insertItem(trx, id, planId, position, input);
    await items.replaceResponsible(trx, id, [
      ...(input.allRegionMaslikhats ? [{ id: newId(), organizationId: null, bodyGroup: 'region_maslikhats' as const, role: 'lead' as const }] : []),
      ...input.leadIds.map((organizationId) => ({ id: newId(), organizationId, bodyGroup: null, role: 'lead' as const })),
      ...input.coExecutorIds.map((organizationId) => ({ id: newId(), organizationId, bodyGroup: null, role: 'co_executor' as const })),
    ]);
    await items.saveIndicators(trx, id, input.indicators.map((i, n) => ({ id: newId(), existing: false, position: n + 1, values: i.values })));
    // As the item form's audit entry (plan-items.service.ts addItem).
    await recordChange(trx, context, { entity: 'plan_item', entityId: id, action: 'created', after: { planId, ...input, indicators: input.indicators.map((i) => i.values) } });
  }

  return {
    /** The drafts a file may go into. */
    draftPlans: async () => (await plans.listPlans(db)).filter((p) => p.status === 'draft'),

    /** A draft plan by id (undefined when there is none, or it is not a draft). */
    async draftPlan(id: string) {
      if (!isUuid(id)) return undefined;
      const plan = await plans.findPlan(db, id);
      return plan?.status === 'draft' ? plan : undefined;
    },

    /** Reads and checks a file against its target; writes nothing. */
    async check(target: ImportTarget, data: Uint8Array): Promise<{ parsed: PlanFile; validation: PlanValidation; names: Map<string, LocalizedText> }> {
      const parsed = await parsePlanFile(data);
      const found = await contextOf(db, target, await bodiesFor(target));
      if (found === 'gone' || found === 'notDraft') return { parsed, validation: refused('planImport.notDraft'), names: new Map() };
      const names = new Map(found.context.bodies.map((b) => [b.id, b.names[0] ?? {}]));
      return { parsed, validation: validatePlanFile(parsed, found.context), names };
    },

    /** Keeps a checked file's rows for the apply step; returns its id. */
    async storeUpload(target: ImportTarget, accountId: string | null, fileName: string | null, data: Uint8Array, parsed: PlanFile): Promise<string> {
      const id = newId();
      const upload: StoredUpload = { accountId, createdAt: new Date().toISOString(), fileName, sha256: createHash('sha256').update(data).digest('hex'), target, file: parsed };
      await db.transaction().execute(async (trx) => {
        await repo.deleteUploadsBefore(trx, new Date(Date.now() - uploadLifetimeMs));
        await repo.saveUpload(trx, id, upload);
      });
      return id;
    },

    /** Where a stored upload goes (to authorise its apply), only for the person who made it. */
    async uploadTarget(id: string, accountId: string | null): Promise<ImportTarget | undefined> {
      if (!isUuid(id)) return undefined;
      const upload = readUpload(await repo.findUpload(db, id));
      return upload && upload.accountId === accountId ? upload.target : undefined;
    },

    /** Checks the stored rows again against the plan and the registry as they are now, and applies them all or nothing. */
    async applyUpload(id: string, accountId: string | null, context: ChangeContext): Promise<ApplyOutcome> {
      if (!isUuid(id)) return { outcome: 'gone' };
      const first = readUpload(await repo.findUpload(db, id));
      if (!first) return { outcome: 'gone' };
      const bodyList = await bodiesFor(first.target);
      return db.transaction().execute(async (trx): Promise<ApplyOutcome> => {
        const upload = readUpload(await repo.findUpload(trx, id, true));
        if (!upload || upload.accountId !== accountId) return { outcome: 'gone' };
        const found = await contextOf(trx, upload.target, bodyList);
        if (found === 'gone') return { outcome: 'gone' };
        if (found === 'notDraft') return { outcome: 'problems', validation: refused('planImport.notDraft') };
        const validation = validatePlanFile(upload.file, found.context);
        if (validation.fileProblems.length || validation.problems.length) return { outcome: 'problems', validation };

        let planId: string;
        if (found.plan) {
          planId = found.plan.id;
          // Holds the plan and moves its version on: a form opened before the import is stale.
          if (!(await plans.touchPlan(trx, planId, found.plan.version))) throw ConflictError();
        } else if (upload.target.kind === 'new') {
          planId = newId();
          const { organizationId, title, periodStart, periodEnd } = upload.target;
          const input = { title, periodStart, periodEnd };
          await plans.insertPlan(trx, { id: planId, organizationId, ...input });
          await recordChange(trx, context, { entity: 'plan', entityId: planId, action: 'created', after: { organizationId, ...input } });
        } else return { outcome: 'gone' };

        const sectionIds = new Map<string, string>();
        for (const section of validation.sections) {
          if (section.existingId) {
            sectionIds.set(section.key, section.existingId);
            continue;
          }
          const sectionId = newId();
          const position = await plans.insertSection(trx, { id: sectionId, planId, title: section.title });
          await recordChange(trx, context, { entity: 'plan_section', entityId: sectionId, action: 'created', after: { planId, position, title: section.title } });
          sectionIds.set(section.key, sectionId);
        }
        let position = await items.lastItemPosition(trx, planId);
        for (const item of validation.items) {
          await writeItem(trx, planId, ++position, { ...item.input, sectionId: item.sectionKey ? (sectionIds.get(item.sectionKey) ?? null) : null }, context);
        }
        await recordChange(trx, context, {
          entity: 'plan',
          entityId: planId,
          action: 'imported',
          after: { fileName: upload.fileName, sha256: upload.sha256, items: validation.items.length, sections: validation.sections.length },
        });
        await repo.deleteUpload(trx, id);
        return { outcome: 'applied', planId, items: validation.items.length };
      });
    },
  };
}

export type PlanImportService = ReturnType<typeof createPlanImportService>;
