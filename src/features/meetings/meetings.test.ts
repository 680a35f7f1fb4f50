import { sql } from 'kysely';
import { newId } from '../../core/ids.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, createAccount, signInFully } from '../../../test/support/factories.js';
import { page as read, textOf } from '../../../test/support/page.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { zonedInstant } from '../../core/i18n/format.js';
import { createCouncilMember } from '../../../test/support/registry-factories.js';

let t: TestApp;
let clerk: Browser;
let west: Browser;
let almaty: Browser;

beforeAll(async () => {
  t = await createTestApp();
  const secretariat = await createAccount(t.database.db, { grants: [{ role: 'secretariat', organizationSlug: 'council-senate' }] });
  clerk = new Browser(t.app);
  await signInFully(clerk, t.database.db, secretariat);
  west = new Browser(t.app);
  await west.signIn(await createAccount(t.database.db, { grants: [{ role: 'maslikhat_staff', organizationSlug: 'maslikhat-270000000' }] }));
  almaty = new Browser(t.app);
  await almaty.signIn(await createAccount(t.database.db, { grants: [{ role: 'maslikhat_staff', organizationSlug: 'maslikhat-750000000' }] }));
});
afterAll(() => t.close());

describe('zonedInstant', () => {
  it('reads a local time in Kazakhstan with the offset of its day (UTC+6 before 2024-03-01, UTC+5 after)', () => {
    expect(zonedInstant('2020-10-21', '11:00', 'Asia/Almaty').toISOString()).toBe('2020-10-21T05:00:00.000Z');
    expect(zonedInstant('2026-12-10', '11:00', 'Asia/Almaty').toISOString()).toBe('2026-12-10T06:00:00.000Z');
  });
});

/** The error summary's messages. */
const errors = (html: string) => read(html).errorSummary().map((e) => e.text);
/** The text of the main content, as it reads. */
const mainText = (html: string) => read(html).text('main');

async function schedule(overrides: Record<string, string> = {}) {
  const res = await clerk.post('/en/office/meetings/new', {
    kind: 'regular', number: '21', date: '2026-12-10', time: '11:00', titleKk: 'Мәслихаттардың Жолдауды іске асыруға қатысуы', titleRu: 'Об участии маслихатов в реализации Послания',
    titleEn: '', placeKk: 'Астана, Парламент үйі', placeRu: 'Астана, здание Парламента', format: 'hybrid', videoUrl: 'https://meet.jit.si/kenes-council-21', ...overrides,
  });
  return res;
}

