// What comes in to the subscription pages: the subscribe form (address, language, topic, region), the query that pre-fills it, and the token in the links.
import { z } from 'zod';
import { choice, id, requiredText } from '../../core/http/forms.js';
import { pathParams, textQuery } from '../../core/http/params.js';
import { languages } from '../../core/i18n/languages.js';

export const topics = ['news', 'meetings', 'receptions'] as const;

/** An address that can receive mail: something@host.domain, no spaces. */
const email = requiredText('subscribe.emailMissing', 320).refine((v) => !v || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), { error: 'subscribe.emailInvalid' });

export const subscribeForm = z.object({
  email,
  language: choice(languages, 'subscribe.languageMissing'),
  topic: choice(topics, 'subscribe.topicMissing'),
  scope: id('subscribe.scopeMissing'),
});

/** `?topic=news&scope=<organisation id>` from a link on the news or a maslikhat's page: only pre-fills the form. */
export const subscribeQuery = z.object({ topic: textQuery(20), scope: textQuery(40) });

/** A token from a mailed link; anything over 200 characters is a 404. */
export const tokenParams = pathParams({ token: z.string().max(200) });
export const bareTokenParams = z.object({ token: z.string().max(200) });
