// `kenes seed --demo`: two things, both idempotent.
// 1. The record of the Council's meeting of 21 October 2020 (reference-data/demo/record-2020-10-21.json):
//    the collective members it admitted by a decision, and the people it names in their posts of
//    that day. Real data: is_demo = false, the press release as source.
// 2. Generated, clearly fictional deputies for every region-level maslikhat: the 2023 convocation
//    (half in numbered single-member districts, half from party lists), a chairman, 2–3 standing
//    commissions with members, public e-mail contacts. Every generated person and membership has
//    is_demo = true; generated organisations (commissions) carry the demo source. A maslikhat that
//    already has generated memberships is skipped, so a second run adds nothing.
// Deterministic: the same maslikhat always gets the same people (a PRNG seeded by its KATO code).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Db } from '../../core/db/connect.js';
import { membershipRoles, organizationClassifications } from '../../core/db/database.js';
import { newId } from '../../core/ids.js';
import { localizedTextData, type LocalizedText } from '../../core/i18n/localized-text.js';
import { toKazakhLatin } from '../../core/i18n/transliterate.js';
import { referenceDataDir } from '../../core/paths.js';
import { silentProgress, type Progress } from '../../core/progress.js';
import { foldForSearch } from '../../core/text/fold.js';
import * as directory from './directory.repository.js';
import { findDecisionOn, recordDecision } from './decisions.js';
import { insertContactDetails, insertElectoralDistricts, insertMemberships, insertPersons, type NewMembership, type NewPerson } from './membership.repository.js';
import * as registry from './registry.repository.js';

/** The `source` of every generated row: how the directory recognises demo organisations. */
export const demoSource = 'kenes seed --demo (generated demo data)';
export const convocationSlug = 'maslikhats-2023';
const electionDate = '2023-03-19';
/** The first sessions of the new maslikhats elected their chairmen ten days after the election. */
const firstSessionDate = '2023-03-29';

const nameForms = z.object({ kk: z.string(), ru: z.string(), en: z.string() });
const gendered = z.object({ male: nameForms, female: nameForms });

/** reference-data/demo/names.json: the names generated deputies are made of. */
const namesFile = z.object({ maleGivenNames: z.array(nameForms), femaleGivenNames: z.array(nameForms), familyNames: z.array(gendered), patronymics: z.array(gendered) });

/** reference-data/demo/demo.json: cities, streets, commissions and how the parties are weighted. */
const demoFile = z.object({
  cityNames: z.array(z.object({ kato: z.string(), name: localizedTextData })),
  streets: z.array(nameForms),
  commissions: z.array(z.object({ key: z.string(), name: localizedTextData })),
  partyWeights: z.array(z.object({ party: z.string().nullable(), listWeight: z.number(), districtWeight: z.number() })),
});

/** reference-data/demo/record-2020-10-21.json: the Council's meeting of 21 October 2020, as its press release gives it. */
const recordFile = z.object({
  source: z.string(),
  date: z.iso.date(),
  organizations: z.array(
    z.object({
      slug: z.string(),
      classification: z.enum(organizationClassifications),
      parent: z.string().optional(),
      name: localizedTextData,
      short_name: localizedTextData.nullable(),
      description: localizedTextData.optional(),
    }),
  ),
  decision: z.object({ organization: z.string(), number: z.string().nullable(), kind: z.literal('admission'), title: localizedTextData, body: localizedTextData.nullable(), admits: z.array(z.string()) }),
  persons: z.array(
    z.object({
      name: localizedTextData,
      given_name: localizedTextData,
      family_name: localizedTextData,
      gender: z.enum(['male', 'female']),
      posts: z.array(z.object({ organization: z.string(), role: z.enum(membershipRoles), label: localizedTextData.optional() })),
    }),
  ),
});

const readDemo = <T>(file: string, schema: z.ZodType<T>): T => schema.parse(JSON.parse(readFileSync(path.join(referenceDataDir, 'demo', file), 'utf8')));

