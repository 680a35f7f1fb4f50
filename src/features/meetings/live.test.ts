import { sql } from 'kysely';
import { toKazakhLatin } from '../../core/i18n/transliterate.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Browser, createAccount, signInFully } from '../../../test/support/factories.js';
import { createMeeting, type CreatedMeeting } from '../../../test/support/meeting-factories.js';
import { createCouncilMember, organizationId } from '../../../test/support/registry-factories.js';
import { formatDate } from '../../core/i18n/format.js';
import { translate } from '../../core/i18n/messages.js';
import { createSharedTestDatabase } from '../../../test/support/test-db.js';
import { createOwnTestApp } from '../../../test/support/own-app.js';
import { page as read, textOf } from '../../../test/support/page.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';

let t: TestApp;
let clerk: Browser;
let west: Browser;
let members: string[];

async function councilMembers(db: TestApp['database']['db'], names: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const name of names) ids.push(await createCouncilMember(db, { kk: name, ru: name }, { from: '2025-01-01' }));
  return ids;
}

async function sitting(overrides: Partial<Parameters<typeof createMeeting>[1]> = {}, on: TestApp = t): Promise<CreatedMeeting & { url: string }> {
  const m = await createMeeting(on.database.db, {
    startsAt: '2026-12-10T11:00',
    status: 'in_progress',
    format: 'hybrid',
    videoUrl: 'https://meet.jit.si/kenes-live-test',
    title: { kk: 'Кеңес отырысы', ru: 'Заседание Совета' },
    agenda: [{ title: { kk: 'Жолдауды іске асыру', ru: 'О реализации Послания' }, isMain: true }, { title: { kk: 'Әртүрлі', ru: 'Разное' } }],
    invitations: [
      { kato: '270000000', status: 'confirmed', attendanceMode: 'video' },
      { kato: '750000000', status: 'confirmed', attendanceMode: 'video' },
    ],
    ...overrides,
  });
  return { ...m, url: `/en/office/meetings/${m.id}/live` };
}

const appOptions = { logger: { level: 'error', stream: { write: (line: string) => process.stderr.write(line) } } };

/** The Council's three members, and the secretariat, an invited maslikhat and one not invited, signed in. */
async function cast(on: TestApp) {
  const db = on.database.db;
  const people = { members: await councilMembers(db, ['Әлиев Нұрлан', 'Бекова Гүлнар', 'Сейітов Марат']), clerk: new Browser(on.app), west: new Browser(on.app), outsider: new Browser(on.app) };
  await signInFully(people.clerk, db, await createAccount(db, { grants: [{ role: 'secretariat', organizationSlug: 'council-senate' }] }));
  await people.west.signIn(await createAccount(db, { grants: [{ role: 'maslikhat_staff', organizationSlug: 'maslikhat-270000000' }] }));
  await people.outsider.signIn(await createAccount(db, { grants: [{ role: 'maslikhat_staff', organizationSlug: 'maslikhat-390000000' }] }));
  return people;
}

beforeAll(async () => {
  t = await createTestApp(appOptions);
  ({ members, clerk, west } = await cast(t));
});
afterAll(() => t.close());

// The Council's membership is what every sitting counts its quorum against: each test starts with the
// three members above and none of the organisations other tests' sittings admitted.
beforeEach(async () => {
  await t.database.db
    .deleteFrom('membership')
    .where('role', 'in', ['collective_member', 'representative'])
    .where('start_decision_id', 'in', (eb) => eb.selectFrom('decision').select('id').where('meeting_id', 'is not', null))
    .execute();
});

/** The live state ("Now": status, item under discussion, quorum, decisions, speakers), on the page or in the panel. */
const liveState = (html: string) => read(html).byRole('region', { name: 'Now' });
/** What the live state says, as it reads. */
const now = (html: string) => textOf(liveState(html));
/** The error summary's messages. */
const errors = (html: string) => read(html).errorSummary().map((e) => e.text);
/** Where the links of the page lead. */
const hrefs = (html: string) => read(html).links().map((l) => l.href);

