import { ErrorSummary, Form, TextField } from '../../../core/html/components.js';
import { usePage } from '../../../core/html/page-context.js';
import type { FieldProblem } from '../../../core/errors.js';

export function SignInPage({ email, next, problems, notice }: { email: string; next: string; problems: FieldProblem[]; notice?: string | undefined }) {
  const { t, href } = usePage();
  return (
    <div class="form-narrow">
      <ErrorSummary problems={problems} />
      {notice && (
        <div class="notice notice--success" role="status">
          <p>{notice}</p>
        </div>
      )}
      <h1>{t('signIn.title')}</h1>
      <p>{t('signIn.lead')}</p>
      <Form action={href('/sign-in')}>
        <input type="hidden" name="next" value={next} />
        <TextField name="email" type="email" label={t('signIn.email')} value={email} autocomplete="username" problems={problems} />
        <TextField name="password" type="password" label={t('signIn.password')} autocomplete="current-password" problems={problems} />
        <button class="button" type="submit">
          {t('signIn.submit')}
        </button>
      </Form>
      <p>
        <a href={href('/password-reset')}>{t('signIn.forgotPassword')}</a>
      </p>
    </div>
  );
}
