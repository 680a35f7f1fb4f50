// The open-data catalogue page (/{lang}/open-data): every dataset with its description, formats, columns, licence and last update, and the bulk zip.
import { DataTable } from '../../../core/html/components.js';
import { usePage } from '../../../core/html/page-context.js';
import { datasets, licence, type DatasetId } from '../datasets.js';

export interface CatalogueView {
  lastUpdates: Record<DatasetId, Date | null>;
  /** The kept zip's size and build time, when one is kept on this instance. */
  zip: { bytes: number; builtAt: Date } | undefined;
}

export function CataloguePage({ view }: { view: CatalogueView }) {
  const { t, href, lang, dateTime, number } = usePage();
  return (
    <>
      <h1>{t('openData.catalogue.title')}</h1>
      <p class="lead">{t('openData.catalogue.lead')}</p>
      <p>
        {t('openData.catalogue.licence')}{' '}
        <a href={licence.url} rel="license">
          {licence.name}
        </a>
      </p>
      <h2 id="bulk">{t('openData.catalogue.bulkTitle')}</h2>
      <p>
        <a href="/open-data/kenes-open-data.zip" download>
          {t('openData.catalogue.bulkLink')}
        </a>{' '}
        {view.zip ? t('openData.catalogue.bulkBuilt', { size: number(Math.max(1, Math.round(view.zip.bytes / 1024))), date: dateTime(view.zip.builtAt) }) : t('openData.catalogue.bulkText')}
      </p>
      <p>
        {t('openData.catalogue.apiText')} <a href={href('/open-data/api')}>{t('openData.api.title')}</a>
      </p>
      <h2>{t('openData.catalogue.datasetsTitle')}</h2>
      <ul class="dataset-index">
        {datasets.map((d) => (
          <li key={d.id}>
            <a href={`#dataset-${d.id}`}>{t(d.title)}</a>
          </li>
        ))}
      </ul>
      {datasets.map((d) => {
        const updated = view.lastUpdates[d.id];
        return (
          <section key={d.id} id={`dataset-${d.id}`} aria-labelledby={`dataset-${d.id}-title`}>
            <h3 id={`dataset-${d.id}-title`}>{t(d.title)}</h3>
            <p>{t(d.description)}</p>
            <dl class="summary-list">
              <div>
                <dt>{t('openData.catalogue.formats')}</dt>
                <dd>
                  <ul class="inline-list">
                    {d.formats.map((f) => (
                      <li key={f.label}>
                        {f.href ? <a href={f.href(lang)}>{f.label}</a> : f.label} <span class="hint">({t('openData.catalogue.inZip', { path: f.inZip })})</span>
                      </li>
                    ))}
                  </ul>
                </dd>
              </div>
              <div>
                <dt>{t('openData.catalogue.lastUpdate')}</dt>
                <dd>{updated ? dateTime(updated) : t('openData.catalogue.noData')}</dd>
              </div>
            </dl>
            <DataTable caption={t('openData.catalogue.columnsCaption', { dataset: t(d.title) })} columns={[t('openData.catalogue.column'), t('openData.catalogue.meaning')]}>
              {d.columns.map((c) => (
                <tr key={c.header ?? c.name}>
                  <td>{c.header ? t(c.header) : <code>{c.name}</code>}</td>
                  <td>{t(c.description)}</td>
                </tr>
              ))}
            </DataTable>
          </section>
        );
      })}
    </>
  );
}
