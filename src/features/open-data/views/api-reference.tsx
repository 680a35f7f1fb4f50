// The API reference page (/{lang}/open-data/api): the OpenAPI document read out — each operation with its parameters and responses, then the named schemas' fields.
import { Breadcrumbs, DataTable } from '../../../core/html/components.js';
import { usePage } from '../../../core/html/page-context.js';
import type { ApiParameter, ApiReference } from '../api-reference.js';

function Fields({ caption, fields, withPlace }: { caption: string; fields: ApiParameter[]; withPlace: boolean }) {
  const { t } = usePage();
  const columns = [t('openData.api.name'), ...(withPlace ? [t('openData.api.in')] : []), t('openData.api.type'), t('openData.api.required'), t('openData.api.description')];
  return (
    <DataTable caption={caption} columns={columns}>
      {fields.map((p) => (
        <tr key={`${p.in}-${p.name}`}>
          <td>
            <code>{p.name}</code>
          </td>
          {withPlace && <td>{p.in}</td>}
          <td>
            <code>{p.type}</code>
          </td>
          <td>{p.required ? t('openData.api.yes') : t('openData.api.no')}</td>
          <td lang="en">{p.description}</td>
        </tr>
      ))}
    </DataTable>
  );
}

export function ApiReferencePage({ reference }: { reference: ApiReference }) {
  const { t } = usePage();
  return (
    <>
      <Breadcrumbs trail={[{ path: '/open-data', label: t('openData.catalogue.title') }]} />
      <h1>{t('openData.api.title')}</h1>
      <p class="lead">{t('openData.api.lead')}</p>
      <p>
        {t('openData.api.document')} <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1, {reference.title} {reference.version})
      </p>
      <p lang="en">{reference.description}</p>
      <h2>{t('openData.api.operations')}</h2>
      <ul>
        {reference.operations.map((op) => (
          <li key={op.anchor}>
            <a href={`#${op.anchor}`}>
              <code>
                {op.method} {op.path}
              </code>
            </a>
          </li>
        ))}
      </ul>
      {reference.operations.map((op) => (
        <section key={op.anchor} id={op.anchor} aria-labelledby={`${op.anchor}-title`}>
          <h3 id={`${op.anchor}-title`}>
            <code>
              {op.method} {op.path}
            </code>
          </h3>
          {op.summary && <p lang="en">{op.summary}</p>}
          {op.description && <p lang="en">{op.description}</p>}
          {op.parameters.length > 0 ? (
            <Fields caption={t('openData.api.parametersOf', { operation: `${op.method} ${op.path}` })} fields={op.parameters} withPlace />
          ) : (
            <p>{t('openData.api.noParameters')}</p>
          )}
          <DataTable caption={t('openData.api.responsesOf', { operation: `${op.method} ${op.path}` })} columns={[t('openData.api.status'), t('openData.api.type'), t('openData.api.description')]}>
            {op.responses.map((r) => (
              <tr key={r.status}>
                <td>{r.status}</td>
                <td>
                  <code>{r.type}</code>
                </td>
                <td lang="en">{r.description}</td>
              </tr>
            ))}
          </DataTable>
        </section>
      ))}
      {reference.schemas.length > 0 && <h2>{t('openData.api.schemas')}</h2>}
      {reference.schemas.map((s) => (
        <section key={s.name} id={`schema-${s.name}`} aria-labelledby={`schema-${s.name}-title`}>
          <h3 id={`schema-${s.name}-title`}>
            <code>{s.name}</code>
          </h3>
          {s.description && <p lang="en">{s.description}</p>}
          <Fields caption={t('openData.api.fieldsOf', { schema: s.name })} fields={s.fields} withPlace={false} />
        </section>
      ))}
    </>
  );
}
