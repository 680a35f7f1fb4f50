import { DataTable, Form } from '../../../core/html/components.js';
import { usePage } from '../../../core/html/page-context.js';

export interface SessionView {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  ip: string | null;
  userAgent: string | null;
}

export function SessionsPage({ sessions, currentId, ended }: { sessions: SessionView[]; currentId: string | null; ended: number | undefined }) {
  const { t, href, dateTime } = usePage();
  return (
    <>
      <h1>{t('sessions.title')}</h1>
      {ended !== undefined && (
        <div class="notice notice--success" role="status">
          <p>{t('sessions.ended', { count: ended })}</p>
        </div>
      )}
      <p>{t('sessions.lead')}</p>
      <DataTable caption={t('sessions.title')} columns={[t('sessions.colDevice'), t('sessions.colStarted'), t('sessions.colLastSeen'), t('sessions.colAction')]}>
            {sessions.map((s) => (
              <tr key={s.id}>
                <td>
                  {s.userAgent ?? t('sessions.unknownDevice')}
                  {s.ip && <span class="hint"> ({s.ip})</span>}
                  {s.id === currentId && (
                    <>
                      {' '}
                      <strong class="tag">{t('sessions.current')}</strong>
                    </>
                  )}
                </td>
                <td>{dateTime(s.createdAt)}</td>
                <td>{dateTime(s.lastSeenAt)}</td>
                <td>
                  <Form action={href(`/office/sessions/${s.id}/end`)}>
                    <button class="button button--secondary" type="submit">
                      {s.id === currentId ? t('sessions.endCurrent') : t('sessions.end')}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </DataTable>
      {sessions.length > 1 && (
        <Form action={href('/office/sessions/end-others')}>
          <button class="button button--secondary" type="submit">
            {t('sessions.endOthers')}
          </button>
        </Form>
      )}
    </>
  );
}