describe('GET /:lang/office/meetings/:id/live', () => {
  it('shows the secretariat the sitting with its controls, an invited maslikhat the same state without them, and nobody else anything', async () => {
    // Its own app: the maslikhat's invitations list this sitting alone, whatever the other tests invited it to.
    const fresh = await createOwnTestApp(appOptions);
    const on = await cast(fresh);
    const m = await sitting({}, fresh);
    const own = await on.clerk.get(m.url);
    expect(own.statusCode).toBe(200);
    expect(liveState(own.body).id).toBe('live-state');
    expect(read(own.body).allByRole('region', { name: 'Roll call' })).toHaveLength(1);
    expect(now(own.body)).toContain('Present: 0 of 3 members; 2 needed for a quorum.');
    expect(read(own.body).allByRole('button', { name: 'Take up' })).toHaveLength(2);

    const watching = await on.west.get(m.url);
    expect(watching.statusCode).toBe(200);
    expect(liveState(watching.body).id).toBe('live-state');
    expect(read(watching.body).allByRole('region', { name: 'Roll call' })).toHaveLength(0);
    expect(read(watching.body).text('main')).not.toContain('Roll call');
    expect(read(watching.body).allByRole('button', { name: 'Take up' })).toHaveLength(0);
    expect(watching.body).not.toContain('/live/current');

    // The invitee finds the video link and the way to the live screen among its invitations.
    const invitations = read((await on.west.get('/en/office/invitations')).body);
    expect(invitations.href('https://meet.jit.si/kenes-live-test')).toBe('https://meet.jit.si/kenes-live-test');
    expect(invitations.href('Follow the live sitting')).toBe(m.url);

    expect((await on.outsider.get(m.url)).statusCode).toBe(403);
    const anonymous = await new Browser(fresh.app).get(m.url);
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/en\/sign-in/);
    expect((await on.west.post(`${m.url}/current`, { itemId: m.agenda[0]!.id })).statusCode).toBe(403);
  });
});

describe('a reason for absence at the roll call', () => {
  it('is a choice stored as its code (worded by the minutes in their language), or another reason as typed; an old typed reason is kept', async () => {
    const m = await sitting();
    const res = await clerk.post(`${m.url}/attendance`, {
      [`m.${members[0]}`]: 'absent',
      [`reasonCode.${members[0]}`]: 'illness',
      [`reason.${members[0]}`]: '',
      [`m.${members[1]}`]: 'absent',
      [`reasonCode.${members[1]}`]: 'other',
      [`reason.${members[1]}`]: 'отбасылық жағдайына байланысты',
      [`m.${members[2]}`]: 'absent',
      [`reason.${members[2]}`]: 'іссапарда', // as the form sent it before the choice existed
    });
    expect(res.statusCode).toBe(303);
    const stored = await t.database.db.selectFrom('attendance').select(['person_id', 'absence_reason']).where('meeting_id', '=', m.id).execute();
    const reasons = Object.fromEntries(stored.map((a) => [a.person_id, a.absence_reason]));
    expect(reasons).toEqual({ [members[0]!]: 'illness', [members[1]!]: 'отбасылық жағдайына байланысты', [members[2]!]: 'іссапарда' });

    const page = read((await clerk.get(m.url)).body);
    const reason = (name: string) => ({
      code: page.byRole('combobox', { name: `${name}: Reason for absence` }).querySelector('option[selected]')?.getAttribute('value'),
      other: page.byRole('textbox', { name: `${name}: another reason` }).getAttribute('value'),
    });
    expect([reason('Әлиев Нұрлан'), reason('Бекова Гүлнар'), reason('Сейітов Марат')]).toEqual([
      { code: 'illness', other: '' },
      { code: 'other', other: 'отбасылық жағдайына байланысты' },
      { code: 'other', other: 'іссапарда' }, // an old typed reason reads as another reason
    ]);
  });
});

