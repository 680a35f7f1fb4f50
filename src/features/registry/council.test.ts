// The Council kept by the secretariat: its chair and deputy chairs (posts, dated), and admissions
// that say how many they admit, are entered once each, and show how far they are.
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Browser, signedIn } from '../../../test/support/factories.js';
import { createMeeting } from '../../../test/support/meeting-factories.js';
import { createCouncilMember, createOrganization, createPerson } from '../../../test/support/registry-factories.js';
import { page, textOf } from '../../../test/support/page.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';

let t: TestApp;
let clerk: Browser;
const db = () => t.database.db;

beforeAll(async () => {
  t = await createTestApp();
  clerk = await signedIn(t.app, db(), { role: 'secretariat', organizationSlug: 'council-senate' });
});
afterAll(() => t.close());

/** The text of a page without its tags, so sentences split by markup read whole. */
const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&#39;|&apos;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');

const councilPosts = () =>
  db()
    .selectFrom('membership as m')
    .innerJoin('organization as o', 'o.id', 'm.organization_id')
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .select(['m.id', 'm.role', 'm.start_date', 'm.end_date', 'm.version', sql<string>`p.name->>'ru'`.as('name')])
    .where('o.slug', '=', 'council-senate')
    .where('m.role', 'in', ['head', 'deputy_head'])
    .orderBy('m.start_date')
    .execute();

/** The chair Askar Shakirov from 1 January 2020 (by his Senate post) and the deputy chair Gulnar Bekova from 1 February 2020, as the first test enters them. */
async function enterChairs() {
  const chair = await createCouncilMember(db(), { kk: 'Асқар Шәкіров', ru: 'Аскар Шакиров', en: 'Askar Shakirov' }, {
    role: 'head',
    from: '2020-01-01',
    label: { kk: 'Сенат Төрағасының орынбасары лауазымы бойынша', ru: 'по должности заместителя Председателя Сената', en: 'by post, as Deputy Chairman of the Senate' },
  });
  await createCouncilMember(db(), { kk: 'Бекова Гүлнар', ru: 'Бекова Гульнар' }, { role: 'deputy_head', from: '2020-02-01' });
  return { chairPersonId: chair };
}

