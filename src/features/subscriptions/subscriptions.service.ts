// Subscribing by email: asking (a confirmation link mailed, valid a week), confirming (double opt-in), and unsubscribing by a mailed link. Addresses never reach logs or audit values.
import { randomBytes } from 'node:crypto';
import { recordChange, type ChangeContext } from '../../core/audit/audit.js';
import { hashToken } from '../../core/auth/token-hash.js';
import type { Db } from '../../core/db/connect.js';
import type { FieldProblem } from '../../core/errors.js';
import { localize } from '../../core/i18n/format.js';
import type { Language } from '../../core/i18n/languages.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import { translate, type MessageKey } from '../../core/i18n/messages.js';
import { newId } from '../../core/ids.js';
import type { Mailer } from '../../core/mail/mailer.js';
import type { RegistryService } from '../registry/registry.service.js';
import * as repo from './subscriptions.repository.js';

export type { Topic } from './subscriptions.repository.js';

export const confirmLinkLifetimeDays = 7;

/** What can be subscribed to: the Council (first) and each region-level maslikhat. */
export interface Scope {
  id: string;
  name: LocalizedText;
  isCouncil: boolean;
}

export interface SubscribeRequest {
  email: string;
  language: Language;
  topic: repo.Topic;
  scope: string;
  /** The site's address without a trailing slash, for the link. */
  baseUrl: string;
}

/** What the confirmation page shows for a link: what it subscribes to, and whether that is done already. */
export interface ConfirmationView {
  topic: repo.Topic;
  scope: Scope;
  confirmed: boolean;
}

const newToken = () => randomBytes(32).toString('base64url');

export function createSubscriptionsService(db: Db, registry: RegistryService, mailer: Mailer) {
  async function scopes(): Promise<Scope[]> {
    const [home, regions] = await Promise.all([registry.homeOrganization(), registry.listRegionMaslikhats()]);
    return [{ id: home.id, name: home.name, isCouncil: true }, ...regions.map((r) => ({ id: r.id, name: r.name, isCouncil: false }))];
  }

  async function scopeOf(id: string): Promise<Scope | undefined> {
    return (await scopes()).find((s) => s.id === id);
  }

  /** The usable subscription behind a confirmation link; undefined when unknown or expired. */
  async function pending(token: string, now: Date) {
    const row = await repo.findByConfirmToken(db, hashToken(token));
    if (!row || !row.expiresAt || row.expiresAt <= now) return undefined;
    const scope = await scopeOf(row.organizationId);
    return scope ? { row, scope } : undefined;
  }

  return {
    scopes,

    /**
     * Records the request and mails the confirmation link in the chosen language; the page says the
     * same whatever the address. Problems: a scope that is not offered; receptions of the Council
     * (the receptions are the regions' deputies').
     */
    async request(input: SubscribeRequest, context: ChangeContext): Promise<FieldProblem[]> {
      const scope = await scopeOf(input.scope);
      if (!scope) return [{ field: 'scope', messageKey: 'subscribe.scopeMissing' }];
      if (input.topic === 'receptions' && scope.isCouncil) return [{ field: 'scope', messageKey: 'subscribe.receptionsNeedRegion' }];
      const now = new Date();
      const token = newToken();
      const email = input.email.trim().toLowerCase();
      await db.transaction().execute(async (trx) => {
        const subscriberId = await repo.ensureSubscriber(trx, { id: newId(), email, language: input.language });
        const subscriptionId = await repo.upsertPendingSubscription(trx, {
          id: newId(),
          subscriberId,
          topic: input.topic,
          organizationId: scope.id,
          language: input.language,
          tokenHash: hashToken(token),
          expiresAt: new Date(now.getTime() + confirmLinkLifetimeDays * 86_400_000),
          now,
        });
        await recordChange(trx, context, { entity: 'subscription', entityId: subscriptionId, action: 'requested', after: { topic: input.topic, organization_id: scope.id, language: input.language } });
      });
      const lang = input.language;
      const what = describe(lang, input.topic, scope);
      await mailer.send({
        to: email,
        subject: translate(lang, 'subscribe.confirmMailSubject', { what }),
        text: translate(lang, 'subscribe.confirmMailBody', { what, link: `${input.baseUrl}/${lang}/subscribe/confirm/${token}`, days: confirmLinkLifetimeDays }),
      });
      return [];
    },

    async confirmation(token: string): Promise<ConfirmationView | undefined> {
      const found = await pending(token, new Date());
      return found && { topic: found.row.topic, scope: found.scope, confirmed: found.row.confirmedAt !== null };
    },

    /** Confirms the link's subscription: 'confirmed', 'already' (followed before), or undefined (unknown or expired). */
    async confirm(token: string, context: ChangeContext): Promise<{ outcome: 'confirmed' | 'already'; view: ConfirmationView } | undefined> {
      const now = new Date();
      const found = await pending(token, now);
      if (!found) return undefined;
      const { row, scope } = found;
      const confirmed = await db.transaction().execute(async (trx) => {
        if (!(await repo.confirmSubscription(trx, row, now))) return false;
        await recordChange(trx, context, { entity: 'subscription', entityId: row.id, action: 'confirmed', after: { topic: row.topic, organization_id: row.organizationId } });
        return true;
      });
      return { outcome: confirmed ? 'confirmed' : 'already', view: { topic: row.topic, scope, confirmed: true } };
    },

    /** The subscriber's language for a mailed unsubscribe link; undefined when the link is unknown. */
    async unsubscribeLink(token: string): Promise<{ language: Language } | undefined> {
      const found = await repo.findSubscriberByUnsubscribeToken(db, hashToken(token));
      return found && { language: found.language };
    },

    /** Ends every subscription of the link's address: 'done', 'already' (nothing was running), or undefined (unknown link). */
    async unsubscribe(token: string, context: ChangeContext): Promise<'done' | 'already' | undefined> {
      const found = await repo.findSubscriberByUnsubscribeToken(db, hashToken(token));
      if (!found) return undefined;
      return db.transaction().execute(async (trx) => {
        const ended = await repo.endSubscriptions(trx, found.subscriberId, new Date());
        for (const id of ended) await recordChange(trx, context, { entity: 'subscription', entityId: id, action: 'ended' });
        return ended.length ? 'done' : 'already';
      });
    },
  };
}

const describeKeys = { news: 'subscribe.describeNews', meetings: 'subscribe.describeMeetings', receptions: 'subscribe.describeReceptions' } as const satisfies Record<repo.Topic, MessageKey>;

/** "the news of West Kazakhstan Regional Maslikhat", in the language. */
export function describe(lang: Language, topic: repo.Topic, scope: Pick<Scope, 'name'>): string {
  return translate(lang, describeKeys[topic], { name: localize(lang, scope.name).text });
}

export type SubscriptionsService = ReturnType<typeof createSubscriptionsService>;
