// The subscription pages: the form, "check your mail", confirming, unsubscribing, and a link that no longer works.
import { ErrorSummary, Form, Notice, RadioField, SelectField, TextField } from '../../../core/html/components.js';
import { usePage } from '../../../core/html/page-context.js';
import type { FieldProblem } from '../../../core/errors.js';
import { languageNames, languages } from '../../../core/i18n/languages.js';

export interface SubscribeAnswers {
  email: string;
  language: string;
  topic: string;
  scope: string;
}

export function SubscribePage({ answers, problems, scopes }: { answers: SubscribeAnswers; problems: FieldProblem[]; scopes: { value: string; label: string }[] }) {
  const { t, href } = usePage();
  return (
    <div class="form-narrow">
      <ErrorSummary problems={problems} />
      <h1>{t('subscribe.title')}</h1>
      <p>{t('subscribe.lead')}</p>
      <Form action={href('/subscribe')}>
        <TextField name="email" type="email" label={t('subscribe.email')} hint={t('subscribe.emailHint')} value={answers.email} autocomplete="email" problems={problems} />
        <RadioField
          name="topic"
          label={t('subscribe.topic')}
          value={answers.topic}
          options={[
            { value: 'news', label: t('subscribe.topicNews') },
            { value: 'meetings', label: t('subscribe.topicMeetings') },
            { value: 'receptions', label: t('subscribe.topicReceptions') },
          ]}
          problems={problems}
        />
        <SelectField name="scope" label={t('subscribe.scope')} hint={t('subscribe.scopeHint')} value={answers.scope} options={scopes} placeholder={t('subscribe.scopeChoose')} problems={problems} />
        <SelectField name="language" label={t('subscribe.language')} value={answers.language} options={languages.map((l) => ({ value: l, label: languageNames[l] }))} problems={problems} />
        <button class="button" type="submit">
          {t('subscribe.submit')}
        </button>
      </Form>
      <p class="hint">{t('subscribe.privacy')}</p>
    </div>
  );
}

export function SubscribeSentPage() {
  const { t } = usePage();
  return (
    <div class="form-narrow">
      <h1>{t('subscribe.sentTitle')}</h1>
      <p>{t('subscribe.sentText')}</p>
    </div>
  );
}

/** A confirmation link followed: what it subscribes to, and the button that confirms it (a mail program opening the link confirms nothing). */
export function ConfirmPage({ action, what, confirmed }: { action: string; what: string; confirmed: boolean }) {
  const { t } = usePage();
  return (
    <div class="form-narrow">
      <h1>{t('subscribe.confirmTitle')}</h1>
      {confirmed ? (
        <Notice kind="success">{t('subscribe.alreadyConfirmed', { what })}</Notice>
      ) : (
        <>
          <p>{t('subscribe.confirmText', { what })}</p>
          <Form action={action}>
            <button class="button" type="submit">
              {t('subscribe.confirmButton')}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}

export function ConfirmedPage({ what, already }: { what: string; already: boolean }) {
  const { t, href } = usePage();
  return (
    <div class="form-narrow">
      <h1>{t('subscribe.confirmedTitle')}</h1>
      <Notice kind="success">{t(already ? 'subscribe.alreadyConfirmed' : 'subscribe.confirmedText', { what })}</Notice>
      <p>
        <a href={href('/news')}>{t('subscribe.toNews')}</a>
      </p>
    </div>
  );
}

export function UnsubscribePage({ action }: { action: string }) {
  const { t } = usePage();
  return (
    <div class="form-narrow">
      <h1>{t('subscribe.unsubscribeTitle')}</h1>
      <p>{t('subscribe.unsubscribeText')}</p>
      <Form action={action}>
        <button class="button" type="submit">
          {t('subscribe.unsubscribeButton')}
        </button>
      </Form>
    </div>
  );
}

export function UnsubscribedPage({ already }: { already: boolean }) {
  const { t, href } = usePage();
  return (
    <div class="form-narrow">
      <h1>{t('subscribe.unsubscribedTitle')}</h1>
      <Notice kind="success">{t(already ? 'subscribe.alreadyUnsubscribed' : 'subscribe.unsubscribedText')}</Notice>
      <p>
        <a href={href('/subscribe')}>{t('subscribe.subscribeAgain')}</a>
      </p>
    </div>
  );
}

/** An unknown or expired link (410). */
export function LinkGonePage({ kind }: { kind: 'confirm' | 'unsubscribe' }) {
  const { t, href } = usePage();
  return (
    <div class="form-narrow">
      <h1>{t('subscribe.linkGoneTitle')}</h1>
      <p>{t(kind === 'confirm' ? 'subscribe.confirmLinkGone' : 'subscribe.unsubscribeLinkGone')}</p>
      <p>
        <a href={href('/subscribe')}>{t('subscribe.subscribeAgain')}</a>
      </p>
    </div>
  );
}
