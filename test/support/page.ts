// Reads a served HTML page as a DOM (linkedom), so tests ask what a person would: the heading, a
// field by its label, the error summary, a table's rows, an element by its role and name.
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
    const tables = [...document.querySelectorAll('table')].filter((t) => caption === undefined || matches(textOf(t.querySelector('caption')), caption));
    if (tables.length !== 1) throw new Error(`expected one table${caption === undefined ? '' : ` captioned ${String(caption)}`}, found ${tables.length}`);
    return tables[0]!;
  };

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
  };
}
