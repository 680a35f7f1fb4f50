import { DataTable, Form } from '../../../core/html/components.js';
import { usePage } from '../../../core/html/page-context.js';

export interface AnySessionView {
  id: string;
  email: string;
  createdAt: Date;
  lastSeenAt: Date;
  ip: string | null;
  userAgent: string | null;
}

export function AllSessionsPage({ sessions, currentId }: { sessions: AnySessionView[]; currentId: string | null }) {
  const { t, href, dateTime } = usePage();
  return (
    <>
      <h1>{t('adminSessions.title')}</h1>
      <p>{t('adminSessions.lead', { count: sessions.length })}</p>
      <DataTable caption={t('adminSessions.title')} columns={[t('signIn.email'), t('sessions.colDevice'), t('sessions.colStarted'), t('sessions.colLastSeen'), t('sessions.colAction')]}>
            {sessions.map((s) => (
              <tr key={s.id}>
                <th scope="row">{s.email}</th>
                <td>
                  {s.userAgent ?? t('sessions.unknownDevice')}
                  {s.ip && <span class="hint"> ({s.ip})</span>}
                </td>
                <td>{dateTime(s.createdAt)}</td>
                <td>{dateTime(s.lastSeenAt)}</td>
                <td>
                  {s.id === currentId ? (
                    <strong class="tag">{t('sessions.current')}</strong>
                  ) : (
                    <Form action={href(`/office/admin/sessions/${s.id}/end`)}>
                      <button class="button button--secondary" type="submit">
                        {t('sessions.end')}
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
    </>
  );
}
