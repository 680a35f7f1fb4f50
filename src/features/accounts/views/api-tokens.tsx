import { DataTable, ErrorSummary, Form, TextField } from '../../../core/html/components.js';
import { usePage } from '../../../core/html/page-context.js';
import type { ApiTokenListItem } from '../../../core/auth/api-tokens.js';
import type { FieldProblem } from '../../../core/errors.js';

export interface ApiTokenFormValues {
  name: string;
  expires: string;
}

function NewTokenForm({ values, problems }: { values: ApiTokenFormValues; problems: FieldProblem[] }) {
  const { t, href } = usePage();
  return (
    <Form action={href('/office/api-tokens')}>
      <TextField name="name" label={t('apiTokens.nameLabel')} hint={t('apiTokens.nameHint')} value={values.name} problems={problems} autocomplete="off" />
      <TextField name="expires" label={t('apiTokens.expiresLabel')} hint={t('apiTokens.expiresHint')} value={values.expires} problems={problems} autocomplete="off" />
      <button class="button" type="submit">
        {t('apiTokens.create')}
      </button>
    </Form>
  );
}

export function ApiTokensPage({
  tokens,
  values,
  problems,
  revoked,
}: {
  tokens: ApiTokenListItem[];
  values: ApiTokenFormValues;
  problems: FieldProblem[];
  revoked: boolean;
}) {
  const { t, href, date, dateTime } = usePage();
  return (
    <>
      <ErrorSummary problems={problems} />
      <h1>{t('apiTokens.title')}</h1>
      {revoked && (
        <div class="notice notice--success" role="status">
          <p>{t('apiTokens.revokedNotice')}</p>
        </div>
      )}
      <p>{t('apiTokens.lead')}</p>
      {tokens.length === 0 ? (
        <p>{t('apiTokens.empty')}</p>
      ) : (
        <DataTable caption={t('apiTokens.title')} columns={[t('apiTokens.colName'), t('apiTokens.colPrefix'), t('apiTokens.colCreated'), t('apiTokens.colLastUsed'), t('apiTokens.colExpires'), t('apiTokens.colStatus'), t('apiTokens.colAction')]}>
              {tokens.map((token) => (
                <tr key={token.id}>
                  <td>{token.name}</td>
                  <td>
                    <code>{token.prefix}…</code>
                  </td>
                  <td>{dateTime(token.createdAt)}</td>
                  <td>{token.lastUsedAt ? dateTime(token.lastUsedAt) : t('apiTokens.neverUsed')}</td>
                  <td>{token.lastDay ? date(token.lastDay) : t('apiTokens.noExpiry')}</td>
                  <td>
                    <strong class="tag">
                      {token.status === 'active' ? t('apiTokens.statusActive') : token.status === 'expired' ? t('apiTokens.statusExpired') : t('apiTokens.statusRevoked')}
                    </strong>
                  </td>
                  <td>
                    {token.status !== 'revoked' && (
                      <Form action={href(`/office/api-tokens/${token.id}/revoke`)}>
                        <button class="button button--secondary" type="submit">
                          {t('apiTokens.revoke')}
                          <span class="visually-hidden"> {token.name}</span>
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </DataTable>
      )}
      <h2>{t('apiTokens.createTitle')}</h2>
      <NewTokenForm values={values} problems={problems} />
    </>
  );
}

/** The new token, shown this once (the page is sent with cache-control: no-store). */
export function ApiTokenCreatedPage({ token, name, lastDay }: { token: string; name: string; lastDay: string | null }) {
  const { t, href, date } = usePage();
  return (
    <div class="form-narrow">
      <h1>{t('apiTokens.createdTitle')}</h1>
      <div class="notice notice--warning" role="note">
        <p>{t('apiTokens.createdOnce')}</p>
      </div>
      <dl class="summary-list">
        <div>
          <dt>{t('apiTokens.colName')}</dt>
          <dd>{name}</dd>
        </div>
        <div>
          <dt>{t('apiTokens.colExpires')}</dt>
          <dd>{lastDay ? date(lastDay) : t('apiTokens.noExpiry')}</dd>
        </div>
        <div>
          <dt>{t('apiTokens.tokenLabel')}</dt>
          <dd>
            <code class="secret">{token}</code>
          </dd>
        </div>
      </dl>
      <p>{t('apiTokens.usage')}</p>
      <pre>
        <code>Authorization: Bearer {token}</code>
      </pre>
      <p>
        <a class="button" href={href('/office/api-tokens')}>
          {t('apiTokens.back')}
        </a>
      </p>
    </div>
  );
}
