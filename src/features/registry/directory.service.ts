// The public directory: a maslikhat with its deputies and commissions, a person with their posts,
// the Council's composition, and "find my deputy" — all as of a date, with the names of that day.
import type { Db } from '../../core/db/connect.js';
import type { DateString } from '../../core/db/database.js';
import { NotFoundError, type FieldProblem } from '../../core/errors.js';
import { isUuid } from '../../core/ids.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import { foldForSearch } from '../../core/text/fold.js';
import { demoSource } from './demo-seed.js';
import * as repo from './directory.repository.js';
import { findRoleTitle } from './membership.repository.js';
import { findArea, findOrganizationById, type AreaRecord } from './registry.repository.js';
import type { RegistryService } from './registry.service.js';

export type { ContactRow, DecisionRow, DistrictRow, MaslikhatRow, PersonPostRow, PersonRow, SeatRow } from './directory.repository.js';

/** Trigram score a name must reach to count as a match (pg_trgm strict word similarity, 0–1). */
export const nameMatchThreshold = 0.5;
export const nameResultLimit = 50;
export const nameQueryMaxLength = 100;

const covers = (from: DateString | null, to: DateString | null, date: DateString) => (!from || from <= date) && (!to || to >= date);

export interface DistrictGroup {
  number: number;
  name: LocalizedText | null;
  seats: repo.SeatRow[];
}

export interface CommissionView extends repo.SubOrganizationRow {
  isDemo: boolean;
  members: repo.SeatRow[];
}

export interface MaslikhatView {
  maslikhat: repo.MaslikhatRow;
  area: AreaRecord | undefined;
  /** False when the maslikhat did not exist on the date (it is still named, by its nearest name). */
  existed: boolean;
  heads: repo.SeatRow[];
  headTitle: LocalizedText | undefined;
  districts: DistrictGroup[];
  partyList: repo.SeatRow[];
  convocationName: LocalizedText | null;
  commissions: CommissionView[];
  contacts: Map<string, repo.ContactRow[]>;
  hasDemo: boolean;
}

export interface PersonPostView extends repo.PersonPostRow {
  /** The title of a head's post on its day (a maslikhat's "secretary" until 2023, "chairman" after). */
  title: LocalizedText | undefined;
}

export interface PersonView {
  person: repo.PersonRow;
  current: PersonPostView[];
  past: PersonPostView[];
  future: PersonPostView[];
  contacts: repo.ContactRow[];
  hasDemo: boolean;
}

export interface CollectiveMemberView extends repo.SeatRow {
  representatives: repo.SeatRow[];
}

export interface CouncilView {
  organization: { id: string; name: LocalizedText; shortName: LocalizedText | null; foundingDate: DateString | null; dissolutionDate: DateString | null };
  /** The date the composition is shown for: the date asked, or the Council's last day once it has ended. */
  asOf: DateString;
  ended: boolean;
  notYetFounded: boolean;
  members: (repo.SeatRow & { title: LocalizedText | undefined })[];
  collectiveMembers: CollectiveMemberView[];
  decisions: repo.DecisionRow[];
}

export interface FindInput {
  date: DateString;
  region: string;
  maslikhat: string;
  district: string;
  q: string;
}

export interface PlaceResult {
  maslikhat: repo.MaslikhatRow;
  /** The districts matched by the number or name typed, or every district when none was typed. */
  districts: DistrictGroup[];
  partyList: repo.SeatRow[];
  districtQuery: string;
}

export interface NameMatch extends repo.PersonMatchRow {
  posts: (repo.SeatRow & { organizationSlug: string; organizationName: LocalizedText | null })[];
}

export interface FindView {
  input: FindInput;
  problems: FieldProblem[];
  areas: AreaRecord[];
  region: AreaRecord | undefined;
  maslikhats: repo.MaslikhatRow[];
  place: PlaceResult | undefined;
  names: NameMatch[] | undefined;
  /** True when more people matched than are listed. */
  namesLimited: boolean;
  /** The title of a maslikhat's head on the date (for the posts in the name results). */
  headTitle: LocalizedText | undefined;
}

function groupByDistrict(seats: repo.SeatRow[]): { districts: DistrictGroup[]; partyList: repo.SeatRow[] } {
  const districts = new Map<number, DistrictGroup>();
  const partyList: repo.SeatRow[] = [];
  for (const seat of seats) {
    if (seat.districtNumber === null) {
      partyList.push(seat);
      continue;
    }
    let group = districts.get(seat.districtNumber);
    if (!group) {
      group = { number: seat.districtNumber, name: seat.districtName, seats: [] };
      districts.set(seat.districtNumber, group);
    }
    group.seats.push(seat);
  }
  return { districts: [...districts.values()].toSorted((a, b) => a.number - b.number), partyList };
}