describe('the live sitting, step by step', () => {
  it('calls the roll (quorum by the rule), takes up an item, records a statement, and votes a decision by counts and by name', async () => {
    const m = await sitting();
    const westId = await organizationId(t.database.db, 'maslikhat-270000000');
    let res = await clerk.post(`${m.url}/attendance`, {
      [`m.${members[0]}`]: 'room',
      [`m.${members[1]}`]: 'video',
      [`m.${members[2]}`]: 'absent',
      [`reason.${members[2]}`]: 'іссапарда',
      [`o.${westId}`]: 'video',
    });
    expect(res.statusCode).toBe(303);
    let page = await clerk.get(m.url);
    expect(now(page.body)).toContain('Present: 2 of 3 members; 2 needed for a quorum. Quorum reached.');
    expect(now(page.body)).toContain('Regions present: 1 of 2 invited.');
    expect(read(page.body).byRole('textbox', { name: 'Сейітов Марат: another reason' }).getAttribute('value')).toBe('іссапарда');

    res = await clerk.post(`${m.url}/current`, { itemId: m.agenda[0]!.id });
    expect(res.statusCode).toBe(303);
    const panel = await west.get(`${m.url}/panel`);
    // No English title: the Russian one, marked as a fallback.
    expect(now(panel.body)).toContain('Under discussion: 1. О реализации Послания [RU]');
    expect(liveState(panel.body).querySelector('.live-current strong [lang]')?.getAttribute('lang')).toBe('ru');
    expect(panel.body).not.toContain('<html');

    res = await clerk.post(`${m.url}/statements`, { itemId: m.agenda[0]!.id, personId: members[0]!, language: 'kk', quotation: 'Мәслихаттар <b>белсенді</b> жұмыс істеуі керек.' });
    expect(res.statusCode).toBe(303);
    const said = await clerk.get(`${m.url}/panel`);
    const quoted = [...liveState(said.body).querySelectorAll('q')];
    expect(quoted.map((q) => ({ text: textOf(q), lang: q.querySelector('[lang]')?.getAttribute('lang') }))).toEqual([{ text: 'Мәслихаттар <b>белсенді</b> жұмыс істеуі керек.', lang: 'kk' }]);
    expect(said.body).toContain('Мәслихаттар &lt;b>белсенді&lt;/b>'); // the markup typed is shown as text, not made bold
    // On a Kazakh Latin page, words said in Kazakh are shown in Latin too.
    const latin = (await clerk.get(`${m.url.replace('/en/', '/kk-latn/')}/panel`)).body;
    expect([...read(latin).document.querySelectorAll('q')].map((q) => textOf(q))).toEqual([expect.stringMatching(new RegExp(`^${toKazakhLatin('Мәслихаттар')} <b>`))]);
    expect(latin).toContain(`<q>${toKazakhLatin('Мәслихаттар')} &lt;b>`);
    expect(latin).not.toContain('Мәслихаттар');

    res = await clerk.post(`${m.url}/decisions`, { itemId: m.agenda[0]!.id, kind: 'recommendation', titleKk: 'Мәслихаттарға ұсыныс', titleRu: '' });
    expect(res.statusCode).toBe(400);
    expect(errors(res.body)).toEqual([expect.stringMatching(/^Enter the decision('|’)s title in Russian\.$/)]);
    expect(read(res.body).document.getElementById('decision-titleKk')?.getAttribute('value')).toBe('Мәслихаттарға ұсыныс');

    res = await clerk.post(`${m.url}/decisions`, { itemId: m.agenda[0]!.id, kind: 'recommendation', titleKk: 'Мәслихаттарға ұсыныс', titleRu: 'Рекомендация маслихатам' });
    expect(res.statusCode).toBe(303);
    const [first] = await t.database.db.selectFrom('decision').select(['id', 'decision_date']).where('meeting_id', '=', m.id).execute();
    expect(first!.decision_date).toBe('2026-12-10');

    expect((await clerk.post(`${m.url}/decisions/${first!.id}/close`, { for: '2' })).statusCode).toBe(400);
    expect((await clerk.post(`${m.url}/decisions/${first!.id}/open`)).statusCode).toBe(303);
    expect(now((await west.get(`${m.url}/panel`)).body)).toContain('Рекомендация маслихатам [RU] — Voting is open');
    res = await clerk.post(`${m.url}/decisions/${first!.id}/close`, { for: '9', against: '0', abstain: '0' });
    expect(res.statusCode).toBe(400);
    // How many may vote and why, in the quorum line's terms: two of the three were at the roll call.
    expect(errors(res.body)).toEqual(['For, against and abstained together can be at most 2: present 2 of 3 members of the Council on 10 December 2026, by the roll call. If more are present, record them in the roll call first.']);
    expect(errors((await clerk.post(`${m.url}/decisions/${first!.id}/close`, { for: 'two' })).body)).toContain('Enter the counts as whole numbers from zero.');
    res = await clerk.post(`${m.url}/decisions/${first!.id}/close`, { for: '2', against: '0', abstain: '' });
    expect(res.statusCode).toBe(303);
    page = await west.get(`${m.url}/panel`);
    expect(now(page.body)).toContain('Рекомендация маслихатам [RU] — Adopted For: 2, against: 0, abstained: 0');

    await clerk.post(`${m.url}/decisions`, { itemId: m.agenda[0]!.id, kind: 'other', titleKk: 'Екінші', titleRu: 'Второе' });
    const second = (await t.database.db.selectFrom('decision').select('id').where('meeting_id', '=', m.id).where('id', '!=', first!.id).executeTakeFirstOrThrow()).id;
    await clerk.post(`${m.url}/decisions/${second}/open`);
    res = await clerk.post(`${m.url}/decisions/${second}/close`, { [`vote.${members[0]}`]: 'for', [`vote.${members[1]}`]: 'against' });
    expect(res.statusCode).toBe(303);
    const row = await t.database.db.selectFrom('decision').select(['result', 'votes_for', 'votes_against', 'voting']).where('id', '=', second).executeTakeFirstOrThrow();
    // One of two present is not more than half: rejected.
    expect(row).toEqual({ result: 'rejected', votes_for: 1, votes_against: 1, voting: 'closed' });
    const votes = await t.database.db.selectFrom('vote').select(['person_id', 'choice']).where('decision_id', '=', second).orderBy('choice').execute();
    expect(votes).toEqual([
      { person_id: members[1], choice: 'against' },
      { person_id: members[0], choice: 'for' },
    ]);
    const audit = await t.database.db.selectFrom('audit_event').select('action').where('entity_id', '=', m.id).where('action', 'like', 'live_%').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['live_attendance', 'live_current_item', 'live_statement', 'live_decision', 'live_vote_opened', 'live_vote_closed']));
  });

  it('corrects the record: removes a statement, and a decision never put to the vote (not one that was)', async () => {
    const m = await sitting();
    const item = m.agenda[0]!.id;
    await clerk.post(`${m.url}/statements`, { itemId: item, speakerName: 'Қонақ', language: 'kk', quotation: 'Қате жазылған сөз.' });
    const statement = (await t.database.db.selectFrom('statement').select('id').where('agenda_item_id', '=', item).executeTakeFirstOrThrow()).id;
    expect([...read((await clerk.get(m.url)).body).document.querySelectorAll('form')].map((f) => f.getAttribute('action'))).toContain(`${m.url}/statements/${statement}/remove`);
    expect((await west.post(`${m.url}/statements/${statement}/remove`)).statusCode).toBe(403);
    expect((await clerk.post(`${m.url}/statements/${statement}/remove`)).statusCode).toBe(303);
    expect(await t.database.db.selectFrom('statement').select('id').where('id', '=', statement).executeTakeFirst()).toBeUndefined();
    expect((await clerk.post(`${m.url}/statements/${statement}/remove`)).statusCode).toBe(400);

    await clerk.post(`${m.url}/decisions`, { itemId: item, kind: 'other', titleKk: 'Қате', titleRu: 'Ошибка' });
    await clerk.post(`${m.url}/decisions`, { itemId: item, kind: 'other', titleKk: 'Дауыс берілген', titleRu: 'Проголосовано' });
    const [mistaken, voted] = await Promise.all(['Ошибка', 'Проголосовано'].map(async (ru) => (await t.database.db.selectFrom('decision').select('id').where('meeting_id', '=', m.id).where(sql<boolean>`title->>'ru' = ${ru}`).executeTakeFirstOrThrow()).id));
    await clerk.post(`${m.url}/decisions/${voted}/open`);
    expect((await clerk.post(`${m.url}/decisions/${mistaken}/remove`)).statusCode).toBe(303);
    const refused = await clerk.post(`${m.url}/decisions/${voted}/remove`);
    expect(refused.statusCode).toBe(400);
    expect(errors(refused.body)).toEqual(['The vote on this decision has already started.']);
    expect((await t.database.db.selectFrom('decision').select('id').where('meeting_id', '=', m.id).execute()).map((d) => d.id)).toEqual([voted]);
  });

  it('refuses to move a sitting that is not in progress, and says why', async () => {
    const m = await sitting({ status: 'announced' });
    const res = await clerk.post(`${m.url}/current`, { itemId: m.agenda[0]!.id });
    expect(res.statusCode).toBe(400);
    expect(errors(res.body)).toEqual(['This can only be done while the sitting is in progress.']);
  });

  it('adopts an admission at the sitting; applying it admits the member from the meeting day, as the open-data API shows', async () => {
    const m = await sitting();
    await clerk.post(`${m.url}/attendance`, { [`m.${members[0]}`]: 'room', [`m.${members[1]}`]: 'room' });
    const unsaid = await clerk.post(`${m.url}/decisions`, { itemId: m.agenda[0]!.id, kind: 'admission', titleKk: 'Ұжымдық мүшелікке қабылдау туралы', titleRu: 'О приёме в коллективные члены' });
    expect(unsaid.statusCode).toBe(400);
    expect(errors(unsaid.body)).toEqual(['Enter how many members the decision admits.']);
    await clerk.post(`${m.url}/decisions`, { itemId: m.agenda[0]!.id, kind: 'admission', admits: '1', titleKk: 'Ұжымдық мүшелікке қабылдау туралы', titleRu: 'О приёме в коллективные члены' });
    const decision = (await t.database.db.selectFrom('decision').select('id').where('meeting_id', '=', m.id).executeTakeFirstOrThrow()).id;
    // Not adopted yet: the registry does not offer it.
    const offered = read((await clerk.get('/en/office/council/admit')).body).document.querySelectorAll('select[name="decisionId"] option');
    expect(offered.length).toBeGreaterThan(0);
    expect([...offered].map((o) => o.getAttribute('value'))).not.toContain(decision);
    expect((await clerk.get('/en/office/council/admit')).body).not.toContain(decision);
    await clerk.post(`${m.url}/decisions/${decision}/open`);
    await clerk.post(`${m.url}/decisions/${decision}/close`, { for: '2', against: '0', abstain: '0' });
    const page = await clerk.get(m.url);
    expect(hrefs(page.body)).toContain(`/en/office/council/admit?decision=${decision}`);
    const form = read((await clerk.get(`/en/office/council/admit?decision=${decision}`)).body);
    expect([...form.document.querySelectorAll('select[name="decisionId"] option[selected]')].map((o) => o.getAttribute('value'))).toEqual([decision]);
    const res = await clerk.post('/en/office/council/admit', { decisionId: decision, memberType: 'organization', orgNameKk: 'Құқықтық саясат институты', orgNameRu: 'Институт правовой политики', orgClassification: 'institute' });
    expect(res.statusCode).toBe(303);

    const api = (day: string) => t.app.inject({ method: 'GET', url: `/api/v1/memberships?organization=council-senate&date=${day}&role=collective_member` }).then((r) => r.json() as { data: { start_decision_id: string; start_date: string }[] });
    expect((await api('2026-12-10')).data.filter((d) => d.start_decision_id === decision)).toEqual([expect.objectContaining({ start_date: '2026-12-10' })]);
    expect((await api('2026-12-09')).data.filter((d) => d.start_decision_id === decision)).toEqual([]);
    const applied = await t.database.db.selectFrom('decision').select('applied_at').where('id', '=', decision).executeTakeFirstOrThrow();
    expect(applied.applied_at).toBeInstanceOf(Date);
  });
});

/** Admits an organisation under a decision through the Council's office form. */
const admitOrganization = (decisionId: string, ru: string, kk = ru) => clerk.post('/en/office/council/admit', { decisionId, memberType: 'organization', orgNameKk: kk, orgNameRu: ru, orgClassification: 'institute' });

/** Puts a decision to the vote and closes it by counts; the sitting must be in progress. */
async function adopt(url: string, decisionId: string, counts: Record<string, string>) {
  expect((await clerk.post(`${url}/decisions/${decisionId}/open`)).statusCode).toBe(303);
  return clerk.post(`${url}/decisions/${decisionId}/close`, counts);
}

describe('a sitting, its quorum and the admissions it adopts', () => {
  it('keeps a held sitting as its record saw it: members its own decision admits, or entered afterwards, do not change the quorum line', async () => {
    // A fresh install replays 21 October 2020: the Council's chair (by post) is its only member that day.
    const day = '2020-10-21';
    const chair = await createCouncilMember(t.database.db, { kk: 'Асқар Шәкіров', ru: 'Аскар Шакиров', en: 'Askar Shakirov' }, { role: 'head', from: day, to: day });
    const m = await sitting({ startsAt: `${day}T10:00` });
    await clerk.post(`${m.url}/attendance`, { [`m.${chair}`]: 'room' });
    const quorumLine = 'Present: 1 of 1 member; 1 needed for a quorum. Quorum reached.';
    expect(now((await clerk.get(m.url)).body)).toContain(quorumLine);
    await clerk.post(`${m.url}/decisions`, { itemId: m.agenda[0]!.id, kind: 'admission', admits: '3', titleKk: 'Ұжымдық мүшелерді қабылдау туралы', titleRu: 'О приёме коллективных членов' });
    const decision = (await t.database.db.selectFrom('decision').select('id').where('meeting_id', '=', m.id).executeTakeFirstOrThrow()).id;
    expect((await adopt(m.url, decision, { for: '1' })).statusCode).toBe(303);
    const { version } = await t.database.db.selectFrom('meeting').select('version').where('id', '=', m.id).executeTakeFirstOrThrow();
    expect((await clerk.post(`/en/office/meetings/${m.id}/status`, { action: 'hold', version: String(version) })).statusCode).toBe(303);

    // The three organisations admitted by the sitting's decision, from the sitting's day.
    expect((await admitOrganization(decision, 'Департамент по координации программы «Рухани жаңғыру»')).statusCode).toBe(303);
    let page = await clerk.get(m.url);
    expect(read(page.body).text('main')).toContain('1 of 3 entered in the registry: Департамент по координации программы «Рухани жаңғыру» [RU]');
    expect(hrefs(page.body)).toContain(`/en/office/council/admit?decision=${decision}`);
    expect((await admitOrganization(decision, 'Институт государственного местного управления')).statusCode).toBe(303);
    expect((await admitOrganization(decision, 'Республиканский журнал «Маслихат и акимат»')).statusCode).toBe(303);
    // A member of that day entered in the registry afterwards (a late correction of the register).
    await createCouncilMember(t.database.db, { kk: 'Кейін енгізілген мүше', ru: 'Внесённый позже член' }, { from: '2020-01-01', to: '2020-12-31' });

    page = await clerk.get(m.url);
    expect(now(page.body)).toContain(quorumLine);
    expect(read(page.body).text('main')).toContain('3 of 3 entered in the registry');
    expect(page.body).not.toContain(`admit?decision=${decision}`);
    const record = await clerk.get(`/en/office/meetings/${m.id}/live/panel`);
    expect(now(record.body)).toContain(quorumLine);

    // Changing the record itself takes the registry as it is now: the late member joins the roll, the admitted do not.
    expect((await clerk.post(`${m.url}/attendance`, { [`m.${chair}`]: 'room' })).statusCode).toBe(303);
    expect(now((await clerk.get(m.url)).body)).toContain('Present: 1 of 2 members; 2 needed for a quorum.');
  });

  it('says how many may vote and why — by the roll call, or by the registry when no roll was called — in kk, ru and en', async () => {
    const day = '2019-05-15';
    const chair = await createCouncilMember(t.database.db, { kk: 'Төраға Бір', ru: 'Председатель Один' }, { role: 'head', from: day, to: day });
    const m = await sitting({ startsAt: `${day}T10:00` });
    await clerk.post(`${m.url}/decisions`, { itemId: m.agenda[0]!.id, kind: 'other', titleKk: 'Жоспар', titleRu: 'План' });
    const decision = (await t.database.db.selectFrom('decision').select('id').where('meeting_id', '=', m.id).executeTakeFirstOrThrow()).id;
    // A realistic hall (25 for) against a registry that knows one member on that day.
    const refused = await adopt(m.url, decision, { for: '25', against: '0', abstain: '0' });
    expect(refused.statusCode).toBe(400);
    expect(errors(refused.body)).toEqual(['For, against and abstained together can be at most 1: the registry holds 1 member of the Council on 15 May 2019, and no roll was called. If more voted, enter the missing members on the Council page, or call the roll.']);
    for (const lang of ['ru', 'kk'] as const) {
      const res = await clerk.post(`/${lang}/office/meetings/${m.id}/live/decisions/${decision}/close`, { for: '25' });
      expect(res.statusCode).toBe(400);
      expect(errors(res.body)).toEqual([translate(lang, 'live.problem.countsTooMany', { limit: 1, present: 0, members: 1, needed: 1, date: formatDate(lang, day), roll: 'no' })]);
    }
    expect(translate('ru', 'live.problem.countsTooMany', { limit: 1, present: 0, members: 1, needed: 1, date: formatDate('ru', day), roll: 'no' })).toContain('1 член Совета, перекличка не проводилась');

    await clerk.post(`${m.url}/attendance`, { [`m.${chair}`]: 'video' });
    const byRoll = await clerk.post(`/ru/office/meetings/${m.id}/live/decisions/${decision}/close`, { for: '2' });
    expect(errors(byRoll.body)).toEqual([expect.stringContaining('не больше 1: по перекличке на 15 мая 2019 г. присутствует 1 из 1 члена Совета.')]);
    expect((await clerk.post(`${m.url}/decisions/${decision}/close`, { for: '1' })).statusCode).toBe(303);
  });

  it('agrees in number in Russian and English: "из 1 члена", "из 21 члена", "из 4 членов"; "of 1 member"', () => {
    expect(translate('ru', 'live.quorum', { present: 1, members: 1, needed: 1 })).toBe('Присутствуют: 1 из 1 члена; для кворума нужно 1.');
    expect(translate('ru', 'live.quorum', { present: 12, members: 21, needed: 11 })).toBe('Присутствуют: 12 из 21 члена; для кворума нужно 11.');
    expect(translate('ru', 'live.quorum', { present: 3, members: 4, needed: 3 })).toBe('Присутствуют: 3 из 4 членов; для кворума нужно 3.');
    expect(translate('en', 'live.quorum', { present: 1, members: 1, needed: 1 })).toBe('Present: 1 of 1 member; 1 needed for a quorum.');
    const noRoll = (count: number) => translate('ru', 'live.problem.countsTooMany', { limit: count, present: 0, members: count, needed: 1, date: '1 января 2020 г.', roll: 'no' });
    expect(noRoll(21)).toContain('21 член Совета');
    expect(noRoll(22)).toContain('22 члена Совета');
    expect(noRoll(25)).toContain('25 членов Совета');
    expect(noRoll(0)).toContain('нет членов Совета');
  });

  it('offers the admission on the meeting\'s office page until all it admits are entered, after the minutes are approved too', async () => {
    const m = await createMeeting(t.database.db, {
      startsAt: '2018-03-01T10:00',
      status: 'minutes_approved',
      agenda: [{ title: { kk: 'Қабылдау', ru: 'Приём' } }],
      decisions: [{ title: { kk: 'Мүшелікке қабылдау туралы', ru: 'О приёме в члены', en: 'On admission' }, kind: 'admission', result: 'adopted', agendaItem: 0 }],
    });
    const decision = m.decisions[0]!;
    await t.database.db.updateTable('decision').set({ admissions_expected: 2 }).where('id', '=', decision).execute();
    const admissions = (html: string) => read(html).allByRole('region', { name: 'Admissions adopted at this meeting' }).flatMap((section) => [...section.querySelectorAll('li')].map((li) => textOf(li)));
    const enter = { text: 'Enter in the registry', href: `/en/office/council/admit?decision=${decision}` };
    let page = await clerk.get(`/en/office/meetings/${m.id}`);
    expect(admissions(page.body)).toEqual(['On admission — 0 of 2 entered in the registry Enter in the registry']);
    expect(read(page.body).links('Enter in the registry')).toEqual([enter]);
    await admitOrganization(decision, 'Союз молодых юристов', 'Жас заңгерлер одағы');
    page = await clerk.get(`/en/office/meetings/${m.id}`);
    expect(admissions(page.body)).toEqual(['On admission — 1 of 2 entered in the registry: Союз молодых юристов [RU] Enter in the registry']);
    expect(read(page.body).links('Enter in the registry')).toEqual([enter]);
    const council = read((await clerk.get('/en/office/council')).body);
    expect(council.allByRole('heading', { name: 'Admissions still to enter in the registry' })).toHaveLength(1);
    expect(council.links('Enter in the registry')).toContainEqual(enter);
    await admitOrganization(decision, 'Институт парламентаризма');
    page = await clerk.get(`/en/office/meetings/${m.id}`);
    expect(admissions(page.body)).toEqual(['On admission — 2 of 2 entered in the registry: Союз молодых юристов [RU], Институт парламентаризма [RU]']);
    expect(read(page.body).links('Enter in the registry')).toEqual([]);
    expect(page.body).not.toContain(`admit?decision=${decision}`);
    expect((await clerk.get('/en/office/council')).body).not.toContain(`admit?decision=${decision}`);
  });
});

interface ServerEvent {
  event: string;
  id: number;
  /** The data lines, joined as a browser joins them. */
  data: string;
}

/** Reads server-sent events from a stream until `until` matches the events seen; returns them. */
async function readEvents(body: ReadableStream<Uint8Array>, until: (seen: ServerEvent[]) => boolean): Promise<ServerEvent[]> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const seen: ServerEvent[] = [];
  let buffer = '';
  while (!until(seen)) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let cut: number;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const id = /^id: (.*)$/m.exec(block)?.[1];
      const data = [...block.matchAll(/^data: (.*)$/gm)].map((line) => line[1]).join('\n');
      if (event && id) seen.push({ event, id: Number(id), data });
    }
  }
  await reader.cancel();
  return seen;
}

