import { ErrorSummary, Form, TextField } from '../../../core/html/components.js';
import { usePage } from '../../../core/html/page-context.js';
import type { FieldProblem } from '../../../core/errors.js';

export function EnrolTwoFactorPage({ qrSvg, secret, next, required, problems }: { qrSvg: string; secret: string; next: string; required: boolean; problems: FieldProblem[] }) {
  const { t, href } = usePage();
  return (
    <div class="form-narrow">
      <ErrorSummary problems={problems} />
      <h1>{t('twoFactor.enrolTitle')}</h1>
      {required && <p class="notice notice--info">{t('twoFactor.requiredForRole')}</p>}
      <ol>
        <li>{t('twoFactor.stepInstall')}</li>
        <li>
          {t('twoFactor.stepScan')}
          {/* The SVG comes from the qrcode library (no script, no styles), built from our own URI. */}
          <div class="qr" dangerouslySetInnerHTML={{ __html: qrSvg }} />
          <p>
            {t('twoFactor.manualEntry')} <code class="secret">{secret.replace(/(.{4})/g, '$1 ').trim()}</code>
          </p>
        </li>
        <li>{t('twoFactor.stepCode')}</li>
      </ol>
      <Form action={href('/office/account/two-factor')}>
        <input type="hidden" name="next" value={next} />
        <TextField name="code" label={t('twoFactor.codeLabel')} hint={t('twoFactor.codeHint')} autocomplete="one-time-code" problems={problems} />
        <button class="button" type="submit">
          {t('twoFactor.confirm')}
        </button>
      </Form>
    </div>
  );
}

export function TwoFactorStatusPage({ unusedRecoveryCodes, problems }: { unusedRecoveryCodes: number; problems: FieldProblem[] }) {
  const { t, href } = usePage();
  return (
    <div class="form-narrow">
      <ErrorSummary problems={problems} />
      <h1>{t('twoFactor.statusTitle')}</h1>
      <div class="notice notice--success">
        <p>{t('twoFactor.enabled')}</p>
        <p>{t('twoFactor.codesLeft', { count: unusedRecoveryCodes })}</p>
      </div>
      <h2>{t('twoFactor.restartTitle')}</h2>
      <p>{t('twoFactor.restartLead')}</p>
      <Form action={href('/office/account/two-factor/restart')}>
        <TextField name="code" label={t('signInCode.codeLabel')} hint={t('signInCode.codeHint')} autocomplete="one-time-code" problems={problems} />
        <button class="button button--secondary" type="submit">
          {t('twoFactor.restart')}
        </button>
      </Form>
    </div>
  );
}

export function RecoveryCodesPage({ codes, next }: { codes: string[]; next: string }) {
  const { t } = usePage();
  return (
    <div class="form-narrow">
      <h1>{t('twoFactor.recoveryTitle')}</h1>
      <div class="notice notice--success" role="status">
        <p>{t('twoFactor.enabled')}</p>
      </div>
      <p>{t('twoFactor.recoveryLead')}</p>
      <ul class="recovery-codes">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <p>
        <a class="button" href={next}>
          {t('twoFactor.continue')}
        </a>
      </p>
    </div>
  );
}

export function SignInCodePage({ next, problems }: { next: string; problems: FieldProblem[] }) {
  const { t, href } = usePage();
  return (
    <div class="form-narrow">
      <ErrorSummary problems={problems} />
      <h1>{t('signInCode.title')}</h1>
      <p>{t('signInCode.lead')}</p>
      <Form action={href('/sign-in/code')}>
        <input type="hidden" name="next" value={next} />
        <TextField name="code" label={t('signInCode.codeLabel')} hint={t('signInCode.codeHint')} autocomplete="one-time-code" problems={problems} />
        <button class="button" type="submit">
          {t('signIn.submit')}
        </button>
      </Form>
    </div>
  );
}
