// The record of a sitting as every view of it tells it: the minutes, the press release draft, the
// public page and the office. The roll call is the record of who took part, and every body is named
// as it was on the meeting's day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, createAccount, signInFully } from '../../../test/support/factories.js';
import { createMeeting, type CreatedMeeting } from '../../../test/support/meeting-factories.js';
import { createCollectiveMembers } from '../../../test/support/registry-factories.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { systemContext } from '../../core/audit/audit.js';
import { draftPressRelease } from '../news/press-release.js';
import { listRegionMaslikhats } from '../registry/registry.repository.js';
import { createRegistryService } from '../registry/registry.service.js';
import { createLiveService } from './live.service.js';
import { buildMinutesContent } from './minutes/minutes-content.js';
import { loadMeetingRecord } from './record.js';

let t: TestApp;
let clerk: Browser;
let collectiveMember: string;

beforeAll(async () => {
  t = await createTestApp();
  clerk = new Browser(t.app);
  await signInFully(clerk, t.database.db, await createAccount(t.database.db, { grants: [{ role: 'secretariat', organizationSlug: 'council-senate' }] }));
  const admitted = await createCollectiveMembers(t.database.db, { admittedOn: '2020-01-15', members: [{ name: { kk: 'Заңгерлер одағы', ru: 'Союз юристов', en: 'Union of Lawyers' } }] });
  collectiveMember = admitted.members[0]!.organizationId;
});
afterAll(() => t.close());

const registry = () => createRegistryService(t.database.db);
const record = async (meetingId: string) => (await loadMeetingRecord(t.database.db, registry(), meetingId))!;
/** The rows of the public page's table of invited regions: the maslikhat and how it took part. */
const regionRows = (html: string) => {
  const section = html.slice(html.indexOf('<section aria-labelledby="regions">'), html.indexOf('</section>', html.indexOf('<section aria-labelledby="regions">')));
  return [...section.matchAll(/<tr>\s*<th scope="row">([\s\S]*?)<\/th>\s*<td>([\s\S]*?)<\/td>/g)].map((m) => ({ name: m[1]!.replace(/<[^>]+>/g, '').trim(), part: m[2]!.replace(/<[^>]+>/g, '').trim() }));
};

/** A meeting held on 21 October 2020 to which every region's maslikhat of that day is invited. */
async function meetingOfAllRegions(answers: (index: number) => { status: 'invited' | 'confirmed' | 'declined'; attendanceMode?: 'room' | 'video' | null }): Promise<CreatedMeeting & { slugs: string[] }> {
  const slugs = (await listRegionMaslikhats(t.database.db, '2020-10-21')).map((m) => m.slug);
  const m = await createMeeting(t.database.db, {
    startsAt: '2020-10-21T10:00',
    status: 'held',
    agenda: [{ title: { kk: 'Жолдау туралы', ru: 'О Послании', en: 'On the Address' } }],
    invitations: slugs.map((kato, i) => ({ kato, ...answers(i) })),
  });
  return { ...m, slugs };
}

