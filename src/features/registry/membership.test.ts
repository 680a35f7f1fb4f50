// The one membership query (membership.repository membershipsQuery) behind the office's listing
// and open data's: the same filter gives the same memberships and totals in both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../core/db/connect.js';
import { areaId, createDeputy, createOrganization, type CreatedDeputy } from '../../../test/support/registry-factories.js';
import { createTestDatabase } from '../../../test/support/test-db.js';
import { listMemberships, type MembershipFilter } from './membership.repository.js';
import * as openData from './open-data.repository.js';

let database: DatabaseHandle;
let pavlodar: string;
let regionDeputy: CreatedDeputy;
let districtDeputy: CreatedDeputy;
let commissionHead: CreatedDeputy;

const all = { limit: 1000, offset: 0 };

/** Ids and total of both listings for one filter (open data always has a date). */
async function both(filter: MembershipFilter & { date: string }, page = all) {
  const [office, open] = await Promise.all([listMemberships(database.db, filter, page), openData.listMemberships(database.db, filter, page)]);
  return { office: { ids: office.rows.map((r) => r.id), total: office.total }, open: { ids: open.rows.map((r) => r.id), total: open.total } };
}

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  pavlodar = await areaId(db, '550000000');
  // A district maslikhat under the region's (no area of its own, as the import makes them) and a commission under that.
  await createOrganization(db, { name: { kk: 'Сынақ аудандық мәслихаты', ru: 'Тестовый районный маслихат' }, slug: 'test-district-maslikhat', classification: 'maslikhat', parent: 'maslikhat-550000000' });
  await createOrganization(db, { name: { kk: 'Сынақ комиссиясы', ru: 'Тестовая комиссия' }, slug: 'test-district-commission', classification: 'commission', parent: 'test-district-maslikhat' });
  // The region's deputy leaves on 31 May 2024 (her last day); the others start on 1 June.
  regionDeputy = await createDeputy(db, { maslikhat: '550000000', district: { number: 1 }, startDate: '2023-03-19', endDate: '2024-05-31' });
  districtDeputy = await createDeputy(db, { maslikhat: 'test-district-maslikhat', district: { number: 2 }, startDate: '2024-06-01' });
  commissionHead = await createDeputy(db, { maslikhat: 'test-district-commission', role: 'head', person: districtDeputy.personId, startDate: '2024-06-01' });
});
afterAll(() => database.close());

describe('membershipsQuery', () => {
  it('takes a region as its organisations and every organisation under them, however deep, in both listings', async () => {
    const { office, open } = await both({ areaId: pavlodar, date: '2024-06-01' });
    // The office's listing once took only the region's maslikhat and the bodies directly under it: the commission was missing.
    expect(office.ids.toSorted()).toEqual([districtDeputy.membershipId, commissionHead.membershipId].toSorted());
    expect(open.ids.toSorted()).toEqual(office.ids.toSorted());
    expect(office.total).toBe(2);
    expect(open.total).toBe(2);
    const persons = await openData.listPersons(database.db, { date: '2024-06-01', areaId: pavlodar }, all);
    expect(persons.rows.map((p) => p.id)).toEqual([districtDeputy.personId]);
    expect(persons.total).toBe(1);
  });

  it('counts a membership\'s first day and its last (end_date is inclusive), in both listings', async () => {
    const lastDay = await both({ areaId: pavlodar, date: '2024-05-31' });
    expect(lastDay.office.ids).toEqual([regionDeputy.membershipId]);
    expect(lastDay.open.ids).toEqual([regionDeputy.membershipId]);
    const firstDay = await both({ areaId: pavlodar, date: '2024-06-01' });
    expect(firstDay.office.ids).not.toContain(regionDeputy.membershipId);
    expect(firstDay.open.ids).not.toContain(regionDeputy.membershipId);
    expect(firstDay.office.ids).toContain(districtDeputy.membershipId);
    const dayBefore = await both({ organizationId: districtDeputy.organizationId, date: '2024-05-31' });
    expect(dayBefore.office.total).toBe(0);
    expect(dayBefore.open.total).toBe(0);
  });

  it('gives the same memberships and totals in both listings for the same filter, each in its own order and pages', async () => {
    const filters: (MembershipFilter & { date: string })[] = [
      { date: '2024-06-01', organizationId: districtDeputy.organizationId },
      { date: '2024-06-01', personId: districtDeputy.personId },
      { date: '2024-06-01', areaId: pavlodar, roles: ['head'] },
      { date: '2024-06-01', areaId: pavlodar, organizationClassification: 'maslikhat' },
      { date: '2024-05-31', roles: ['deputy', 'head'], organizationClassification: 'maslikhat' },
    ];
    for (const filter of filters) {
      const { office, open } = await both(filter);
      const label = JSON.stringify(filter);
      expect(open.ids.toSorted(), `${label}`).toEqual(office.ids.toSorted());
      expect(open.total, `${label}`).toBe(office.total);
      expect(office.total, `${label}`).toBeGreaterThan(0);
    }
    expect((await both(filters[1]!)).office.ids.toSorted()).toEqual([districtDeputy.membershipId, commissionHead.membershipId].toSorted());
    expect((await both(filters[2]!)).office.ids).toEqual([commissionHead.membershipId]);
    expect((await both(filters[3]!)).office.ids).toEqual([districtDeputy.membershipId]);

    // A page is a page of the whole: the total stays the filter's.
    const second = await both({ date: '2024-06-01', areaId: pavlodar }, { limit: 1, offset: 1 });
    expect(second.office.ids).toHaveLength(1);
    expect(second.open.ids).toHaveLength(1);
    expect(second.office.total).toBe(2);
    expect(second.open.total).toBe(2);
  });
});
