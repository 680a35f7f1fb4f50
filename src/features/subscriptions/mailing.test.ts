// sendSubscriptionMails run by two app instances at once on one PostgreSQL database: each (address, item) mailed once, news, meetings and receptions alike; each change to a meeting or reception too.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createOutreachEvent } from '../../../test/support/outreach-factories.js';
import { createSharedTestDatabase, usingPostgres } from '../../../test/support/test-db.js';
import type { Db } from '../../core/db/connect.js';
import { newId } from '../../core/ids.js';
import type { MailMessage, Mailer } from '../../core/mail/mailer.js';
import { sendSubscriptionMails } from './mailing.js';

function recordingMailer(sent: MailMessage[]): Mailer {
  return { send: async (m) => (sent.push(m), { id: newId(), delivered: true }), close: async () => {} };
}

const orgId = async (db: Db, slug: string) => (await db.selectFrom('organization').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;

/** A confirmed subscriber (as the confirmation link leaves one), confirmed an hour ago. */
async function confirmedSubscriber(db: Db, topic: 'news' | 'meetings' | 'receptions', organizationId: string): Promise<string> {
  const email = `pg-${randomBytes(6).toString('hex')}@example.kz`;
  const subscriberId = newId();
  await db.insertInto('subscriber').values({ id: subscriberId, email, language: 'kk' }).execute();
  await db.insertInto('subscription').values({ id: newId(), subscriber_id: subscriberId, topic, organization_id: organizationId, language: 'kk', confirm_token_hash: null, confirmed_at: new Date(Date.now() - 3_600_000) }).execute();
  return email;
}

describe.runIf(usingPostgres)('sendSubscriptionMails on two instances of one PostgreSQL database', () => {
  it('run at once, they mail each news item, meeting and reception to each subscriber once, and each change once', async () => {
    const [one, two] = (await createSharedTestDatabase()) ?? [];
    if (!one || !two) throw new Error('PostgreSQL only');
    try {
      const db = one.db;
      const council = await orgId(db, 'council-senate');
      const west = await orgId(db, 'maslikhat-270000000');
      const emails = [await confirmedSubscriber(db, 'news', west), await confirmedSubscriber(db, 'news', council), await confirmedSubscriber(db, 'meetings', west), await confirmedSubscriber(db, 'receptions', west)];
      const reception = await createOutreachEvent(db, { maslikhat: '270000000', startsAt: new Date(Date.now() + 2 * 86_400_000) });
      const meetingId = newId();
      await db.insertInto('meeting').values({ id: meetingId, organization_id: council, kind: 'regular', number: 5, title: null, starts_at: new Date(Date.now() + 5 * 86_400_000), ends_at: null, place: null, format: 'online', video_url: null, chair_person_id: null, status: 'announced', status_reason: null, announced_at: new Date(), current_agenda_item_id: null }).execute();
      await db.insertInto('meeting_invitation').values({ id: newId(), meeting_id: meetingId, organization_id: west, person_id: null, attendance_mode: null, attendees: null, responded_at: null, responded_by: null }).execute();
      for (let i = 0; i < 3; i++) {
        await db.insertInto('news_item').values({ id: newId(), organization_id: council, meeting_id: i === 0 ? meetingId : null, title: JSON.stringify({ kk: `Жаңалық ${i}` }), lead: null, body: null, status: 'published', published_at: new Date(), created_by: null }).execute();
      }
      // Scheduled for tomorrow: not mailed before its time.
      await db.insertInto('news_item').values({ id: newId(), organization_id: council, meeting_id: null, title: JSON.stringify({ kk: 'Ертеңгі жаңалық' }), lead: null, body: null, status: 'published', published_at: new Date(Date.now() + 86_400_000), created_by: null }).execute();
      const sent: MailMessage[] = [];
      const runs = [one, two, one, two].map((h) => sendSubscriptionMails({ db: h.db, mailer: recordingMailer(sent), baseUrl: 'https://kenes.example.kz' }));
      const reports = await Promise.all(runs);
      // West's news subscriber: the one item about the meeting West is invited to; the Council's: all three; West's meetings: the meeting; West's receptions: the reception.
      expect(sent.map((m) => m.to).toSorted()).toEqual([emails[0], emails[1], emails[1], emails[1], emails[2], emails[3]].toSorted());
      expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(6);
      expect(Number((await db.selectFrom('subscription_delivery').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(6);

      // The meeting moves and the reception is withdrawn: each change is mailed once to those who got the first mail.
      await db.updateTable('meeting').set({ starts_at: new Date(Date.now() + 6 * 86_400_000) }).where('id', '=', meetingId).execute();
      await db.updateTable('outreach_event').set({ public: false }).where('id', '=', reception).execute();
      sent.length = 0;
      const again = await Promise.all([one, two, one, two].map((h) => sendSubscriptionMails({ db: h.db, mailer: recordingMailer(sent), baseUrl: 'https://kenes.example.kz' })));
      expect(sent.map((m) => m.to).toSorted()).toEqual([emails[2], emails[3]].toSorted());
      expect(again.reduce((n, r) => n + r.sent, 0)).toBe(2);
    } finally {
      await one.close();
      await two.close();
    }
  });
});