export function createDirectoryService(db: Db, registry: RegistryService) {
  async function contactsOf(personIds: string[]): Promise<Map<string, repo.ContactRow[]>> {
    const byPerson = new Map<string, repo.ContactRow[]>();
    for (const c of await repo.listPublicContacts(db, [...new Set(personIds)])) {
      if (!c.personId) continue;
      byPerson.set(c.personId, [...(byPerson.get(c.personId) ?? []), c]);
    }
    return byPerson;
  }

  async function maslikhatSeats(maslikhatId: string, date: DateString) {
    const seats = await repo.listSeats(db, [maslikhatId], date, ['deputy', 'head']);
    return { deputies: seats.filter((s) => s.role === 'deputy' && s.personId), heads: seats.filter((s) => s.role === 'head' && s.personId) };
  }

  return {
    async maslikhat(slug: string, date: DateString): Promise<MaslikhatView> {
      const maslikhat = await repo.findMaslikhatBySlug(db, slug, date);
      if (!maslikhat) throw NotFoundError();
      const [area, { deputies, heads }, headTitle, commissionRows] = await Promise.all([
        maslikhat.areaId ? findArea(db, maslikhat.areaId, date) : Promise.resolve(undefined),
        maslikhatSeats(maslikhat.id, date),
        findRoleTitle(db, 'head', 'maslikhat', date),
        repo.listSubOrganizations(db, maslikhat.id, repo.commissionClassification, date),
      ]);
      const commissionSeats = await repo.listSeats(
        db,
        commissionRows.map((c) => c.id),
        date,
      );
      const commissions = commissionRows.map((c) => ({
        ...c,
        isDemo: c.source === demoSource,
        members: commissionSeats.filter((s) => s.organizationId === c.id && s.personId).toSorted((a, b) => Number(b.role === 'head') - Number(a.role === 'head')),
      }));
      const { districts, partyList } = groupByDistrict(deputies);
      return {
        maslikhat,
        area,
        existed: covers(maslikhat.foundingDate, maslikhat.dissolutionDate, date),
        heads,
        headTitle,
        districts,
        partyList,
        convocationName: deputies.find((d) => d.convocationName)?.convocationName ?? null,
        commissions,
        contacts: await contactsOf(deputies.map((d) => d.personId!)),
        hasDemo: deputies.some((d) => d.isDemo) || heads.some((h) => h.isDemo) || commissions.some((c) => c.isDemo),
      };
    },

    async person(id: string, date: DateString): Promise<PersonView> {
      if (!isUuid(id)) throw NotFoundError();
      const person = await repo.findPerson(db, id);
      if (!person) throw NotFoundError();
      const [posts, contacts] = await Promise.all([repo.listPersonPosts(db, id, date), repo.listPublicContacts(db, [id])]);
      const titles = new Map<string, LocalizedText | undefined>();
      for (const post of posts) {
        const key = `${post.role}|${post.organizationClassification}|${post.namedOn}`;
        if (!titles.has(key)) titles.set(key, await findRoleTitle(db, post.role, post.organizationClassification, post.namedOn));
      }
      const withTitles: PersonPostView[] = posts.map((p) => ({ ...p, title: titles.get(`${p.role}|${p.organizationClassification}|${p.namedOn}`) }));
      return {
        person,
        current: withTitles.filter((p) => covers(p.startDate, p.endDate, date)),
        past: withTitles.filter((p) => p.endDate !== null && p.endDate < date),
        future: withTitles.filter((p) => p.startDate !== null && p.startDate > date),
        contacts,
        hasDemo: person.isDemo || posts.some((p) => p.isDemo),
      };
    },

    async council(date: DateString): Promise<CouncilView> {
      const home = await registry.homeOrganization();
      const ended = Boolean(home.dissolutionDate && date > home.dissolutionDate);
      const asOf = ended ? home.dissolutionDate! : date;
      const notYetFounded = Boolean(home.foundingDate && asOf < home.foundingDate);
      const named = await findOrganizationById(db, home.id, asOf);
      const seats = await repo.listSeats(db, [home.id], asOf);
      const representatives = seats.filter((s) => s.role === 'representative' && s.personId);
      const people = seats.filter((s) => s.personId && s.role !== 'representative');
      const collective = seats.filter((s) => s.memberOrganizationId);
      const headTitle = await findRoleTitle(db, 'head', 'council', asOf);
      const members = people
        .map((s) => ({ ...s, title: s.role === 'head' ? headTitle : undefined }))
        .toSorted((a, b) => Number(b.role === 'head') - Number(a.role === 'head'));
      const decisionIds = [...new Set(seats.map((s) => s.startDecisionId).filter((id): id is string => Boolean(id)))];
      return {
        organization: { id: home.id, name: named?.name ?? home.name, shortName: named?.shortName ?? home.shortName, foundingDate: home.foundingDate, dissolutionDate: home.dissolutionDate },
        asOf,
        ended,
        notYetFounded,
        members,
        collectiveMembers: collective.map((c) => ({ ...c, representatives: representatives.filter((r) => r.onBehalfOfId === c.memberOrganizationId) })),
        decisions: await repo.listDecisionsByIds(db, decisionIds),
      };
    },

    /** "Find my deputy": by region → maslikhat → district (number or name), or by name. */
    async find(input: FindInput, dateProblems: FieldProblem[] = []): Promise<FindView> {
      const problems = [...dateProblems];
      const areas = await registry.listAreas(input.date);
      const region = input.region ? areas.find((a) => a.kato === input.region) : undefined;
      if (input.region && !region) problems.push({ field: 'region', messageKey: 'directory.find.regionInvalid' });
      const maslikhats = region ? await repo.listMaslikhatsOfArea(db, region.id, input.date) : [];
      // A maslikhat of another region (the region was changed and the form resubmitted) is dropped, not an error.
      const chosen = maslikhats.find((m) => m.slug === input.maslikhat);
      const maslikhat = chosen ?? (maslikhats.length === 1 ? maslikhats[0] : undefined);
      const kept: FindInput = chosen ? input : { ...input, maslikhat: '' };
      if (input.district && !input.region) problems.push({ field: 'region', messageKey: 'directory.find.districtNeedsRegion' });
      else if (input.district && region && !maslikhat) problems.push({ field: 'maslikhat', messageKey: 'directory.find.maslikhatRequired' });

      const folded = foldForSearch(input.q);
      if (input.q && folded.length < 2) problems.push({ field: 'q', messageKey: 'directory.find.nameTooShort' });
      if (input.q.length > nameQueryMaxLength) problems.push({ field: 'q', messageKey: 'directory.find.nameTooLong', values: { max: nameQueryMaxLength } });

      let place: PlaceResult | undefined;
      let names: NameMatch[] | undefined;
      let namesLimited = false;
      if (!problems.length) {
        if (maslikhat) {
          const { deputies } = await maslikhatSeats(maslikhat.id, input.date);
          const grouped = groupByDistrict(deputies);
          const allDistricts = await repo.listDistricts(db, maslikhat.id, input.date);
          const wanted = input.district.trim();
          let matched = allDistricts;
          if (wanted) {
            const number = /^(?:№|no\.?|n)?\s*(\d{1,4})$/i.exec(wanted);
            const foldedDistrict = foldForSearch(wanted);
            matched = number
              ? allDistricts.filter((d) => d.number === Number(number[1]))
              : allDistricts.filter((d) => [d.name?.kk, d.name?.ru, d.name?.en].some((n) => n && foldForSearch(n).includes(foldedDistrict)));
          }
          const seatsByNumber = new Map(grouped.districts.map((g) => [g.number, g.seats]));
          place = {
            maslikhat,
            districts: matched.map((d) => ({ number: d.number, name: d.name, seats: seatsByNumber.get(d.number) ?? [] })),
            partyList: grouped.partyList,
            districtQuery: wanted,
          };
        }
        if (folded.length >= 2) {
          const found = await repo.searchPersons(db, folded, nameMatchThreshold, nameResultLimit + 1);
          namesLimited = found.length > nameResultLimit;
          const matches = found.slice(0, nameResultLimit);
          const posts = await repo.listMaslikhatPostsOfPersons(
            db,
            matches.map((m) => m.id),
            input.date,
          );
          names = matches.map((m) => ({ ...m, posts: posts.filter((p) => p.personId === m.id) }));
        }
      }
      const headTitle = names?.some((n) => n.posts.some((p) => p.role === 'head')) ? await findRoleTitle(db, 'head', 'maslikhat', input.date) : undefined;
      return { input: kept, problems, areas, region, maslikhats, place, names, namesLimited, headTitle };
    },

    contactsOf,
  };
}

export type DirectoryService = ReturnType<typeof createDirectoryService>;