describe('GET /:lang/office/meetings/:id/live/events', () => {
  it('streams the current sequence, then each change as the state panel in the stream’s language, within a second', async () => {
    const m = await sitting();
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const response = await fetch(`${address}${m.url}/events`, { headers: { cookie: west.cookieHeader } });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = readEvents(response.body!, (seen) => seen.length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await t.app.inject('/metrics')).body).toMatch(/^kenes_live_streams 1$/m);
    const started = performance.now();
    await clerk.post(`${m.url}/current`, { itemId: m.agenda[1]!.id });
    const seen = await events;
    expect(performance.now() - started).toBeLessThan(1000);
    const [connected, changed] = seen;
    expect(connected).toEqual({ event: 'change', id: connected!.id, data: String(connected!.id) });
    expect(changed).toMatchObject({ event: 'panel', id: connected!.id + 1 });
    expect(liveState(changed!.data).getAttribute('data-sequence')).toBe(String(connected!.id + 1));
    expect(now(changed!.data)).toContain('Under discussion');
  });

  it('reaches a screen served by another app instance on the same PostgreSQL database (LISTEN/NOTIFY)', async (context) => {
    const shared = await createSharedTestDatabase();
    if (!shared) return context.skip('PostgreSQL only: PGlite lives inside one process');
    const [one, two] = shared;
    const a = await createTestApp({ database: one });
    const b = await createTestApp({ database: two });
    try {
      const db = one.db;
      const m = await createMeeting(db, { startsAt: '2026-12-10T11:00', status: 'in_progress', agenda: [{ title: { kk: 'Бір', ru: 'Один' } }] });
      const clerkA = new Browser(a.app);
      await signInFully(clerkA, db, await createAccount(db, { grants: [{ role: 'secretariat', organizationSlug: 'council-senate' }] }));
      const clerkB = new Browser(b.app);
      await signInFully(clerkB, db, await createAccount(db, { grants: [{ role: 'secretariat', organizationSlug: 'council-senate' }] }));
      const address = await b.app.listen({ port: 0, host: '127.0.0.1' });
      const url = `/en/office/meetings/${m.id}/live`;
      const response = await fetch(`${address}${url}/events`, { headers: { cookie: clerkB.cookieHeader } });
      const events = readEvents(response.body!, (seen) => seen.length >= 2);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const started = performance.now();
      expect((await clerkA.post(`${url}/current`, { itemId: m.agenda[0]!.id })).statusCode).toBe(303);
      const seen = await events;
      expect(performance.now() - started).toBeLessThan(1000);
      expect(seen.map((e) => [e.event, e.id])).toEqual([
        ['change', seen[0]!.id],
        ['panel', seen[0]!.id + 1],
      ]);
      expect(now(seen[1]!.data)).toContain('Under discussion');
      expect(now((await clerkB.get(`${url}/panel`)).body)).toContain('Under discussion');
    } finally {
      await a.close();
      await b.close();
    }
  });
});