describe('the Council\'s chair and deputy chairs', () => {
  // One chair at a time: each test starts with none entered, and enters what it needs.
  beforeEach(async () => {
    const council = await db().selectFrom('organization').select('id').where('slug', '=', 'council-senate').executeTakeFirstOrThrow();
    await db().deleteFrom('membership').where('organization_id', '=', council.id).where('role', 'in', ['head', 'deputy_head']).execute();
  });

  it('names the chair (found in the registry by name) and a new deputy chair, dated and audited; one chair at a time', async () => {
    expect(text((await clerk.get('/en/office/council')).body)).toContain('No chair or deputy chair is entered.');
    const shakirov = await createPerson(db(), { name: { kk: 'Асқар Шәкіров', ru: 'Аскар Шакиров', en: 'Askar Shakirov' } });

    const search = await clerk.get('/en/office/council/posts/new?role=head&q=Shakirov');
    expect(search.statusCode).toBe(200);
    expect(search.body).toContain(`value="${shakirov.id}"`);
    expect(search.body).toContain('Askar Shakirov');

    const missing = await clerk.post('/en/office/council/posts/new', { role: '', personId: '', startDate: '2020-13-01', q: 'Shakirov' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('<title>Error:');
    for (const message of ['Choose the post.', 'Choose the person, or choose “someone not in the registry” and enter the name.', 'Enter the date as YYYY-MM-DD, for example 2027-01-31.']) expect(missing.body).toContain(message);
    // The search is kept: the person can still be chosen.
    expect(missing.body).toContain(`value="${shakirov.id}"`);

    const named = await clerk.post('/en/office/council/posts/new', {
      role: 'head',
      personId: shakirov.id,
      labelKk: 'Сенат Төрағасының орынбасары лауазымы бойынша',
      labelRu: 'по должности заместителя Председателя Сената',
      labelEn: 'by post, as Deputy Chairman of the Senate',
      startDate: '2020-01-01',
    });
    expect(named.statusCode).toBe(303);
    const office = text((await clerk.get('/en/office/council')).body);
    expect(office).toContain('Chair of the Council (by post, as Deputy Chairman of the Senate)Askar Shakirovsince 1 January 2020');

    // A second chair for the same days is refused, naming the one entered; the answers are kept.
    const second = await clerk.post('/en/office/council/posts/new', { role: 'head', personId: 'new', familyNameRu: 'Иванов', givenNameRu: 'Иван', startDate: '2020-06-01' });
    expect(second.statusCode).toBe(400);
    expect(text(second.body)).toContain('These dates overlap a post already entered: Асқар Шәкіров, Chair of the Council, since 1 January 2020.');
    expect(second.body).toContain('value="Иванов"');

    const deputy = await clerk.post('/ru/office/council/posts/new', { role: 'deputy_head', personId: 'new', familyNameKk: 'Бекова', givenNameKk: 'Гүлнар', familyNameRu: 'Бекова', givenNameRu: 'Гульнар', startDate: '2020-02-01' });
    expect(deputy.statusCode).toBe(303);
    expect(await councilPosts()).toEqual([
      expect.objectContaining({ role: 'head', name: 'Аскар Шакиров', start_date: '2020-01-01', end_date: null }),
      expect.objectContaining({ role: 'deputy_head', name: 'Бекова Гульнар', start_date: '2020-02-01', end_date: null }),
    ]);
    const posts = await councilPosts();
    const appointed = await db().selectFrom('audit_event').select('entity_id').where('entity', '=', 'membership').where('action', '=', 'appointed').where('entity_id', 'in', posts.map((p) => p.id)).execute();
    expect(appointed).toHaveLength(2);
    const bekova = await db().selectFrom('membership').select('person_id').where('id', '=', posts[1]!.id).executeTakeFirstOrThrow();
    const created = await db().selectFrom('audit_event').select('action').where('entity', '=', 'person').where('entity_id', '=', bekova.person_id!).execute();
    expect(created).toEqual([{ action: 'created' }]);

    // The public page names the post with its basis.
    const publicPage = text((await t.app.inject('/en/council?date=2020-10-21')).body);
    expect(publicPage).toContain('Chair of the Council (by post, as Deputy Chairman of the Senate)');
    expect(publicPage).toContain('Deputy chair of the Council');
  });

  it('offers the chair and deputy chairs of the meeting\'s day as its chair, their posts named and listed first', async () => {
    const { chairPersonId } = await enterChairs();
    const m = await createMeeting(db(), { startsAt: '2020-10-21T10:00', status: 'draft', agenda: [{ title: { kk: 'Жолдау', ru: 'Послание' } }] });
    const office = page((await clerk.get(`/en/office/meetings/${m.id}`)).body);
    const chairList = office.document.querySelector('select[name="chairPersonId"]');
    const labels = [...(chairList?.querySelectorAll('option') ?? [])].filter((o) => o.getAttribute('value')).map((o) => textOf(o));
    expect(labels.slice(0, 2)).toEqual(['Askar Shakirov — Chair of the Council', 'Бекова Гульнар — Deputy chair of the Council']);
    const saved = await clerk.post(`/en/office/meetings/${m.id}/chair`, { chairPersonId, quorumRule: 'more_than_half', version: '1' });
    expect(saved.statusCode).toBe(303);
  });

  it('ends a term on a day, version-checked; a new chair may follow from the next day', async () => {
    await enterChairs();
    const [chair] = await councilPosts();
    expect((await clerk.get(`/en/office/council/posts/${chair!.id}/end`)).statusCode).toBe(200);
    const early = await clerk.post(`/en/office/council/posts/${chair!.id}/end`, { endDate: '2019-12-31', version: String(chair!.version) });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('The last day cannot be before the first day.');
    expect((await clerk.post(`/en/office/council/posts/${chair!.id}/end`, { endDate: '2023-01-31', version: String(chair!.version + 1) })).statusCode).toBe(409);
    expect((await clerk.post(`/en/office/council/posts/${chair!.id}/end`, { endDate: '2023-01-31', version: String(chair!.version) })).statusCode).toBe(303);
    const next = await clerk.post('/en/office/council/posts/new', { role: 'head', personId: 'new', familyNameRu: 'Ашимбаев', givenNameRu: 'Маулен', startDate: '2023-02-01' });
    expect(next.statusCode).toBe(303);
    const posts = await councilPosts();
    expect(posts.filter((p) => p.role === 'head').map((p) => [p.name, p.start_date, p.end_date])).toEqual([
      ['Аскар Шакиров', '2020-01-01', '2023-01-31'],
      ['Ашимбаев Маулен', '2023-02-01', null],
    ]);
    const ended = await db().selectFrom('audit_event').select(['before', 'after']).where('entity_id', '=', chair!.id).where('action', '=', 'ended').executeTakeFirstOrThrow();
    expect(ended.after).toEqual({ end_date: '2023-01-31', end_reason: 'term_ended' });
    // A membership that is not a post is not ended here.
    const memberPerson = await createCouncilMember(db(), { kk: 'Қатардағы мүше', ru: 'Рядовой член' }, { from: '2021-01-01' });
    const member = await db().selectFrom('membership').select('id').where('person_id', '=', memberPerson).executeTakeFirstOrThrow();
    expect((await clerk.get(`/en/office/council/posts/${member.id}/end`)).statusCode).toBe(404);
  });
});

/** Records an admission decision through the office form; returns its id. */
async function admissionDecision(number: string, admits: string): Promise<string> {
  const res = await clerk.post('/en/office/council/decisions/new', { number, date: '2021-04-15', kind: 'admission', admits, titleKk: 'Мүшелікке қабылдау туралы', titleRu: 'О приёме в члены' });
  expect(res.statusCode).toBe(303);
  return (await db().selectFrom('decision').select('id').where('number', '=', number).executeTakeFirstOrThrow()).id;
}

const admit = (decisionId: string, ru: string, kk = ru) => clerk.post('/en/office/council/admit', { decisionId, memberType: 'organization', orgNameKk: kk, orgNameRu: ru, orgClassification: 'association' });
const admitted = (decisionId: string) => db().selectFrom('membership').select(['id', 'member_organization_id', 'person_id']).where('start_decision_id', '=', decisionId).where('role', 'in', ['member', 'collective_member']).execute();
const organizationsNamed = async (ru: string) => (await db().selectFrom('organization_name').select('organization_id').where(sql<boolean>`name->>'ru' = ${ru}`).execute()).length;

describe('admissions: how many a decision admits, each entered once', () => {
  it('asks how many members an admission decision admits', async () => {
    const missing = await clerk.post('/en/office/council/decisions/new', { number: 'A-0', date: '2021-04-15', kind: 'admission', admits: '', titleKk: 'Қабылдау', titleRu: 'Приём' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Enter how many members the decision admits.');
    const invalid = await clerk.post('/en/office/council/decisions/new', { number: 'A-0', date: '2021-04-15', kind: 'admission', admits: 'three', titleKk: 'Қабылдау', titleRu: 'Приём' });
    expect(invalid.body).toContain('Enter a whole number from 1, for example 3.');
    expect(invalid.body).toContain('value="three"');
    // Other kinds do not: the field is left empty.
    expect((await clerk.post('/en/office/council/decisions/new', { number: 'W-0', date: '2021-04-15', kind: 'withdrawal', titleKk: 'Шығару', titleRu: 'Выход' })).statusCode).toBe(303);
    const id = await admissionDecision('A-1', '2');
    expect((await db().selectFrom('decision').select('admissions_expected').where('id', '=', id).executeTakeFirstOrThrow()).admissions_expected).toBe(2);
  });

  it('enters an organisation once under a decision, even when the form is sent twice at the same moment', async () => {
    const decision = await admissionDecision('A-2', '2');
    const [first, second] = await Promise.all([admit(decision, 'Ассоциация юристов'), admit(decision, 'Ассоциация юристов')]);
    expect([first.statusCode, second.statusCode]).toEqual([303, 303]);
    expect(await admitted(decision)).toHaveLength(1);
    expect(await organizationsNamed('Ассоциация юристов')).toBe(1);
    // Sent again later (the back button), and with different spacing and case: still the one entered.
    expect((await admit(decision, '  ассоциация   юристов ')).statusCode).toBe(303);
    expect(await admitted(decision)).toHaveLength(1);
    const audit = await db().selectFrom('audit_event').select('id').where('action', '=', 'admitted').where(sql<boolean>`after->>'start_decision_id' = ${decision}`).execute();
    expect(audit).toHaveLength(1);
    // A person too: the same name under the same decision is entered once.
    const person = { decisionId: decision, memberType: 'person', familyNameRu: 'Серікова', givenNameRu: 'Айгерім' };
    const [p1, p2] = await Promise.all([clerk.post('/en/office/council/admit', person), clerk.post('/en/office/council/admit', person)]);
    expect([p1.statusCode, p2.statusCode]).toEqual([303, 303]);
    expect((await admitted(decision)).filter((m) => m.person_id)).toHaveLength(1);
  });

  it('shows "1 of 3 entered", back on the form with the decision chosen, until all are; then refuses a fourth', async () => {
    const decision = await admissionDecision('A-3', '3');
    const first = await admit(decision, 'Институт развития местного самоуправления');
    expect(first.headers.location).toBe(`/en/office/council/admit?decision=${decision}`);
    const form = await clerk.get(first.headers.location as string);
    expect(text(form.body)).toContain('1 of 3 entered in the registry: Институт развития местного самоуправления');
    expect(form.body).toMatch(new RegExp(`value="${decision}"[^>]*selected`));
    expect(text((await clerk.get('/en/office/council')).body)).toContain('Admissions still to enter in the registry');

    // An organisation the registry already has is admitted as itself, not copied.
    const known = await createOrganization(db(), { name: { kk: 'Жергілікті өзін-өзі басқару қауымдастығы', ru: 'Ассоциация местного самоуправления' } });
    await admit(decision, 'Ассоциация местного самоуправления', 'Жергілікті өзін-өзі басқару қауымдастығы');
    expect((await admitted(decision)).map((m) => m.member_organization_id)).toContain(known);
    expect(await organizationsNamed('Ассоциация местного самоуправления')).toBe(1);

    const third = await admit(decision, 'Журнал «Местное управление»');
    expect(third.headers.location).toBe('/en/office/council');
    const fourth = await admit(decision, 'Лишняя организация');
    expect(fourth.statusCode).toBe(400);
    expect(fourth.body).toContain('All members this decision admits (3) are already entered in the registry.');
    expect(await admitted(decision)).toHaveLength(3);
    // The form no longer offers it; the Council page lists it as entered, without the action.
    expect((await clerk.get('/en/office/council/admit')).body).not.toContain(`value="${decision}"`);
    const council = await clerk.get('/en/office/council');
    expect(text(council.body)).toContain('3 of 3 entered in the registry');
    expect(council.body).not.toContain(`admit?decision=${decision}`);
  });

  it('refuses to admit an organisation that is a member already (by another decision), saying since when', async () => {
    const earlier = await admissionDecision('A-4', '1');
    await admit(earlier, 'Союз журналистов');
    const later = await clerk.post('/en/office/council/decisions/new', { number: 'A-5', date: '2022-01-10', kind: 'admission', admits: '1', titleKk: 'Қабылдау', titleRu: 'Приём' });
    expect(later.statusCode).toBe(303);
    const laterId = (await db().selectFrom('decision').select('id').where('number', '=', 'A-5').executeTakeFirstOrThrow()).id;
    const refused = await admit(laterId, 'Союз журналистов');
    expect(refused.statusCode).toBe(400);
    expect(text(refused.body)).toContain('This organisation is already a member of the Council (since 15 April 2021).');
    expect(await admitted(laterId)).toEqual([]);
  });
});