describe('the roll call is the record of who took part', () => {
  let m: CreatedMeeting & { slugs: string[] };
  beforeAll(async () => {
    // All 17 invited, one confirms by video, the roll call marks all 17 on video — and a collective member too.
    m = await meetingOfAllRegions((i) => (i === 0 ? { status: 'confirmed', attendanceMode: 'video' } : { status: 'invited' }));
    const live = createLiveService(t.database.db, registry(), t.app.live);
    await live.recordAttendance(
      m.id,
      [...m.invitations.map((i) => ({ personId: null, organizationId: i.organizationId, presence: 'video' as const, absenceReason: null })), { personId: null, organizationId: collectiveMember, presence: 'video', absenceReason: null }],
      systemContext('test'),
    );
  });

  it('the minutes list every invited maslikhat with its attendance from the roll call', async () => {
    const kk = buildMinutesContent(await record(m.id), 'kk', { draft: false });
    expect(m.slugs).toHaveLength(17);
    expect(kk.regions?.entries).toHaveLength(17);
    for (const entry of kk.regions!.entries) expect(entry).toMatch(/ \(бейнебайланыс арқылы\)$/);
    const ru = buildMinutesContent(await record(m.id), 'ru', { draft: false });
    expect(ru.regions?.entries).toContain('Западно-Казахстанский областной маслихат (по видеосвязи)');
  });

  it('the public page shows each of them as it took part, none as merely invited', async () => {
    const rows = regionRows((await t.app.inject(`/en/meetings/${m.id}`)).body);
    expect(rows).toHaveLength(17);
    for (const row of rows) expect(row.part).toBe('Took part by video');
  });

  it('the press release counts the regions by the roll call, and a collective member is not a region', async () => {
    const draft = draftPressRelease(await record(m.id));
    expect(draft.lead.en).toContain('The maslikhats of 17 regions took part by video link.');
  });

  it('the roll call beats the answer; an answer stands where the roll call has not called the region', async () => {
    // 0: confirmed by video, called absent; 1: declined, called in the room; 2: confirmed in the room, not called; 3: declined, not called; the rest: no answer, not called.
    const answers = [
      { status: 'confirmed', attendanceMode: 'video' },
      { status: 'declined' },
      { status: 'confirmed', attendanceMode: 'room' },
      { status: 'declined' },
    ] as const;
    const mixed = await meetingOfAllRegions((i) => answers[i] ?? { status: 'invited' });
    const [calledAbsent, calledInRoom] = mixed.invitations;
    await createLiveService(t.database.db, registry(), t.app.live).recordAttendance(
      mixed.id,
      [
        { personId: null, organizationId: calledAbsent!.organizationId, presence: 'absent', absenceReason: null },
        { personId: null, organizationId: calledInRoom!.organizationId, presence: 'room', absenceReason: null },
      ],
      systemContext('test'),
    );
    const parts = regionRows((await t.app.inject(`/en/meetings/${mixed.id}`)).body).map((r) => r.part);
    expect(parts.slice(0, 5)).toEqual(['Did not take part', 'Took part in the room', 'Confirmed, in the room', 'Declined', 'Invited']);
    const entries = buildMinutesContent(await record(mixed.id), 'en', { draft: false }).regions!.entries;
    expect(entries.slice(0, 5).map((e) => e.replace(/^.*\(/, '('))).toEqual(['(did not take part)', '(in the room)', '(in the room)', '(did not take part)', '(attendance not recorded)']);
    expect(draftPressRelease(await record(mixed.id)).lead.en).toContain('Representatives of the maslikhats of 2 regions were present in the room.');
  });
});

describe('names as on the meeting’s day', () => {
  let m: CreatedMeeting;
  beforeAll(async () => {
    // The capital's maslikhat was the Nur-Sultan City Maslikhat from 2019-03-23 to 2022-09-16.
    m = await createMeeting(t.database.db, { startsAt: '2020-10-21T10:00', status: 'held', invitations: [{ kato: '710000000', status: 'confirmed', attendanceMode: 'video' }] });
  });

  it('the office’s invitations table names the capital’s maslikhat Nur-Sultan in 2020', async () => {
    const page = await clerk.get(`/en/office/meetings/${m.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Nur-Sultan City Maslikhat');
    expect(page.body).not.toContain('Astana City Maslikhat');
  });

  it('so do the minutes and the public page', async () => {
    expect(buildMinutesContent(await record(m.id), 'kk', { draft: false }).regions?.entries).toEqual(['Нұр-Сұлтан қалалық мәслихаты (бейнебайланыс арқылы)']);
    expect(regionRows((await t.app.inject(`/en/meetings/${m.id}`)).body).map((r) => r.name)).toEqual(['Nur-Sultan City Maslikhat']);
  });
});
