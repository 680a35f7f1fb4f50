// Reads a served HTML page as a DOM (linkedom), so tests ask what a person would: the heading, a
// field by its label and what it holds, the error summary, a table's rows, a link's address, a
// description list's terms, an element by its role and name.
import { parseHTML } from 'linkedom';

type Name = string | RegExp;

/** Text as it reads: whitespace runs made one space, trimmed. */
export function textOf(node: Node | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

const matches = (value: string, name: Name) => (typeof name === 'string' ? value === name : name.test(value));

/** Elements with an implicit ARIA role, by role (enough for Kenes's pages; an explicit `role` also counts). */
const implicitRoles: Record<string, string> = {
  heading: 'h1, h2, h3, h4, h5, h6',
  link: 'a[href]',
  button: 'button, input[type="submit"], input[type="button"]',
  textbox: 'input:not([type]), input[type="text"], input[type="email"], input[type="password"], input[type="search"], input[type="tel"], input[type="url"], textarea',
  combobox: 'select',
  checkbox: 'input[type="checkbox"]',
  radio: 'input[type="radio"]',
  table: 'table',
  row: 'tr',
  cell: 'td',
  columnheader: 'th',
  list: 'ul, ol',
  listitem: 'li',
  form: 'form',
  main: 'main',
  navigation: 'nav',
  region: 'section[aria-label], section[aria-labelledby]',
  note: '[role="note"]',
};

export interface Page {
  document: Document;
  /** The `<title>`. */
  title: string;
  /** The page's one `<h1>`, as text. */
  heading: string;
  /** The text of the whole body, or of the elements a selector picks (joined by a space). */
  text(selector?: string): string;
  /** Elements by role, optionally by accessible name (and heading level). */
  allByRole(role: string, options?: { name?: Name; level?: number }): Element[];
  /** The one element with this role (and name); fails the test naming what there is otherwise. */
  byRole(role: string, options?: { name?: Name; level?: number }): Element;
  /** The form control a `<label>` with this text is for. */
  byLabel(label: Name): HTMLInputElement;
  /** The error summary's links: what each says and the field it leads to ([] without a summary). */
  errorSummary(): { text: string; href: string }[];
  /** The error message shown at the field with this label ('' when there is none), without the hidden "Error:". */
  fieldError(label: Name): string;
  /** The one table, or the one with this caption. */
  table(caption?: Name): Element;
  /** The body rows of a table (the one table, or the one with this caption), each as its cells' text. */
  tableRows(caption?: Name): string[][];
  /** The links (`a[href]`), or those with this name, each as what it says and where it leads. */
  links(name?: Name): { text: string; href: string }[];
  /** Where the one link with this name leads; fails the test naming the links there are otherwise. */
  href(name: Name): string;
  /** Each term of the page's description lists (`<dt>`) with its description's text (`<dd>`). */
  definitions(): Record<string, string>;
  /** The description of the one term with this text; fails the test naming the terms otherwise. */
  definition(term: Name): string;
  /** What the field with this label holds: an input's value, a textarea's text, a select's chosen option's value. */
  value(label: Name): string;
  /** The options of the select with this label: what each says, its value, and whether it is chosen. */
  options(label: Name): { text: string; value: string; selected: boolean }[];
}

/** The name a screen reader gives an element: aria-label, aria-labelledby, its label, alt, or its text. */
export function accessibleName(element: Element): string {
  const document = element.ownerDocument;
  const aria = element.getAttribute('aria-label');
  if (aria) return aria.trim();
  const labelledBy = element.getAttribute('aria-labelledby');
  if (labelledBy) return labelledBy.split(/\s+/).map((id) => textOf(document.getElementById(id))).join(' ').trim();
  const id = element.getAttribute('id');
  if (id && /^(input|select|textarea)$/i.test(element.tagName)) {
    const label = [...document.querySelectorAll('label')].find((l) => l.getAttribute('for') === id);
    if (label) return textOf(label);
  }
  if (element.tagName === 'IMG') return element.getAttribute('alt') ?? '';
  if (element.tagName === 'INPUT') return element.getAttribute('value') ?? '';
  if (element.tagName === 'TABLE') return textOf(element.querySelector('caption'));
  return textOf(element);
}

function summarise(elements: Element[]): string {
  return elements.map((e) => `<${e.tagName.toLowerCase()}> "${accessibleName(e)}"`).join(', ') || 'none';
}

/** Parses a page (a response body) for reading by role, label and text. */
export function page(html: string): Page {
  const { document } = parseHTML(html);

  const allByRole: Page['allByRole'] = (role, options = {}) => {
    const selector = [implicitRoles[role], `[role="${role}"]`].filter(Boolean).join(', ');
    return [...document.querySelectorAll(selector)].filter((e) => {
      const explicit = e.getAttribute('role');
      if (explicit && explicit !== role) return false;
      if (options.level !== undefined && e.tagName !== `H${options.level}`) return false;
      return options.name === undefined || matches(accessibleName(e), options.name);
    });
  };

  const byRole: Page['byRole'] = (role, options = {}) => {
    const found = allByRole(role, options);
    if (found.length !== 1) {
      throw new Error(`expected one ${role}${options.name === undefined ? '' : ` named ${String(options.name)}`}, found ${found.length}; ${role}s on the page: ${summarise(allByRole(role))}`);
    }
    return found[0]!;
  };

  const byLabel: Page['byLabel'] = (label) => {
    const labels = [...document.querySelectorAll('label')].filter((l) => matches(textOf(l), label));
    if (labels.length !== 1) throw new Error(`expected one label ${String(label)}, found ${labels.length}; labels: ${[...document.querySelectorAll('label')].map(textOf).join(' | ')}`);
    const forId = labels[0]!.getAttribute('for');
    const control = forId ? document.getElementById(forId) : labels[0]!.querySelector('input, select, textarea');
    if (!control) throw new Error(`the label ${String(label)} is for nothing on the page`);
    return control as unknown as HTMLInputElement;
  };

  const table: Page['table'] = (caption) => {
    // A table is named by its caption or aria-label(ledby), or else by the heading its aria-describedby points to.
    const names = (t: Element) => [textOf(t.querySelector('caption')), accessibleName(t), ...(t.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean).map((id) => textOf(document.getElementById(id)))];
    const tables = [...document.querySelectorAll('table')].filter((t) => caption === undefined || names(t).some((name) => name !== '' && matches(name, caption)));
    if (tables.length !== 1) throw new Error(`expected one table${caption === undefined ? '' : ` named ${String(caption)}`}, found ${tables.length}; tables: ${[...document.querySelectorAll('table')].map((t) => names(t).filter(Boolean)[0] ?? '(unnamed)').join(' | ')}`);
    return tables[0]!;
  };

  const links: Page['links'] = (name) => allByRole('link', name === undefined ? {} : { name }).map((a) => ({ text: accessibleName(a), href: a.getAttribute('href') ?? '' }));

  const definitions: Page['definitions'] = () =>
    Object.fromEntries([...document.querySelectorAll('dt')].map((dt) => {
      let dd = dt.nextElementSibling;
      while (dd && dd.tagName !== 'DD') dd = dd.nextElementSibling;
      return [textOf(dt), textOf(dd)];
    }));

  const options: Page['options'] = (label) =>
    [...(byLabel(label) as unknown as Element).querySelectorAll('option')].map((o) => ({ text: textOf(o), value: o.getAttribute('value') ?? textOf(o), selected: o.hasAttribute('selected') }));

  return {
    document: document as unknown as Document,
    title: textOf(document.querySelector('title')),
    get heading() {
      return textOf(byRole('heading', { level: 1 }));
    },
    text: (selector) => (selector ? [...document.querySelectorAll(selector)].map(textOf).join(' ') : textOf(document.body)),
    allByRole,
    byRole,
    byLabel,
    errorSummary: () => [...document.querySelectorAll('.error-summary a')].map((a) => ({ text: textOf(a), href: a.getAttribute('href') ?? '' })),
    fieldError: (label) => {
      const control = byLabel(label);
      const ids = (control.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
      const error = ids.map((id) => document.getElementById(id)).find((e) => e?.classList.contains('field-error'));
      if (!error) return '';
      const copy = error.cloneNode(true) as Element;
      for (const hidden of copy.querySelectorAll('.visually-hidden')) hidden.remove();
      return textOf(copy);
    },
    table,
    tableRows: (caption) => [...table(caption).querySelectorAll('tbody > tr')].map((row) => [...row.querySelectorAll('th, td')].map(textOf)),
    links,
    href: (name) => {
      const found = links(name);
      if (found.length !== 1) throw new Error(`expected one link named ${String(name)}, found ${found.length}; links: ${links().map((l) => l.text).join(' | ')}`);
      return found[0]!.href;
    },
    definitions,
    definition: (term) => {
      const found = Object.entries(definitions()).filter(([t]) => matches(t, term));
      if (found.length !== 1) throw new Error(`expected one term ${String(term)}, found ${found.length}; terms: ${Object.keys(definitions()).join(' | ')}`);
      return found[0]![1];
    },
    value: (label) => {
      const control = byLabel(label) as unknown as Element;
      if (control.tagName === 'TEXTAREA') return control.textContent ?? '';
      if (control.tagName === 'SELECT') return (options(label).find((o) => o.selected) ?? options(label)[0])?.value ?? '';
      return control.getAttribute('value') ?? '';
    },
    options,
  };
}
