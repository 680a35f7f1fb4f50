// Subscribers, their subscriptions and the log of what was mailed to them; also reads (only) the published news, announced meetings and public receptions ahead the mailing job sends.
import { expressionBuilder, sql, type Expression, type SqlBool } from 'kysely';
import { constantList, json, type Executor } from '../../core/db/query.js';
import { areaNameAsOf, localDay } from '../../core/db/dated.js';
import type { Language } from '../../core/i18n/languages.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import type { Database, MailedFacts, SubscriberTable, SubscriptionTable } from '../../core/db/database.js';

export type { MailedFacts };

export type Topic = 'news' | 'meetings' | 'receptions';
export type ItemKind = 'news' | 'meeting' | 'reception';

/** The subscriber with this address (created when new); its id. */
export async function ensureSubscriber(db: Executor, row: { id: string; email: string; language: Language }): Promise<string> {
  const inserted = await db
    .insertInto('subscriber')
    .values(row)
    .onConflict((oc) => oc.column('email').doUpdateSet({ updated_at: sql<Date>`now()` }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/**
 * A subscription waiting for its link to be followed: new, or the same topic and organisation asked
 * again (a new link replaces the old one). One that had ended must be confirmed again; one still
 * running stays confirmed. Its id.
 */
export async function upsertPendingSubscription(
  db: Executor,
  row: { id: string; subscriberId: string; topic: Topic; organizationId: string; language: Language; tokenHash: string; expiresAt: Date; now: Date },
): Promise<string> {
  const saved = await db
    .insertInto('subscription')
    .values({
      id: row.id,
      subscriber_id: row.subscriberId,
      topic: row.topic,
      organization_id: row.organizationId,
      language: row.language,
      confirm_token_hash: row.tokenHash,
      confirm_expires_at: row.expiresAt,
    })
    .onConflict((oc) =>
      oc.columns(['subscriber_id', 'topic', 'organization_id']).doUpdateSet((eb) => ({
        language: eb.ref('excluded.language'),
        confirm_token_hash: eb.ref('excluded.confirm_token_hash'),
        confirm_expires_at: eb.ref('excluded.confirm_expires_at'),
        confirmed_at: sql<Date | null>`case when subscription.ended_at is null then subscription.confirmed_at end`,
        ended_at: null,
        updated_at: row.now,
      })),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return saved.id;
}

export interface PendingSubscriptionRow {
  id: string;
  subscriberId: string;
  topic: Topic;
  organizationId: string;
  language: Language;
  expiresAt: Date | null;
  confirmedAt: Date | null;
}

/** The subscription whose confirmation link has this hash. */
export async function findByConfirmToken(db: Executor, tokenHash: string): Promise<PendingSubscriptionRow | undefined> {
  return db
    .selectFrom('subscription')
    .select(['id', 'subscriber_id as subscriberId', 'topic', 'organization_id as organizationId', 'language', 'confirm_expires_at as expiresAt', 'confirmed_at as confirmedAt'])
    .where('confirm_token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Confirms the subscription (once: a second time changes nothing) and writes the subscriber's mail in its language; true when it was pending. */
export async function confirmSubscription(db: Executor, subscription: { id: string; subscriberId: string; language: Language }, now: Date): Promise<boolean> {
  const result = await db.updateTable('subscription').set({ confirmed_at: now, updated_at: now }).where('id', '=', subscription.id).where('confirmed_at', 'is', null).executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await db.updateTable('subscriber').set({ language: subscription.language, updated_at: now }).where('id', '=', subscription.subscriberId).execute();
  return true;
}

/** The subscriber a mailed unsubscribe link (by its hash) was written for: in the mail of an item, or of a change to it. */
export async function findSubscriberByUnsubscribeToken(db: Executor, tokenHash: string): Promise<{ subscriberId: string; language: Language } | undefined> {
  return db
    .selectFrom('subscriber as r')
    .select(['r.id as subscriberId', 'r.language'])
    .where('r.id', 'in', (eb) =>
      eb
        .selectFrom('subscription_delivery as d')
        .select('d.subscriber_id')
        .where('d.unsubscribe_token_hash', '=', tokenHash)
        .unionAll(eb.selectFrom('subscription_notice as n').select('n.subscriber_id').where('n.unsubscribe_token_hash', '=', tokenHash)),
    )
    .executeTakeFirst();
}

/** Ends every running subscription of the subscriber, and voids their confirmation links; the ids ended. */
export async function endSubscriptions(db: Executor, subscriberId: string, now: Date): Promise<string[]> {
  const rows = await db
    .updateTable('subscription')
    .set({ ended_at: now, confirm_token_hash: null, confirm_expires_at: null, updated_at: now })
    .where('subscriber_id', '=', subscriberId)
    .where('ended_at', 'is', null)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

interface DueBase {
  subscriberId: string;
  email: string;
  language: Language;
  itemId: string;
}
/** A meeting or a reception as its mail tells it (kept with the delivery, to tell a change later). */
interface WithFacts {
  facts: MailedFacts;
}
export interface DueNewsRow extends DueBase {
  title: LocalizedText;
  lead: LocalizedText | null;
}
export interface DueMeetingRow extends DueBase, WithFacts {
  kind: 'regular' | 'extraordinary' | 'field';
  number: number | null;
  title: LocalizedText | null;
  startsAt: Date;
  timeZone: string;
  place: LocalizedText | null;
}

/** The facts of the meeting `m` and of the reception `e` as a mail tells them (migration 0029). */
const meetingFacts = sql<MailedFacts>`subscription_facts_meeting(m.starts_at, m.time_zone, m.place, m.status)`;
const receptionFacts = sql<MailedFacts>`subscription_facts_reception(e.kind, e.region_area_id, e.starts_at, e.time_zone, e.settlement, e.address, e.public)`;

/** What the due-mail queries below share: the subscriber as `r`, a subscription of theirs as `s`. */
type SubscriberScope = Database & { r: SubscriberTable; s: SubscriptionTable };

/** `s` is a running subscription of `r` to the topic: confirmed, not ended. */
function runningSubscription(topic: Topic): Expression<SqlBool> {
  const eb = expressionBuilder<SubscriberScope, 'r' | 's'>();
  return eb.and([eb('s.subscriber_id', '=', eb.ref('r.id')), eb('s.topic', '=', sql.lit(topic)), eb('s.confirmed_at', 'is not', null), eb('s.ended_at', 'is', null)]);
}

/** The item has not been mailed to `r` (nor claimed by a job sending it now). */
function notYetMailed(kind: ItemKind, itemId: Expression<string>): Expression<SqlBool> {
  const eb = expressionBuilder<SubscriberScope, 'r'>();
  return eb.not(eb.exists(eb.selectFrom('subscription_delivery as d').select('d.item_id').whereRef('d.subscriber_id', '=', 'r.id').where('d.item_kind', '=', sql.lit(kind)).where('d.item_id', '=', itemId)));
}

/**
 * Published news not yet mailed to a subscriber whose confirmed subscription covers it: news of the
 * subscribed organisation (the Council's), or about a meeting the subscribed maslikhat was invited
 * to; published after the subscription was confirmed. One row per address and item, oldest first.
 */
export async function listDueNews(db: Executor, limit: number): Promise<DueNewsRow[]> {
  return db
    .selectFrom('subscriber as r')
    .innerJoin('news_item as n', (join) => join.onTrue())
    .select(['r.id as subscriberId', 'r.email', 'r.language', 'n.id as itemId', 'n.title', 'n.lead'])
    .where('n.status', '=', 'published')
    // A scheduled item (published from a later time) is mailed once that time has come.
    .where('n.published_at', '<=', new Date())
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('subscription as s')
          .select('s.id')
          .where(runningSubscription('news'))
          .whereRef('n.published_at', '>=', 's.confirmed_at')
          .where((e) =>
            e.or([
              e('s.organization_id', '=', e.ref('n.organization_id')),
              e.exists(e.selectFrom('meeting_invitation as i').select('i.id').whereRef('i.meeting_id', '=', 'n.meeting_id').whereRef('i.organization_id', '=', 's.organization_id')),
            ]),
          ),
      ),
    )
    .where((eb) => notYetMailed('news', eb.ref('n.id')))
    .orderBy('n.published_at')
    .orderBy('n.id')
    .orderBy('r.id')
    .limit(limit)
    .execute();
}

/**
 * Announced meetings (not cancelled) not yet mailed to a subscriber whose confirmed subscription
 * covers them: the subscribed organisation's own, or one it is invited to; announced after the
 * subscription was confirmed.
 */
export async function listDueMeetings(db: Executor, limit: number): Promise<DueMeetingRow[]> {
  return db
    .selectFrom('subscriber as r')
    .innerJoin('meeting as m', (join) => join.onTrue())
    .select(['r.id as subscriberId', 'r.email', 'r.language', 'm.id as itemId', 'm.kind', 'm.number', 'm.title', 'm.starts_at as startsAt', 'm.time_zone as timeZone', 'm.place', meetingFacts.as('facts')])
    .where('m.status', 'not in', ['draft', 'cancelled'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('subscription as s')
          .select('s.id')
          .where(runningSubscription('meetings'))
          .whereRef('m.announced_at', '>=', 's.confirmed_at')
          .where((e) =>
            e.or([
              e('s.organization_id', '=', e.ref('m.organization_id')),
              e.exists(e.selectFrom('meeting_invitation as i').select('i.id').whereRef('i.meeting_id', '=', 'm.id').whereRef('i.organization_id', '=', 's.organization_id')),
            ]),
          ),
      ),
    )
    .where((eb) => notYetMailed('meeting', eb.ref('m.id')))
    .orderBy('m.announced_at')
    .orderBy('m.id')
    .orderBy('r.id')
    .limit(limit)
    .execute();
}

export interface DueReceptionRow extends DueBase, WithFacts {
  kind: 'reception' | 'meeting_with_voters';
  startsAt: Date;
  timeZone: string;
  settlement: string | null;
  address: string | null;
  regionName: LocalizedText | null;
}

/**
 * Public receptions and meetings with voters still ahead, not yet mailed to a subscriber whose
 * confirmed receptions subscription covers them: held in the subscribed maslikhat's region (by it
 * or by a district's maslikhat there), or by the subscribed organisation itself; entered after the
 * subscription was confirmed (one already ahead then is on the receptions page, not in the mail).
 */
export async function listDueReceptions(db: Executor, limit: number, now: Date): Promise<DueReceptionRow[]> {
  return db
    .selectFrom('subscriber as r')
    .innerJoin('outreach_event as e', (join) => join.onTrue())
    .select([
      'r.id as subscriberId',
      'r.email',
      'r.language',
      'e.id as itemId',
      sql<DueReceptionRow['kind']>`e.kind`.as('kind'),
      'e.starts_at as startsAt',
      'e.time_zone as timeZone',
      'e.settlement',
      'e.address',
      areaNameAsOf('e.region_area_id', localDay('e.starts_at', 'e.time_zone')).as('regionName'),
      receptionFacts.as('facts'),
    ])
    .where('e.public', '=', true)
    .where('e.kind', 'in', constantList(['reception', 'meeting_with_voters'] as const))
    .where('e.starts_at', '>', now)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('subscription as s')
          .innerJoin('organization as o', 'o.id', 's.organization_id')
          .select('s.id')
          .where(runningSubscription('receptions'))
          .whereRef('e.created_at', '>=', 's.confirmed_at')
          .where((e) => e.or([e('e.organization_id', '=', e.ref('s.organization_id')), e('e.region_area_id', '=', e.ref('o.area_id'))])),
      ),
    )
    .where((eb) => notYetMailed('reception', eb.ref('e.id')))
    .orderBy('e.created_at')
    .orderBy('e.id')
    .orderBy('r.id')
    .limit(limit)
    .execute();
}

/** Claims one item's mail to one address before it is sent: true for exactly one caller, however many run at once. */
export async function claimDelivery(db: Executor, row: { subscriberId: string; itemKind: ItemKind; itemId: string; unsubscribeTokenHash: string; now: Date; facts: MailedFacts | null }): Promise<boolean> {
  const claimed = await db
    .insertInto('subscription_delivery')
    .values({ subscriber_id: row.subscriberId, item_kind: row.itemKind, item_id: row.itemId, unsubscribe_token_hash: row.unsubscribeTokenHash, claimed_at: row.now, facts: json(row.facts) })
    .onConflict((oc) => oc.columns(['subscriber_id', 'item_kind', 'item_id']).doNothing())
    .returning('item_id')
    .execute();
  return claimed.length === 1;
}

export async function recordDeliveryMail(db: Executor, row: { subscriberId: string; itemKind: ItemKind; itemId: string; mailId: string }): Promise<void> {
  await db.updateTable('subscription_delivery').set({ mail_id: row.mailId }).where('subscriber_id', '=', row.subscriberId).where('item_kind', '=', row.itemKind).where('item_id', '=', row.itemId).execute();
}

/** A change to an item already mailed: what the address was last told, what is so now, and the number the change's mail gets. */
interface ChangeBase extends DueBase {
  told: MailedFacts;
  facts: MailedFacts;
  sequence: number;
}
export interface DueMeetingChangeRow extends ChangeBase {
  kind: DueMeetingRow['kind'];
  number: number | null;
  title: LocalizedText | null;
  /** Why it was postponed or cancelled. */
  statusReason: LocalizedText | null;
}
export interface DueReceptionChangeRow extends ChangeBase {
  /** The region named in what the address was told. */
  regionName: LocalizedText | null;
}

/**
 * The deliveries of one kind whose address was last told of an item still ahead (or postponed, whatever
 * its old date), as `t`: a change to something past is not mailed.
 */
function toldOfItemsAhead(db: Executor, kind: 'meeting' | 'reception', now: Date) {
  return db.with('t', (qb) =>
    qb
      .selectFrom('subscription_delivery as d')
      .select(['d.subscriber_id', 'd.item_id', 'd.facts as told', sql<number>`d.notices + 1`.as('sequence')])
      .where('d.item_kind', '=', kind)
      .where('d.facts', 'is not', null)
      .where(sql<boolean>`((d.facts ->> 'startsAt')::bigint > ${now.getTime()} or (d.facts ->> 'postponed')::boolean)`)
      .$narrowType<{ told: MailedFacts }>(),
  );
}

/** `r` still follows the topic (an unsubscribed address gets no more mail). */
function stillFollows(topic: Topic) {
  const eb = expressionBuilder<SubscriberScope, 'r'>();
  return eb.exists(eb.selectFrom('subscription as s').select('s.id').where(runningSubscription(topic)));
}

/**
 * Meetings mailed to an address whose time, place or status (postponed, cancelled) is no longer what
 * the address was last told, while what it was told is still ahead and the address still follows meetings.
 */
export async function listDueMeetingChanges(db: Executor, limit: number, now: Date): Promise<DueMeetingChangeRow[]> {
  return toldOfItemsAhead(db, 'meeting', now)
    .selectFrom('t')
    .innerJoin('subscriber as r', 'r.id', 't.subscriber_id')
    .innerJoin('meeting as m', 'm.id', 't.item_id')
    .select(['r.id as subscriberId', 'r.email', 'r.language', 'm.id as itemId', 'm.kind', 'm.number', 'm.title', 'm.status_reason as statusReason', 't.told', 't.sequence', meetingFacts.as('facts')])
    // While it stays postponed, a new date or place is not news yet: it is mailed once it is announced again.
    .where(sql<boolean>`${meetingFacts} <> t.told and not ((${meetingFacts} ->> 'postponed')::boolean and (t.told ->> 'postponed')::boolean)`)
    .where(stillFollows('meetings'))
    .orderBy('m.id')
    .orderBy('r.id')
    .limit(limit)
    .execute();
}

/**
 * Receptions mailed to an address whose kind, region, time, place or publicity is no longer what the
 * address was last told — a deleted one is off — while what it was told is still ahead and the address
 * still follows receptions.
 */
export async function listDueReceptionChanges(db: Executor, limit: number, now: Date): Promise<DueReceptionChangeRow[]> {
  const facts = sql<MailedFacts>`(case when e.id is null then t.told || '{"off": true}'::jsonb else ${receptionFacts} end)`;
  const toldDay = sql<string>`(to_timestamp((t.told->>'startsAt')::bigint / 1000.0) at time zone (t.told->>'timeZone'))::date`;
  return toldOfItemsAhead(db, 'reception', now)
    .with('tr', (qb) => qb.selectFrom('t').selectAll('t').select(sql<string | null>`(t.told->>'regionAreaId')::uuid`.as('region_area_id')))
    .selectFrom('tr as t')
    .innerJoin('subscriber as r', 'r.id', 't.subscriber_id')
    .leftJoin('outreach_event as e', 'e.id', 't.item_id')
    .select(['r.id as subscriberId', 'r.email', 'r.language', 't.item_id as itemId', 't.told', 't.sequence', facts.as('facts'), areaNameAsOf('t.region_area_id', toldDay).as('regionName')])
    .where(sql<boolean>`${facts} <> t.told`)
    .where(stillFollows('receptions'))
    .orderBy('t.item_id')
    .orderBy('r.id')
    .limit(limit)
    .execute();
}

/**
 * Claims the mail of one change to one address before it is sent: true for exactly one caller, however
 * many run at once (they all try the same number). In the caller's transaction with `recordTold`.
 */
export async function claimNotice(db: Executor, row: { subscriberId: string; itemKind: 'meeting' | 'reception'; itemId: string; sequence: number; facts: MailedFacts; unsubscribeTokenHash: string; now: Date }): Promise<boolean> {
  const claimed = await db
    .insertInto('subscription_notice')
    .values({ subscriber_id: row.subscriberId, item_kind: row.itemKind, item_id: row.itemId, sequence: row.sequence, facts: json(row.facts), unsubscribe_token_hash: row.unsubscribeTokenHash, claimed_at: row.now })
    .onConflict((oc) => oc.columns(['subscriber_id', 'item_kind', 'item_id', 'sequence']).doNothing())
    .returning('item_id')
    .execute();
  return claimed.length === 1;
}

export async function recordNoticeMail(db: Executor, row: { subscriberId: string; itemKind: 'meeting' | 'reception'; itemId: string; sequence: number; mailId: string }): Promise<void> {
  await db
    .updateTable('subscription_notice')
    .set({ mail_id: row.mailId })
    .where('subscriber_id', '=', row.subscriberId)
    .where('item_kind', '=', row.itemKind)
    .where('item_id', '=', row.itemId)
    .where('sequence', '=', row.sequence)
    .execute();
}

/** What the address has now been told of the item: the claimed change's facts, and its number. */
export async function recordTold(db: Executor, row: { subscriberId: string; itemKind: 'meeting' | 'reception'; itemId: string; sequence: number; facts: MailedFacts }): Promise<void> {
  await db
    .updateTable('subscription_delivery')
    .set({ facts: json(row.facts), notices: row.sequence })
    .where('subscriber_id', '=', row.subscriberId)
    .where('item_kind', '=', row.itemKind)
    .where('item_id', '=', row.itemId)
    .execute();
}
