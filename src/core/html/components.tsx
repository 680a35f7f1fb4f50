// The design system's building blocks. Forms follow the GOV.UK error pattern: an error summary at
// the top of main linking to each field, the same message at the field, every answer kept.
import { Fragment, type ComponentChildren } from 'preact';
import type { FieldProblem } from '../errors.js';
import { usePage } from './page-context.js';
import { showRecorded } from '../i18n/format.js';
import type { LocalizedText, StoredLanguage } from '../i18n/localized-text.js';

/** Stored text in the page's language; a fallback is marked visibly and with its own lang. */
export function Text({ value }: { value: LocalizedText | null | undefined }) {
  const page = usePage();
  const l = page.localize(value);
  if (!l.fallback) return <>{l.text}</>;
  return (
    <span lang={l.tag} class="fallback-text">
      {l.text}
      <span class="fallback-marker" title={page.t('common.fallbackMarker')}>
        {' '}
        [{l.tag.toUpperCase()}]
      </span>
    </span>
  );
}

/** Stored text split into paragraphs at blank lines (line breaks kept); a fallback language is marked as <Text> marks it. */
export function Paragraphs({ value }: { value: LocalizedText | null | undefined }) {
  const page = usePage();
  const l = page.localize(value);
  const paragraphs = l.text
    .split(/\r?\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (!paragraphs.length) return null;
  const rendered = paragraphs.map((p, i) => (
    <p key={i}>
      {p.split(/\r?\n/).map((line, j) => (
        <Fragment key={j}>
          {j > 0 && <br />}
          {line}
        </Fragment>
      ))}
      {l.fallback && i === paragraphs.length - 1 && (
        <span class="fallback-marker" title={page.t('common.fallbackMarker')}>
          {' '}
          [{l.tag.toUpperCase()}]
        </span>
      )}
    </p>
  ));
  return l.fallback ? (
    <div lang={l.tag} class="fallback-text">
      {rendered}
    </div>
  ) : (
    <>{rendered}</>
  );
}

/**
 * Text recorded in one language (a quotation, a line typed by staff) in the page's script — Kazakh
 * in Latin on Kazakh Latin pages — marked with its language when that is not the page's. Without a
 * language, Kazakh is recognised by its letters (see showRecorded).
 */
export function Recorded({ text, language }: { text: string | null | undefined; language?: StoredLanguage | null }) {
  const { lang } = usePage();
  if (!text) return null;
  const shown = showRecorded(lang, text, language);
  return shown.foreign ? <span lang={shown.tag}>{shown.text}</span> : <>{shown.text}</>;
}

export function ErrorSummary({ problems }: { problems: FieldProblem[] }) {
  const { t } = usePage();
  if (problems.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1} data-autofocus>
      <h2 class="error-summary__title">{t('form.errorSummaryTitle')}</h2>
      <ul class="error-summary__list">
        {problems.map((p) => (
          <li key={p.field}>
            <a href={`#${p.idPrefix ?? 'field'}-${p.field}`}>{t(p.messageKey, p.values)}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** What every field shares: its id, the problem at it, and the hint and error ids it is described by. */
function useField(name: string, hint: string | undefined, problems: FieldProblem[], idPrefix = 'field') {
  const problem = problems.find((p) => p.field === name && (p.idPrefix ?? 'field') === idPrefix);
  const id = `${idPrefix}-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, problem ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return { id, problem, describedBy };
}

/** The hint under a label and the error message at the field (GOV.UK: "Error:" read out first). */
function HintAndError({ id, hint, problem }: { id: string; hint: string | undefined; problem: FieldProblem | undefined }) {
  const { t } = usePage();
  return (
    <>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {problem && (
        <p class="field-error" id={`${id}-error`}>
          <span class="visually-hidden">{t('form.errorPrefix')}</span> {t(problem.messageKey, problem.values)}
        </p>
      )}
    </>
  );
}

/** A field's form group: the label, then the hint and the error, then the control itself. */
function FieldGroup({ id, label, hint, problem, children }: { id: string; label: string; hint: string | undefined; problem: FieldProblem | undefined; children: ComponentChildren }) {
  return (
    <div class={problem ? 'form-group form-group--error' : 'form-group'}>
      <label class="label" for={id}>
        {label}
      </label>
      <HintAndError id={id} hint={hint} problem={problem} />
      {children}
    </div>
  );
}

interface TextFieldProps {
  name: string;
  label: string;
  hint?: string;
  value?: string | undefined;
  type?: 'text' | 'email' | 'password' | 'date' | 'number' | 'search' | 'url' | 'tel';
  autocomplete?: string;
  problems?: FieldProblem[];
  required?: boolean;
  /** When one page repeats a form, a prefix keeps the ids unique (default 'field'). */
  idPrefix?: string;
}

export function TextField({ name, label, hint, value, type = 'text', autocomplete, problems = [], required, idPrefix }: TextFieldProps) {
  const { id, problem, describedBy } = useField(name, hint, problems, idPrefix);
  return (
    <FieldGroup id={id} label={label} hint={hint} problem={problem}>
      <input
        class={problem ? 'input input--error' : 'input'}
        id={id}
        name={name}
        type={type as "text"}
        value={value ?? ''}
        autocomplete={autocomplete}
        aria-describedby={describedBy}
        aria-invalid={problem ? 'true' : undefined}
        required={required}
      />
    </FieldGroup>
  );
}

/** A file to upload in the GOV.UK error pattern; its form posts multipart/form-data. `accept` lists the endings and media types offered. */
export function FileField({ name, label, hint, accept, problems = [], idPrefix }: { name: string; label: string; hint?: string; accept: string; problems?: FieldProblem[]; idPrefix?: string }) {
  const { id, problem, describedBy } = useField(name, hint, problems, idPrefix);
  return (
    <FieldGroup id={id} label={label} hint={hint} problem={problem}>
      <input class={problem ? 'input input--error' : 'input'} id={id} name={name} type="file" accept={accept} aria-describedby={describedBy} aria-invalid={problem ? 'true' : undefined} />
    </FieldGroup>
  );
}

/** A form that posts with the CSRF token; validation is on the server (novalidate). `multipart` for one with a FileField. */
export function Form({ action, method = 'post', multipart, children }: { action: string; method?: 'post' | 'get'; multipart?: boolean; children: ComponentChildren }) {
  const { csrfToken } = usePage();
  return (
    <form action={action} method={method} enctype={multipart ? 'multipart/form-data' : undefined} novalidate>
      {method === 'post' && <input type="hidden" name="_csrf" value={csrfToken} />}
      {children}
    </form>
  );
}

export function Notice({ kind = 'info', children }: { kind?: 'info' | 'warning' | 'success'; children: ComponentChildren }) {
  return (
    <div class={`notice notice--${kind}`} role={kind === 'warning' ? 'note' : undefined}>
      {children}
    </div>
  );
}

/** A data table: scrolls inside its own box on a narrow screen, headers as column headers, a caption for screen readers. */
export function DataTable({ caption, describedBy, columns, children }: { caption?: string; describedBy?: string; columns: (string | { label: string; numeric: true })[]; children: ComponentChildren }) {
  return (
    <div class="table-wrapper">
      <table class="table" aria-describedby={describedBy}>
        {caption && <caption class="visually-hidden">{caption}</caption>}
        <thead>
          <tr>
            {columns.map((c) =>
              typeof c === 'string' ? (
                <th scope="col" key={c}>
                  {c}
                </th>
              ) : (
                <th scope="col" class="numeric" key={c.label}>
                  {c.label}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

interface ChoiceFieldProps {
  name: string;
  label: string;
  hint?: string;
  value: string | undefined;
  options: { value: string; label: string }[];
  problems?: FieldProblem[];
  /** A first, empty choice ("Choose…"); omitted when the field always has a value. */
  placeholder?: string;
  /** When one page repeats a form, a prefix keeps the ids unique (default 'field'). */
  idPrefix?: string;
}

/** A select in the GOV.UK error pattern (label, hint, error at the field, answer kept). */
export function SelectField({ name, label, hint, value, options, problems = [], placeholder, idPrefix }: ChoiceFieldProps) {
  const { id, problem, describedBy } = useField(name, hint, problems, idPrefix);
  return (
    <FieldGroup id={id} label={label} hint={hint} problem={problem}>
      <select class={problem ? 'input input--error' : 'input'} id={id} name={name} aria-describedby={describedBy} aria-invalid={problem ? 'true' : undefined}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldGroup>
  );
}

/** Radios in a fieldset with a legend; the error sits under the legend. */
export function RadioField({ name, label, hint, value, options, problems = [], idPrefix }: ChoiceFieldProps) {
  const { id, problem, describedBy } = useField(name, hint, problems, idPrefix);
  return (
    <div class={problem ? 'form-group form-group--error' : 'form-group'}>
      <fieldset class="fieldset" aria-describedby={describedBy}>
        <legend class="label">{label}</legend>
        <HintAndError id={id} hint={hint} problem={problem} />
        {options.map((o, i) => (
          <div class="radio" key={o.value}>
            <input type="radio" id={i === 0 ? id : `${id}-${o.value}`} name={name} value={o.value} checked={o.value === value} />
            <label for={i === 0 ? id : `${id}-${o.value}`}>{o.label}</label>
          </div>
        ))}
      </fieldset>
    </div>
  );
}

export interface CheckboxOption {
  value: string;
  label: string;
}

function Checkbox({ id, name, option, values }: { id: string; name: string; option: CheckboxOption; values: readonly string[] }) {
  return (
    <div class="radio">
      <input type="checkbox" id={`${id}-${option.value}`} name={name} value={option.value} checked={values.includes(option.value)} />
      <label for={`${id}-${option.value}`}>{option.label}</label>
    </div>
  );
}

/**
 * Checkboxes under one name (sent repeated), then any further ones in groups each under its own
 * legend; the hint and the error sit under the legend, and the error summary links to the fieldset.
 */
export function CheckboxesField({
  name,
  label,
  hint,
  values,
  options,
  groups = [],
  problems = [],
}: {
  name: string;
  label: string;
  hint?: string | undefined;
  values: readonly string[];
  options: CheckboxOption[];
  groups?: { label: string; options: CheckboxOption[] }[];
  problems?: FieldProblem[];
}) {
  const { id, problem, describedBy } = useField(name, hint, problems);
  return (
    <div class={problem ? 'form-group form-group--error' : 'form-group'}>
      <fieldset class="fieldset" id={id} aria-describedby={describedBy}>
        <legend class="label">{label}</legend>
        <HintAndError id={id} hint={hint} problem={problem} />
        {options.map((o) => (
          <Checkbox key={o.value} id={id} name={name} option={o} values={values} />
        ))}
        {groups.map((g) => (
          <fieldset class="fieldset" key={g.label}>
            <legend class="label">{g.label}</legend>
            {g.options.map((o) => (
              <Checkbox key={o.value} id={id} name={name} option={o} values={values} />
            ))}
          </fieldset>
        ))}
      </fieldset>
    </div>
  );
}

/** A multi-line answer in the GOV.UK error pattern. */
export function TextAreaField({ name, label, hint, value, rows = 5, problems = [], idPrefix }: { name: string; label: string; hint?: string; value: string | undefined; rows?: number; problems?: FieldProblem[]; idPrefix?: string }) {
  const { id, problem, describedBy } = useField(name, hint, problems, idPrefix);
  return (
    <FieldGroup id={id} label={label} hint={hint} problem={problem}>
      <textarea class={problem ? 'input textarea input--error' : 'input textarea'} id={id} name={name} rows={rows} aria-describedby={describedBy} aria-invalid={problem ? 'true' : undefined}>
        {value ?? ''}
      </textarea>
    </FieldGroup>
  );
}

interface PaginationProps {
  page: number;
  pages: number;
  /** The address of a page, keeping the list's own query (filters); usually `(p) => href(pagePath(path, p))`. */
  pageHref: (page: number) => string;
  /** The navigation's accessible name, when a page has more than one (default "Pages"). */
  label?: string;
}

/** Previous / "page N of M" / next. A page past the end links back to the last page, not to another empty one. */
export function Pagination({ page, pages, pageHref, label }: PaginationProps) {
  const { t } = usePage();
  if (pages <= 1 && page <= 1) return null;
  const previous = page > 1 ? Math.min(page - 1, pages) : undefined;
  const next = page < pages ? page + 1 : undefined;
  return (
    <nav class="pagination" aria-label={label ?? t('pagination.label')}>
      <ul>
        {previous !== undefined && (
          <li>
            <a href={pageHref(previous)} rel="prev">
              {t('pagination.previous')}
            </a>
          </li>
        )}
        <li>
          <span aria-current="page">{t('pagination.pageOf', { page, pages })}</span>
        </li>
        {next !== undefined && (
          <li>
            <a href={pageHref(next)} rel="next">
              {t('pagination.next')}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}

/** One step of a breadcrumb trail: a path inside the current language ('/news') and its name. */
export interface Crumb {
  path: string;
  label: string;
}

/**
 * Where a page sits: Home, then each level above it, as links (the page itself is its h1, not a
 * crumb, as in the GOV.UK pattern). Hidden in print.
 */
export function Breadcrumbs({ trail }: { trail: Crumb[] }) {
  const { t, href } = usePage();
  return (
    <nav class="breadcrumbs" aria-label={t('breadcrumbs.label')}>
      <ol>
        <li>
          <a href={href('/')}>{t('breadcrumbs.home')}</a>
        </li>
        {trail.map((crumb) => (
          <li key={crumb.path}>
            <a href={href(crumb.path)}>{crumb.label}</a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
