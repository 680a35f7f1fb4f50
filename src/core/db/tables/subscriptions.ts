// Public subscriptions by mail and their deliveries.
import type { LaterTimestamp, Timestamp } from './column-types.js';

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
}

export interface SubscriptionsTables {
  subscriber: SubscriberTable;
  subscription: SubscriptionTable;
  subscription_delivery: SubscriptionDeliveryTable;
}