/** Every spelling of a name folded for the trigram search: Cyrillic (kk, ru), Kazakh Latin, passport Latin. */
export function nameSearchText(...texts: (LocalizedText | null | undefined)[]): string {
  const words = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    const forms = [text.kk, text.kk ? toKazakhLatin(text.kk) : undefined, text.ru, text.en];
    for (const form of forms) if (form) for (const word of foldForSearch(form).split(' ')) if (word) words.add(word);
  }
  return [...words].join(' ');
}

// ── A small deterministic PRNG (mulberry32 seeded by FNV-1a) ──

function seededRandom(seed: string): () => number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const between = (random: () => number, min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
function weighted<T>(random: () => number, items: readonly T[], weight: (item: T) => number): T {
  const total = items.reduce((n, item) => n + weight(item), 0);
  let r = random() * total;
  for (const item of items) {
    r -= weight(item);
    if (r < 0) return item;
  }
  return items.at(-1)!;
}
function shuffled<T>(random: () => number, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const ascii = (s: string) => s.toLowerCase().replace(/[^a-z]+/g, '-');

export interface DemoSeedReport {
  maslikhats: number;
  maslikhatsSkipped: number;
  persons: number;
  memberships: number;
  districts: number;
  commissions: number;
  recordRowsAdded: number;
}

/** Inserts rows in slices: one statement per slice keeps well under PostgreSQL's 65,535 parameters. */
async function inSlices<T>(rows: T[], size: number, insert: (slice: T[]) => Promise<void>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

export async function seedDemoData(db: Db, progress: Progress = silentProgress): Promise<DemoSeedReport> {
  const names = readDemo('names.json', namesFile);
  const demo = readDemo('demo.json', demoFile);
  const record = readDemo('record-2020-10-21.json', recordFile);
  const report: DemoSeedReport = { maslikhats: 0, maslikhatsSkipped: 0, persons: 0, memberships: 0, districts: 0, commissions: 0, recordRowsAdded: 0 };

  await db.transaction().execute(async (trx) => {
    // ── 1. The record of 21 October 2020 ──
    progress.step('demo: the Council record of 21 October 2020');
    const orgId = async (slug: string) => {
      const id = await registry.findOrganizationIdBySlug(trx, slug);
      if (!id) throw new Error(`The organisation "${slug}" is not in the registry; run "kenes seed" first.`);
      return id;
    };
    for (const org of record.organizations) {
      if (await registry.findOrganizationIdBySlug(trx, org.slug)) continue;
      await registry.insertOrganization(
        trx,
        {
          id: newId(),
          slug: org.slug,
          classification: org.classification,
          maslikhat_level: null,
          parent_id: org.parent ? await orgId(org.parent) : null,
          area_id: null,
          founding_date: null,
          dissolution_date: null,
          description: org.description ?? null,
          source: record.source,
        },
        [{ id: newId(), name: org.name, short_name: org.short_name, valid_from: null, valid_to: null }],
      );
      report.recordRowsAdded++;
    }
    const councilId = await orgId(record.decision.organization);
    let decisionId = await findDecisionOn(trx, councilId, record.date, record.decision.kind);
    if (!decisionId) {
      decisionId = await recordDecision(trx, {
        organizationId: councilId,
        number: record.decision.number,
        date: record.date,
        kind: record.decision.kind,
        title: record.decision.title,
        body: record.decision.body,
        // The decision names the members it admits: the registry can tell when all are entered.
        admissionsExpected: record.decision.admits.length,
      });
      report.recordRowsAdded++;
    }
    const recordMemberships: NewMembership[] = [];
    for (const slug of record.decision.admits) {
      const memberId = await orgId(slug);
      if (await directory.findMembershipId(trx, { organizationId: councilId, memberOrganizationId: memberId, role: 'collective_member', startDate: record.date })) continue;
      recordMemberships.push({
        id: newId(),
        organization_id: councilId,
        member_organization_id: memberId,
        role: 'collective_member',
        start_date: record.date,
        start_decision_id: decisionId,
        source: record.source,
      });
    }
    for (const person of record.persons) {
      let personId = await directory.findPersonIdBySourceAndName(trx, record.source, person.name.en!);
      if (!personId) {
        personId = newId();
        await insertPersons(trx, [
          {
            id: personId,
            name: person.name,
            given_name: person.given_name,
            family_name: person.family_name,
            gender: person.gender,
            search_text: nameSearchText(person.name, person.given_name, person.family_name),
            source: record.source,
          },
        ]);
        report.recordRowsAdded++;
      }
      for (const post of person.posts) {
        const organizationId = await orgId(post.organization);
        if (await directory.findMembershipId(trx, { organizationId, personId, role: post.role, startDate: record.date })) continue;
        // The press release attests the post on its day only: nothing before or after is invented.
        recordMemberships.push({
          id: newId(),
          organization_id: organizationId,
          person_id: personId,
          role: post.role,
          label: post.label ?? null,
          start_date: record.date,
          end_date: record.date,
          source: record.source,
        });
      }
    }
    await insertMemberships(trx, recordMemberships);
    report.recordRowsAdded += recordMemberships.length;

    // ── 2. Generated deputies ──
    const convocationId = await directory.findConvocationIdBySlug(trx, convocationSlug);
    if (!convocationId) throw new Error(`The convocation "${convocationSlug}" is not in the registry; run "kenes seed" first.`);
    const parties: { id: string | null; listWeight: number; districtWeight: number }[] = [];
    for (const p of demo.partyWeights) {
      const id = p.party ? await registry.findOrganizationIdBySlug(trx, p.party) : null;
      if (p.party && !id) continue;
      parties.push({ id: id ?? null, listWeight: p.listWeight, districtWeight: p.districtWeight });
    }
    const listParties = parties.filter((p) => p.id && p.listWeight > 0);
    // The chairman comes from the party with most list seats, as maslikhats mostly elect.
    const leadingPartyId = listParties.toSorted((a, b) => b.listWeight - a.listWeight)[0]?.id;
    const cityNames = new Map(demo.cityNames.map((c) => [c.kato, c.name]));

    const maslikhats = await registry.listRegionMaslikhats(trx, electionDate);
    const persons: NewPerson[] = [];
    const memberships: NewMembership[] = [];
    const districts: Parameters<typeof insertElectoralDistricts>[1] = [];
    const contacts: Parameters<typeof insertContactDetails>[1] = [];
    const commissions: directory.NewOrganizationWithName[] = [];

    for (const [index, maslikhat] of maslikhats.entries()) {
      progress.step('demo: generating deputies', index + 1, maslikhats.length);
      if ((await directory.countDemoMemberships(trx, maslikhat.id)) > 0) {
        report.maslikhatsSkipped++;
        continue;
      }
      report.maslikhats++;
      const kato = maslikhat.area.kato;
      const random = seededRandom(`kenes-demo-${kato}`);
      const centre = maslikhat.area.centre ?? cityNames.get(kato) ?? maslikhat.area.name;
      const seatsEach = between(random, 15, 25); // 30–50 deputies: half in districts, half from lists
      const usedNames = new Set<string>();

      const newDeputy = () => {
        for (;;) {
          const female = random() < 0.27;
          const given = pick(random, female ? names.femaleGivenNames : names.maleGivenNames);
          const family = pick(random, names.familyNames)[female ? 'female' : 'male'];
          const patronymic = pick(random, names.patronymics)[female ? 'female' : 'male'];
          const key = `${family.kk} ${given.kk} ${patronymic.kk}`;
          if (usedNames.has(key)) continue;
          usedNames.add(key);
          const year = between(random, 1960, 1994);
          const person: NewPerson = {
            id: newId(),
            name: { kk: key, ru: `${family.ru} ${given.ru} ${patronymic.ru}`, en: `${given.en} ${family.en}` },
            family_name: family,
            given_name: given,
            patronymic,
            birth_date: `${year}-${String(between(random, 1, 12)).padStart(2, '0')}-${String(between(random, 1, 28)).padStart(2, '0')}`,
            gender: female ? 'female' : 'male',
            is_demo: true,
            search_text: '',
            source: demoSource,
          };
          person.search_text = nameSearchText(person.name, family, given, patronymic);
          persons.push(person);
          contacts.push({
            id: newId(),
            person_id: person.id,
            type: 'email',
            value: `${ascii(given.en)}.${ascii(family.en)}@maslikhat-${kato}.demo.example`,
            is_public: true,
          });
          return person;
        }
      };

      const deputyIds: string[] = [];
      const leadingPartyDeputies: string[] = [];
      /** A new deputy, then the party that put them up (drawn by weight), elected in a district or, without one, from the party's list. */
      const electDeputy = (candidates: typeof parties, weight: (party: (typeof parties)[number]) => number, districtId?: string) => {
        const person = newDeputy();
        const party = weighted(random, candidates, weight);
        memberships.push({
          id: newId(),
          organization_id: maslikhat.id,
          person_id: person.id,
          role: 'deputy',
          on_behalf_of_id: party.id,
          ...(districtId && { electoral_district_id: districtId }),
          convocation_id: convocationId,
          start_date: electionDate,
          is_demo: true,
          source: demoSource,
        });
        deputyIds.push(person.id);
        if (party.id === leadingPartyId) leadingPartyDeputies.push(person.id);
      };
      const streets = shuffled(random, demo.streets);
      for (let n = 1; n <= seatsEach; n++) {
        const street = streets[(n - 1) % streets.length]!;
        const districtId = newId();
        districts.push({
          id: districtId,
          organization_id: maslikhat.id,
          number: n,
          name: { kk: `${centre.kk ?? centre.ru}, ${street.kk}`, ru: `${centre.ru ?? centre.kk}, ${street.ru}`, en: `${centre.en ?? centre.ru}, ${street.en}` },
          convocation_id: convocationId,
          is_demo: true,
        });
        electDeputy(parties, (p) => p.districtWeight, districtId);
      }
      for (let n = 1; n <= seatsEach; n++) {
        electDeputy(listParties, (p) => p.listWeight);
      }
      report.districts += seatsEach;

      const headId = pick(random, leadingPartyDeputies.length ? leadingPartyDeputies : deputyIds);
      memberships.push({
        id: newId(),
        organization_id: maslikhat.id,
        person_id: headId,
        role: 'head',
        convocation_id: convocationId,
        start_date: firstSessionDate,
        is_demo: true,
        source: demoSource,
      });

      const pool = shuffled(
        random,
        deputyIds.filter((id) => id !== headId),
      );
      const commissionCount = between(random, 2, 3);
      for (const template of demo.commissions.slice(0, commissionCount)) {
        const commissionId = newId();
        commissions.push({
          id: commissionId,
          slug: `demo-commission-${kato}-${template.key}`,
          classification: directory.commissionClassification,
          parent_id: maslikhat.id,
          area_id: maslikhat.areaId,
          founding_date: firstSessionDate,
          source: demoSource,
          is_demo: true,
          description: null,
          name: template.name,
          short_name: null,
          name_id: newId(),
        });
        const size = between(random, 5, 7);
        const members = pool.splice(0, size);
        members.forEach((personId, i) =>
          memberships.push({
            id: newId(),
            organization_id: commissionId,
            person_id: personId,
            role: i === 0 ? 'head' : 'member',
            convocation_id: convocationId,
            start_date: firstSessionDate,
            is_demo: true,
            source: demoSource,
          }),
        );
        report.commissions++;
      }
    }

    progress.step('demo: saving');
    await inSlices(commissions, 500, (slice) => directory.insertOrganizationsWithNames(trx, slice));
    await inSlices(persons, 1000, (slice) => insertPersons(trx, slice));
    await inSlices(districts, 1000, (slice) => insertElectoralDistricts(trx, slice));
    await inSlices(memberships, 1000, (slice) => insertMemberships(trx, slice));
    await inSlices(contacts, 1000, (slice) => insertContactDetails(trx, slice));
    report.persons = persons.length;
    report.memberships = memberships.length;
  });
  return report;
}
