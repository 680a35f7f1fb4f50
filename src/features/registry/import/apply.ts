// Applies a checked plan inside the caller's transaction: the district and city maslikhats it names,
// persons, electoral districts and memberships, then one audit event with the counts. What is there
// already is matched, not added again (persons by IIN, else by name and birth date; a deputy's
// membership by maslikhat, person and convocation; a district by maslikhat, number and
// convocation), so applying the same file twice changes nothing the second time.
import { recordChange, type ChangeContext } from '../../../core/audit/audit.js';
import { newId } from '../../../core/ids.js';
import type { LocalizedText } from '../../../core/i18n/localized-text.js';
import { foldForSearch } from '../../../core/text/fold.js';
import { insertElectoralDistricts, insertMemberships, insertPersons, type NewMembership, type NewPerson } from '../membership.repository.js';
import { insertOrganization } from '../registry.repository.js';
import * as repo from './import.repository.js';
import { planChangesNothing, type ImportCounts, type ImportPlan, type ImportTarget, type ProgressCallback } from './validate.js';

export interface ApplyMeta {
  fileName: string | null;
  sha256: string;
}

const batch = async <T>(items: T[], size: number, write: (part: T[]) => Promise<void>) => {
  for (let i = 0; i < items.length; i += size) await write(items.slice(i, i + size));
};

/** A readable, stable slug for a maslikhat under the region: 'maslikhat-270000000-borli-audandyk'. */
function slugFor(parentSlug: string, key: string): string {
  const tail = key.replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60).replace(/-$/, '');
  return `${parentSlug}-${tail || 'maslikhat'}`;
}

export async function applyPlan(
  trx: repo.ImportDb,
  target: ImportTarget & { areaId?: string | null },
  plan: ImportPlan,
  context: ChangeContext,
  meta: ApplyMeta,
  onProgress: ProgressCallback = () => {},
): Promise<ImportCounts> {
  const lang = plan.language;
  const text = (s: string): LocalizedText => ({ [lang]: s });

  // District and city maslikhats, under the region.
  const maslikhatIdByKey = new Map<string, string>();
  if (plan.newMaslikhats.length) {
    const wanted = plan.newMaslikhats.map((m) => slugFor(target.slug, m.key));
    const taken = await repo.findTakenSlugs(trx, wanted.flatMap((s) => [s, ...[2, 3, 4, 5, 6, 7, 8, 9].map((n) => `${s}-${n}`)]));
    for (const [i, m] of plan.newMaslikhats.entries()) {
      let slug = wanted[i]!;
      for (let n = 2; taken.has(slug); n++) slug = `${wanted[i]}-${n}`;
      taken.add(slug);
      const id = newId();
      await insertOrganization(
        trx,
        {
          id,
          slug,
          classification: 'maslikhat',
          maslikhat_level: m.level,
          parent_id: target.id,
          area_id: null,
          founding_date: null,
          dissolution_date: null,
          description: null,
          source: 'deputies import',
        },
        [{ id: newId(), name: m.name, short_name: null, valid_from: null, valid_to: null }],
      );
      maslikhatIdByKey.set(m.key, id);
    }
  }
  const organizationOf = (row: ImportPlan['rows'][number]) =>
    row.maslikhat.kind === 'target' ? target.id : row.maslikhat.kind === 'existing' ? row.maslikhat.id : maslikhatIdByKey.get(row.maslikhat.key)!;

  // Persons.
  onProgress('writing persons');
  const personIdByRow = new Map<number, string>();
  const newPersons: NewPerson[] = [];
  for (const row of plan.rows) {
    if (row.person.kind === 'existing') {
      personIdByRow.set(row.row, row.person.id);
      if (row.person.addIin && row.iin) await repo.setPersonIin(trx, row.person.id, row.iin);
      continue;
    }
    const id = newId();
    personIdByRow.set(row.row, id);
    const full = [row.familyName, row.givenName, row.patronymic].filter(Boolean).join(' ');
    newPersons.push({
      id,
      name: text(full),
      family_name: text(row.familyName),
      given_name: text(row.givenName),
      patronymic: row.patronymic ? text(row.patronymic) : null,
      birth_date: row.birthDate || null,
      gender: row.gender,
      iin: row.iin,
      search_text: foldForSearch(full),
      source: 'deputies import',
    });
  }
  await batch(newPersons, 1000, (part) => insertPersons(trx, part));

  // Electoral districts: the convocation's own, else one with no convocation named.
  onProgress('writing districts');
  const organizationIds = [...new Set(plan.rows.map(organizationOf))];
  const districtId = new Map<string, string>();
  for (const d of await repo.findElectoralDistricts(trx, organizationIds, plan.convocationId)) {
    const key = `${d.organizationId}#${d.number}`;
    if (!districtId.has(key) || d.convocationId === plan.convocationId) districtId.set(key, d.id);
  }
  const newDistricts: Parameters<typeof insertElectoralDistricts>[1] = [];
  const districtFor = (organizationId: string, number: number | null): string | null => {
    if (number === null) return null;
    const key = `${organizationId}#${number}`;
    let id = districtId.get(key);
    if (!id) {
      id = newId();
      districtId.set(key, id);
      newDistricts.push({ id, organization_id: organizationId, number, name: null, convocation_id: plan.convocationId });
    }
    return id;
  };

  // Memberships.
  const newMemberships: NewMembership[] = [];
  for (const row of plan.rows) {
    const organizationId = organizationOf(row);
    if (row.membership.kind === 'existing') {
      const c = row.membership.changes;
      if (Object.keys(c).length === 0) continue;
      await repo.updateMembershipFields(trx, row.membership.id, {
        ...('district' in c ? { electoral_district_id: districtFor(organizationId, c.district ?? null) } : {}),
        ...('partyId' in c ? { on_behalf_of_id: c.partyId ?? null } : {}),
        ...(c.startDate ? { start_date: c.startDate } : {}),
      });
      continue;
    }
    newMemberships.push({
      id: newId(),
      organization_id: organizationId,
      person_id: personIdByRow.get(row.row)!,
      role: 'deputy',
      on_behalf_of_id: row.partyId,
      electoral_district_id: districtFor(organizationId, row.district),
      convocation_id: plan.convocationId,
      start_date: row.startDate,
      source: 'deputies import',
    });
  }
  await batch(newDistricts, 2000, (part) => insertElectoralDistricts(trx, part));
  onProgress('writing memberships');
  await batch(newMemberships, 1000, (part) => insertMemberships(trx, part));

  const counts = { ...plan.counts };
  if (!planChangesNothing(plan)) {
    await recordChange(trx, context, {
      entity: 'deputies_import',
      entityId: target.id,
      action: 'applied',
      after: { file: meta.fileName, sha256: meta.sha256, ...counts, districtsCreated: newDistricts.length },
    });
  }
  return counts;
}
