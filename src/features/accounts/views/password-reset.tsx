import { ErrorSummary, Form, TextField } from '../../../core/html/components.js';
import { usePage } from '../../../core/html/page-context.js';
import type { FieldProblem } from '../../../core/errors.js';

export function RequestResetPage({ email, problems, sent }: { email: string; problems: FieldProblem[]; sent: boolean }) {
  const { t, href } = usePage();
  if (sent) {
    return (
      <div class="form-narrow">
        <h1>{t('passwordReset.sentTitle')}</h1>
        <p>{t('passwordReset.sentText', { minutes: 60 })}</p>
        <p>
          <a href={href('/sign-in')}>{t('passwordReset.backToSignIn')}</a>
        </p>
      </div>
    );
  }
  return (
    <div class="form-narrow">
      <ErrorSummary problems={problems} />
      <h1>{t('passwordReset.title')}</h1>
      <p>{t('passwordReset.lead')}</p>
      <Form action={href('/password-reset')}>
        <TextField name="email" type="email" label={t('signIn.email')} value={email} autocomplete="username" problems={problems} />
        <button class="button" type="submit">
          {t('passwordReset.send')}
        </button>
      </Form>
    </div>
  );
}

export function NewPasswordPage({ action, email, problems, title }: { action: string; email: string; problems: FieldProblem[]; title: string }) {
  const { t } = usePage();
  return (
    <div class="form-narrow">
      <ErrorSummary problems={problems} />
      <h1>{title}</h1>
      <p>{t('password.forAccount', { email })}</p>
      <Form action={action}>
        {/* For password managers: the account the new password belongs to. */}
        <input type="hidden" name="username" value={email} autocomplete="username" />
        <TextField name="password" type="password" label={t('password.new')} hint={t('password.rules')} autocomplete="new-password" problems={problems} />
        <TextField name="confirmation" type="password" label={t('password.confirm')} autocomplete="new-password" problems={problems} />
        <button class="button" type="submit">
          {t('password.save')}
        </button>
      </Form>
    </div>
  );
}

export function LinkExpiredPage() {
  const { t, href } = usePage();
  return (
    <div class="form-narrow">
      <h1>{t('passwordReset.expiredTitle')}</h1>
      <p>{t('passwordReset.expiredText')}</p>
      <p>
        <a href={href('/password-reset')}>{t('passwordReset.requestNew')}</a>
      </p>
    </div>
  );
}