describe('scheduling and running a meeting (secretariat)', () => {
  it('schedules a hybrid meeting, builds the agenda, announces it, invites every region and tracks a later agenda change', async () => {
    const res = await schedule();
    expect(res.statusCode).toBe(303);
    const url = res.headers.location as string;
    const id = url.split('/').at(-1)!;

    const tooEarly = await clerk.post(`${url}/status`, { action: 'announce', version: '1' });
    expect(tooEarly.statusCode).toBe(400);
    expect(errors(tooEarly.body)).toEqual([expect.stringContaining('Add at least one agenda item before announcing')]);

    expect((await clerk.post(`${url}/agenda`, { titleKk: 'Жолдауды іске асыру', titleRu: 'О реализации Послания', minutes: '40', isMain: '1' })).statusCode).toBe(303);
    expect((await clerk.post(`${url}/status`, { action: 'announce', version: '1' })).statusCode).toBe(303);
    expect((await clerk.post(`${url}/invitations`)).statusCode).toBe(303);
    const page = read((await clerk.get(url)).body);
    expect(page.definition('Video-conference link')).toBe('https://meet.jit.si/kenes-council-21');
    expect(page.text('main')).toContain('Almaty City Maslikhat');
    const invited = await t.database.db.selectFrom('meeting_invitation').select((eb) => eb.fn.countAll<number>().as('n')).where('meeting_id', '=', id).executeTakeFirstOrThrow();
    expect(Number(invited.n)).toBe(20);

    expect((await clerk.post(`${url}/agenda`, { titleKk: 'Әртүрлі', titleRu: 'Разное', minutes: '10' })).statusCode).toBe(303);
    const changed = read((await clerk.get(url)).body);
    const changes = [...(changed.byRole('heading', { name: 'Changes after the announcement' }).nextElementSibling?.querySelectorAll('li') ?? [])].map((li) => textOf(li));
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatch(/: \+ Разное \[RU\]$/); // no English title: the Russian one, marked

    // Stale form: the version moved on.
    expect((await clerk.post(`${url}/status`, { action: 'start', version: '1' })).statusCode).toBe(409);
    const noReason = await clerk.post(`${url}/status`, { action: 'postpone', version: '2', reasonKk: '', reasonRu: '' });
    expect(noReason.statusCode).toBe(400);
    expect(errors(noReason.body)).toEqual(expect.arrayContaining([expect.stringContaining('Give the reason')]));
    expect((await clerk.post(`${url}/status`, { action: 'start', version: '2' })).statusCode).toBe(303);
    expect((await clerk.post(`${url}/status`, { action: 'hold', version: '3' })).statusCode).toBe(303);
    const held = await t.database.db.selectFrom('meeting').select(['status', 'starts_at']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(held.status).toBe('held');
    expect(held.starts_at.toISOString()).toBe('2026-12-10T06:00:00.000Z');
    const events = await sql<{ action: string }>`select action from audit_event where entity = 'meeting' and entity_id = ${id} order by occurred_at`.execute(t.database.db);
    expect(events.rows.map((e) => e.action)).toEqual(['scheduled', 'status_announce', 'invited', 'status_start', 'status_hold']);
  });

  it('POST /{lang}/office/meetings/:id/invitations invites chosen regions, then the Council\'s members, and refuses an empty choice', async () => {
    const url = (await schedule({ number: '31' })).headers.location as string;
    const id = url.split('/').at(-1)!;
    const westId = (await t.database.db.selectFrom('organization').select('id').where('slug', '=', 'maslikhat-270000000').executeTakeFirstOrThrow()).id;
    const almatyCity = (await t.database.db.selectFrom('organization').select('id').where('slug', '=', 'maslikhat-750000000').executeTakeFirstOrThrow()).id;
    const empty = await clerk.post(`${url}/invitations`, { scope: 'chosen' });
    expect(empty.statusCode).toBe(400);
    expect(errors(empty.body)).toEqual(['Choose at least one region.']);
    const res = await clerk.post(`${url}/invitations`, { scope: 'chosen', organizationId: [westId, almatyCity] });
    expect(res.statusCode).toBe(303);
    const member = { id: await createCouncilMember(t.database.db, { kk: 'Тілеуова Айгүл', ru: 'Тлеуова Айгуль', en: 'Aigul Tleuova' }, { from: '2025-01-01' }) };
    expect((await clerk.post(`${url}/invitations`, { scope: 'members' })).statusCode).toBe(303);
    const invited = await t.database.db.selectFrom('meeting_invitation').select(['organization_id', 'person_id']).where('meeting_id', '=', id).execute();
    expect(invited.filter((i) => i.organization_id).map((i) => i.organization_id).toSorted()).toEqual([westId, almatyCity].toSorted());
    expect(invited.some((i) => i.person_id === member.id)).toBe(true);
    const page = read((await clerk.get(url)).body);
    expect(page.text('main')).toContain('Aigul Tleuova');
    // The two invited regions are no longer offered; the others are.
    const offered = page.allByRole('checkbox').filter((box) => box.getAttribute('name') === 'organizationId').map((box) => box.getAttribute('value'));
    expect(offered).toHaveLength(18);
    expect(offered).not.toContain(westId);
    expect(offered).not.toContain(almatyCity);
    expect(page.document.getElementById(`invite-${westId}`)).toBeNull();
    expect(page.text('main')).toContain('Invite chosen regions');
    expect(page.allByRole('button', { name: 'Invite the chosen' })).toHaveLength(1);
  });

  it('explains a bad form and keeps the answers', async () => {
    const res = await schedule({ date: '10.12.2026', time: '25:00', titleKk: '', titleRu: '', videoUrl: 'zoom' });
    expect(res.statusCode).toBe(400);
    expect(errors(res.body)).toEqual([
      expect.stringContaining('Enter the date as YYYY-MM-DD'),
      expect.stringContaining('Enter the time as HH:MM'),
      'Enter the title in Kazakh or Russian.',
      expect.stringContaining('enter a link starting with https://'),
    ]);
    expect(read(res.body).value('Date')).toBe('10.12.2026');
  });

  it('is the secretariat\'s: maslikhat staff are refused', async () => {
    expect((await west.get('/en/office/meetings')).statusCode).toBe(403);
    expect((await west.post('/en/office/meetings/new', { kind: 'regular' })).statusCode).toBe(403);
  });
});

describe('answering an invitation (maslikhat staff)', () => {
  it('a maslikhat confirms video attendance from its own office; another region cannot answer for it', async () => {
    const res = await schedule({ number: '22' });
    const url = res.headers.location as string;
    await clerk.post(`${url}/agenda`, { titleKk: 'Негізгі', titleRu: 'Основной' });
    await clerk.post(`${url}/status`, { action: 'announce', version: '1' });
    await clerk.post(`${url}/invitations`);

    const office = await west.get('/ru/office/');
    expect(mainText(office.body)).toMatch(/приглашени[ея] на заседани[ея] ждёт ответа|ждут ответа/);
    const list = await west.get('/ru/office/invitations');
    expect(list.statusCode).toBe(200);
    expect(mainText(list.body)).toContain('Западно-Казахстанский областной маслихат');
    expect(read(list.body).text()).not.toContain('маслихат города Алматы');
    // Named as on the meeting's day (10 December), not today: a new name from 5 December shows.
    const westId = (await t.database.db.selectFrom('organization').select('id').where('slug', '=', 'maslikhat-270000000').executeTakeFirstOrThrow()).id;
    const renamed = newId();
    await t.database.db.insertInto('organization_name').values({ id: renamed, organization_id: westId, name: JSON.stringify({ ru: 'Маслихат Западного Казахстана (с 5 декабря)' }), short_name: null, valid_from: '2026-12-05', valid_to: null }).execute();
    try {
      expect(mainText((await west.get('/ru/office/invitations')).body)).toContain('Маслихат Западного Казахстана (с 5 декабря)');
    } finally {
      await t.database.db.deleteFrom('organization_name').where('id', '=', renamed).execute();
    }
    const invitation = await t.database.db
      .selectFrom('meeting_invitation')
      .innerJoin('organization', 'organization.id', 'meeting_invitation.organization_id')
      .select(['meeting_invitation.id', 'meeting_invitation.version'])
      .where('organization.slug', '=', 'maslikhat-270000000')
      .where('meeting_invitation.meeting_id', '=', url.split('/').at(-1)!)
      .executeTakeFirstOrThrow();

    const foreign = await almaty.post(`/ru/office/invitations/${invitation.id}/respond`, { answer: 'declined', version: String(invitation.version) });
    expect(foreign.statusCode).toBe(404);

    const answered = await west.post(`/ru/office/invitations/${invitation.id}/respond`, { answer: 'video', attendees: 'Кульшар М., секретарь маслихата', version: String(invitation.version) });
    expect(answered.statusCode).toBe(303);
    const row = await t.database.db.selectFrom('meeting_invitation').select(['status', 'attendance_mode', 'attendees']).where('id', '=', invitation.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'confirmed', attendance_mode: 'video', attendees: 'Кульшар М., секретарь маслихата' });
    const clerkView = await clerk.get(url);
    expect(mainText(clerkView.body)).toContain('Кульшар М., секретарь маслихата');
    // A stale answer is a conflict, not a silent overwrite.
    expect((await west.post(`/ru/office/invitations/${invitation.id}/respond`, { answer: 'room', version: String(invitation.version) })).statusCode).toBe(409);
  });
});
