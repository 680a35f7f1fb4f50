// Live updates across app instances: a change is published inside its transaction with
// pg_notify (PostgreSQL delivers it on commit, to every instance listening on the database;
// PGlite within the process), and each instance hands it to its own subscribers — the open
// server-sent-event streams. One channel carries every topic; the payload says which.
import { sql } from 'kysely';
import type { DatabaseHandle, Db } from './db/connect.js';
import type { Transaction } from 'kysely';
import type { Database } from './db/database.js';

const channel = 'kenes_live';

export interface LiveHub {
  /** Calls fn with each message on the topic until the returned function is called. */
  subscribe(topic: string, fn: (message: string) => void): Promise<() => void>;
  /** Sends a message on the topic; inside a transaction it leaves only if the transaction commits. */
  publish(db: Db | Transaction<Database>, topic: string, message: string): Promise<void>;
  /** Open subscriptions (for /metrics and tests). */
  subscribers(): number;
}

export function createLiveHub(database: DatabaseHandle): LiveHub {
  const topics = new Map<string, Set<(message: string) => void>>();
  let listening: Promise<unknown> | undefined;
  const dispatch = (payload: string) => {
    const cut = payload.indexOf('\n');
    if (cut < 0) return;
    for (const fn of topics.get(payload.slice(0, cut)) ?? []) fn(payload.slice(cut + 1));
  };
  return {
    async subscribe(topic, fn) {
      listening ??= database.listen(channel, dispatch);
      await listening;
      let set = topics.get(topic);
      if (!set) topics.set(topic, (set = new Set()));
      set.add(fn);
      return () => {
        set.delete(fn);
        if (set.size === 0) topics.delete(topic);
      };
    },
    async publish(db, topic, message) {
      if (topic.includes('\n')) throw new Error('A live topic is one line');
      await sql`select pg_notify(${channel}, ${`${topic}\n${message}`})`.execute(db);
    },
    subscribers: () => [...topics.values()].reduce((n, s) => n + s.size, 0),
  };
}
