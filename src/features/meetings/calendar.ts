// A small iCalendar (RFC 5545) writer for published meetings: CRLF line endings, content lines
// folded at 75 octets of UTF-8 (never inside a multi-byte character), TEXT values escaped, every
// time in UTC.

export interface CalendarEvent {
  uid: string;
  /** When this version of the event was last changed (DTSTAMP). */
  stamp: Date;
  start: Date;
  /** Omitted when unknown: the event then ends at its start (RFC 5545 §3.6.1). */
  end?: Date | null | undefined;
  summary: string;
  location?: string | null | undefined;
  description?: string | null | undefined;
  url?: string | null | undefined;
  status?: 'TENTATIVE' | 'CONFIRMED' | 'CANCELLED';
  /** Revision number (SEQUENCE), so calendars replace an older copy. */
  sequence?: number;
}

export interface Calendar {
  prodId: string;
  name?: string;
  events: CalendarEvent[];
}

const encoder = new TextEncoder();
const maxOctets = 75;

/** Escapes a TEXT value: backslash, semicolon, comma and line breaks (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value
    .replaceAll('\\', '\\\\')
    .replaceAll(';', '\\;')
    .replaceAll(',', '\\,')
    .replaceAll(/\r\n|\r|\n/g, '\\n');
}

/** An instant as a UTC DATE-TIME: 20201021T050000Z. */
export function formatUtc(instant: Date): string {
  return instant.toISOString().replaceAll(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/**
 * Folds one content line: no physical line longer than 75 octets, continuation lines starting with
 * one space (which counts), split only between characters (a code point is never cut).
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = maxOctets;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = maxOctets - 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function property(name: string, value: string): string {
  return foldLine(`${name}:${value}`);
}

function eventLines(event: CalendarEvent): string[] {
  const lines = ['BEGIN:VEVENT', property('UID', event.uid), property('DTSTAMP', formatUtc(event.stamp)), property('DTSTART', formatUtc(event.start))];
  if (event.end) lines.push(property('DTEND', formatUtc(event.end)));
  if (event.sequence !== undefined) lines.push(property('SEQUENCE', String(event.sequence)));
  lines.push(property('SUMMARY', escapeText(event.summary)));
  if (event.location) lines.push(property('LOCATION', escapeText(event.location)));
  if (event.description) lines.push(property('DESCRIPTION', escapeText(event.description)));
  if (event.url) lines.push(property('URL', event.url));
  if (event.status) lines.push(property('STATUS', event.status));
  lines.push('END:VEVENT');
  return lines;
}

/** The whole VCALENDAR object, each line ended by CRLF. */
export function writeCalendar(calendar: Calendar): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', property('PRODID', calendar.prodId), 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'];
  if (calendar.name) lines.push(property('X-WR-CALNAME', escapeText(calendar.name)));
  for (const event of calendar.events) lines.push(...eventLines(event));
  lines.push('END:VCALENDAR');
  return `${lines.join('\r\n')}\r\n`;
}
