// Public subscriptions by mail and their deliveries.
import type { Generated } from 'kysely';
import type { LocalizedText } from '../../i18n/localized-text.js';
import type { Json, LaterTimestamp, Timestamp } from './column-types.js';

/** An address subscribed to news, meetings or receptions by email (personal: never logged or shown publicly). */
export interface SubscriberTable {
  id: string;
  email: string;
  language: 'kk' | 'kk-latn' | 'ru' | 'en';
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** What an address follows: a topic of an organisation; confirmed by the mailed link, ended by unsubscribing. */
export interface SubscriptionTable {
  id: string;
  subscriber_id: string;
  topic: 'news' | 'meetings' | 'receptions';
  organization_id: string;
  language: 'kk' | 'kk-latn' | 'ru' | 'en';
  confirm_token_hash: string | null;
  confirm_expires_at: LaterTimestamp;
  confirmed_at: LaterTimestamp;
  ended_at: LaterTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One item mailed to one address, claimed before the mail goes (exactly once across instances). */
export interface SubscriptionDeliveryTable {
  subscriber_id: string;
  item_kind: 'news' | 'meeting' | 'reception';
  item_id: string;
  unsubscribe_token_hash: string;
  claimed_at: Timestamp;
  mail_id: string | null;
  /** What the address was last told of a meeting or a reception: by this mail, then by the latest about a change (null for news). */
  facts: Json<MailedFacts> | null;
  /** How many mails about a change to the item went to the address. */
  notices: Generated<number>;
}

/**
 * What a subscription mail told of a meeting or a reception: when (milliseconds since 1970), in
 * which time zone, where, and whether it is off (a meeting cancelled, a reception made internal or
 * deleted) or postponed (a meeting); a reception's kind and region too. Made by SQL (migration 0029's
 * subscription_facts_*).
 */
export interface MailedFacts {
  startsAt: number;
  timeZone: string;
  off: boolean;
  /** A meeting postponed, its new date not yet set. */
  postponed?: boolean;
  place?: LocalizedText | null;
  kind?: 'reception' | 'meeting_with_voters';
  regionAreaId?: string | null;
  settlement?: string | null;
  address?: string | null;
}

/** One mail about a change to an item already mailed to an address (numbered from 1), claimed before it goes. */
export interface SubscriptionNoticeTable {
  subscriber_id: string;
  item_kind: 'meeting' | 'reception';
  item_id: string;
  sequence: number;
  facts: Json<MailedFacts>;
  unsubscribe_token_hash: string;
  claimed_at: Timestamp;
  mail_id: string | null;
}

export interface SubscriptionsTables {
  subscriber: SubscriberTable;
  subscription: SubscriptionTable;
  subscription_delivery: SubscriptionDeliveryTable;
  subscription_notice: SubscriptionNoticeTable;
}
