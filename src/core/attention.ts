// "Needs your attention" in the office: each feature contributes what it knows a person should act
// on (a meeting to confirm, a report due, a question assigned, an account to secure).
import type { Actor } from './auth/actor.js';
import type { MessageKey, MessageValues } from './i18n/messages.js';

export interface AttentionItem {
  messageKey: MessageKey;
  values?: MessageValues;
  /** Path inside the language, e.g. '/office/account/two-factor'. */
  href: string;
}

export type AttentionProvider = (actor: Actor) => Promise<AttentionItem[]>;

const providers = new Map<string, AttentionProvider>();

/** Registers (or replaces) a feature's provider under its name. */
export function provideAttention(name: string, provider: AttentionProvider): void {
  providers.set(name, provider);
}

export async function attentionFor(actor: Actor): Promise<AttentionItem[]> {
  const lists = await Promise.all([...providers.values()].map((p) => p(actor)));
  return lists.flat();
}
