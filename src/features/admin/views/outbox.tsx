import { DataTable } from '../../../core/html/components.js';
import { usePage } from '../../../core/html/page-context.js';
import type { OutboxMessage, Paged } from '../admin.service.js';
import { Pagination } from '../../../core/html/components.js';
import { AdminNav } from './audit-log.js';

function Status({ message }: { message: OutboxMessage }) {
  const { t, dateTime } = usePage();
  if (message.error) return <>{t('adminOutbox.status.failed', { error: message.error })}</>;
  if (message.sent_at) return <>{t('adminOutbox.status.sent', { time: dateTime(new Date(message.sent_at)) })}</>;
  if (message.transport === 'outbox') return <>{t('adminOutbox.status.kept')}</>;
  return <>{t('adminOutbox.status.pending')}</>;
}

function Transport({ transport }: { transport: OutboxMessage['transport'] }) {
  const { t } = usePage();
  return <>{transport === 'smtp' ? t('adminOutbox.transport.smtp') : t('adminOutbox.transport.outbox')}</>;
}

export function OutboxPage({ result }: { result: Paged<OutboxMessage> }) {
  const { t, href, dateTime } = usePage();
  return (
    <>
      <AdminNav current="outbox" />
      <h1>{t('adminOutbox.title')}</h1>
      <p class="lead">{t('adminOutbox.lead')}</p>
      <p id="outbox-count">{t('adminOutbox.count', { count: result.total })}</p>
      {result.rows.length === 0 ? (
        <p>{t('adminOutbox.empty')}</p>
      ) : (
        <DataTable caption={t('adminOutbox.caption')} describedBy="outbox-count" columns={[t('adminOutbox.colRecipient'), t('adminOutbox.colSubject'), t('adminOutbox.colCreated'), t('adminOutbox.colTransport'), t('adminOutbox.colStatus')]}>
              {result.rows.map((m) => (
                <tr key={m.id}>
                  <td>{m.recipient}</td>
                  <td>
                    <a href={href(`/office/admin/outbox/${m.id}`)}>{m.subject.trim() || t('adminOutbox.noSubject')}</a>
                  </td>
                  <td>{dateTime(new Date(m.created_at))}</td>
                  <td>
                    <Transport transport={m.transport} />
                  </td>
                  <td>
                    <Status message={m} />
                  </td>
                </tr>
              ))}
            </DataTable>
      )}
      <Pagination page={result.page} pages={result.pages} pageHref={(p) => href(`/office/admin/outbox${p > 1 ? `?page=${p}` : ''}`)} />
    </>
  );
}

export function OutboxMessagePage({ message }: { message: OutboxMessage }) {
  const { t, href, dateTime } = usePage();
  return (
    <>
      <AdminNav current="outbox" />
      <h1>{message.subject.trim() || t('adminOutbox.noSubject')}</h1>
      <dl class="summary-list">
        <div>
          <dt>{t('adminOutbox.colRecipient')}</dt>
          <dd>{message.recipient}</dd>
        </div>
        <div>
          <dt>{t('adminOutbox.colCreated')}</dt>
          <dd>{dateTime(new Date(message.created_at))}</dd>
        </div>
        <div>
          <dt>{t('adminOutbox.colTransport')}</dt>
          <dd>
            <Transport transport={message.transport} />
          </dd>
        </div>
        <div>
          <dt>{t('adminOutbox.colStatus')}</dt>
          <dd>
            <Status message={message} />
          </dd>
        </div>
      </dl>
      <h2>{t('adminOutbox.body')}</h2>
      {/* Only the text version, as text: the HTML version is never rendered here. */}
      {message.transport === 'smtp' && !message.body_text ? <p>{t('adminOutbox.bodyNotKept')}</p> : <pre class="mail-body">{message.body_text}</pre>}
      <p>
        <a href={href('/office/admin/outbox')}>{t('adminOutbox.back')}</a>
      </p>
    </>
  );
}
