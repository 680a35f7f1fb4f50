import { DataTable, ErrorSummary, Pagination, TextField } from '../../../core/html/components.js';
import { usePage } from '../../../core/html/page-context.js';
import type { FieldProblem } from '../../../core/errors.js';
import type { AuditEventRow, Paged } from '../admin.service.js';


/** The filter exactly as typed (kept on the page, and in every link). */
export interface AuditFormInput {
  entity: string;
  action: string;
  actor: string;
  from: string;
  to: string;
}

/** The query string of the audit log (or its CSV) for these filters; empty values are left out. */
export function auditQuery(input: AuditFormInput, page?: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(input)) if (value) params.set(key, value);
  if (page !== undefined && page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** Links between the admin pages. */
export function AdminNav({ current }: { current: 'audit' | 'outbox' }) {
  const { t, href } = usePage();
  const links = [
    { key: 'audit', path: '/office/admin/audit', label: t('adminAudit.title') },
    { key: 'outbox', path: '/office/admin/outbox', label: t('adminOutbox.title') },
  ] as const;
  return (
    <nav aria-label={t('admin.nav.label')}>
      <p>
        <a href={href('/office/')}>{t('nav.office')}</a>
        {links.map((l) => (
          <span key={l.key}>
            {' · '}
            <a href={href(l.path)} aria-current={l.key === current ? 'page' : undefined}>
              {l.label}
            </a>
          </span>
        ))}
      </p>
    </nav>
  );
}

function SelectField({ name, label, value, options, anyLabel }: { name: string; label: string; value: string; options: string[]; anyLabel: string }) {
  const id = `field-${name}`;
  // A value typed into the address that is not (or no longer) in the list is still shown as chosen.
  const all = value && !options.includes(value) ? [value, ...options] : options;
  return (
    <div class="form-group">
      <label class="label" for={id}>
        {label}
      </label>
      <select class="input" id={id} name={name}>
        <option value="" selected={value === ''}>
          {anyLabel}
        </option>
        {all.map((o) => (
          <option key={o} value={o} selected={o === value}>
            {o}
          </option>
        ))}
      </select>
    </div>
  );
}

function Json({ label, value }: { label: string; value: unknown }) {
  if (value === null || value === undefined) return null;
  return (
    <>
      <p class="hint">{label}</p>
      <pre>{JSON.stringify(value, null, 2)}</pre>
    </>
  );
}

export interface AuditLogPageProps {
  input: AuditFormInput;
  problems: FieldProblem[];
  options: { entities: string[]; actions: string[] };
  /** Undefined while the filter has errors. */
  result: Paged<AuditEventRow> | undefined;
  csvRowCap: number;
}

export function AuditLogPage({ input, problems, options, result, csvRowCap }: AuditLogPageProps) {
  const { t, href, dateTime, number } = usePage();
  return (
    <>
      <ErrorSummary problems={problems} />
      <AdminNav current="audit" />
      <h1>{t('adminAudit.title')}</h1>
      <p class="lead">{t('adminAudit.lead')}</p>

      <form class="filter-form" action={href('/office/admin/audit')} method="get" novalidate>
        <SelectField name="entity" label={t('adminAudit.entityLabel')} value={input.entity} options={options.entities} anyLabel={t('adminAudit.any')} />
        <SelectField name="action" label={t('adminAudit.actionLabel')} value={input.action} options={options.actions} anyLabel={t('adminAudit.any')} />
        <TextField name="actor" type="email" label={t('adminAudit.actorLabel')} hint={t('adminAudit.actorHint')} value={input.actor} problems={problems} />
        <TextField name="from" label={t('adminAudit.fromLabel')} hint={t('adminAudit.dateHint')} value={input.from} problems={problems} />
        <TextField name="to" label={t('adminAudit.toLabel')} hint={t('adminAudit.dateHint')} value={input.to} problems={problems} />
        <button class="button" type="submit">
          {t('adminAudit.show')}
        </button>{' '}
        <a class="button button--secondary" href={href('/office/admin/audit')}>
          {t('adminAudit.clear')}
        </a>
      </form>

      {result && (
        <>
          <p id="audit-count">
            {t('adminAudit.count', { count: result.total })}
            {result.total > 0 && (
              <>
                {' '}
                <a href={href(`/office/admin/audit.csv${auditQuery(input)}`)} download>
                  {t('adminAudit.download')}
                </a>
              </>
            )}
          </p>
          {result.total > csvRowCap && <p class="hint">{t('adminAudit.csvCapped', { cap: number(csvRowCap) })}</p>}
          {result.rows.length === 0 ? (
            <p>{t('adminAudit.empty')}</p>
          ) : (
            <DataTable caption={t('adminAudit.caption')} describedBy="audit-count" columns={[t('adminAudit.colTime'), t('adminAudit.colActor'), t('adminAudit.colEntity'), t('adminAudit.colEntityId'), t('adminAudit.colAction'), t('adminAudit.colIp'), t('adminAudit.colValues')]}>
                  {result.rows.map((e) => {
                    const occurredAt = new Date(e.occurredAt);
                    const hasValues = (e.before !== null && e.before !== undefined) || (e.after !== null && e.after !== undefined);
                    return (
                      <tr key={e.id}>
                        <td>
                          <time dateTime={occurredAt.toISOString()}>{dateTime(occurredAt)}</time>
                        </td>
                        <td>{e.actorEmail ?? e.actorLabel ?? '—'}</td>
                        <td>{e.entity}</td>
                        <td>{e.entityId ? <code>{e.entityId}</code> : '—'}</td>
                        <td>{e.action}</td>
                        <td>{e.ip ?? '—'}</td>
                        <td>
                          {hasValues ? (
                            <details>
                              <summary>{t('adminAudit.showValues')}</summary>
                              <Json label={t('adminAudit.before')} value={e.before} />
                              <Json label={t('adminAudit.after')} value={e.after} />
                            </details>
                          ) : (
                            '—'
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </DataTable>
          )}
          <Pagination page={result.page} pages={result.pages} pageHref={(p) => href(`/office/admin/audit${auditQuery(input, p)}`)} />
        </>
      )}
    </>
  );
}
