// The outreach import: a file of events for one maslikhat, each row checked as the event form checks
// one event (kind, local date and time, place, audience and breakdown, summary), its deputies named
// as the registry names them (members of the maslikhat on the day) and its topics by title or key.
// All or nothing: any row refused and nothing is stored; the report names each refused row.
import type { Actor } from '../../core/auth/actor.js';
import { recordChange, type ChangeContext } from '../../core/audit/audit.js';
import type { Db } from '../../core/db/connect.js';
import { outreachEventKinds, type OutreachEventKind } from '../../core/db/database.js';
import { parseForm } from '../../core/http/forms.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import { translate, type MessageKey, type MessageValues } from '../../core/i18n/messages.js';
import { newId } from '../../core/ids.js';
import type { ImportProblem } from '../../core/spreadsheets/parsed-file.js';
import { eventForm, eventInput, timedProblems } from './outreach.forms.js';
import type { OutreachColumnKey } from './import.columns.js';
import type { OutreachFile } from './import.parse.js';
import * as repo from './outreach.repository.js';
import { eventValues, onlyAsDeputy, type EventInput } from './outreach.service.js';

export interface RowProblem {
  row: number;
  problems: { column: OutreachColumnKey | null; messageKey: MessageKey; values?: MessageValues }[];
}

export type ImportOutcome = { ok: true; imported: number } | { ok: false; fileProblems: ImportProblem<OutreachColumnKey>[]; rows: RowProblem[]; totalRows: number };

const fold = (s: string) => s.toLocaleLowerCase('ru').replaceAll('ё', 'е').replace(/\s+/g, ' ').trim();
const namesOf = (text: LocalizedText | null) => [text?.kk, text?.ru, text?.en].filter((s): s is string => !!s).map(fold);
const yes = new Set(['1', '+', 'иә', 'ия', 'да', 'yes', 'true', 'y', 'жария', 'публичное', 'public']);
const no = new Set(['0', '-', 'жоқ', 'жок', 'нет', 'no', 'false', 'n', 'ішкі', 'внутреннее', 'internal']);

/** A day as the sheet shows it (DD.MM.YYYY) or as ISO, as ISO; anything else as typed (the form refuses it). */
function isoDay(value: string): string {
  const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value);
  return dotted ? `${dotted[3]}-${dotted[2]!.padStart(2, '0')}-${dotted[1]!.padStart(2, '0')}` : value;
}

/** A time as typed ("9:30", "09.30"), as HH:MM. */
const hhmm = (value: string) => value.replace('.', ':').replace(/^(\d):/, '0$1:');

const splitList = (value: string) => value.split(/[;\n]/).map((s) => s.trim()).filter(Boolean);

const fieldColumn = (field: string): OutreachColumnKey | null => (['kind', 'date', 'time', 'endTime', 'settlement', 'address', 'deputies', 'topics', 'tags', 'audienceTotal', 'audienceYouth', 'audienceElderly', 'audienceEntrepreneurs', 'audienceWomen', 'audienceOther', 'summary', 'public'] as const).find((c) => c === field) ?? null;

export function createOutreachImportService(db: Db) {
  return {
    /** Checks every row, then stores every event (in one transaction) only when no row is refused. */
    async importFile(actor: Actor, maslikhat: repo.MaslikhatRow & { timeZone: string }, file: OutreachFile, context: ChangeContext, now = new Date()): Promise<ImportOutcome> {
      if (file.problems.length) return { ok: false, fileProblems: file.problems, rows: [], totalRows: file.rows.length };
      if (!file.rows.length) return { ok: false, fileProblems: [{ messageKey: 'outreach.import.noRows' }], rows: [], totalRows: 0 };
      const kindByText = new Map<string, OutreachEventKind>();
      for (const kind of outreachEventKinds) {
        kindByText.set(kind, kind);
        for (const lang of ['kk', 'ru', 'en'] as const) kindByText.set(fold(translate(lang, `outreach.kind.${kind}`)), kind);
      }
      const topics = await repo.listTopics(db, { activeOnly: false });
      const topicByText = new Map<string, string>();
      for (const t of topics) for (const name of [...namesOf(t.title), ...(t.slug ? [t.slug] : [])]) topicByText.set(fold(name), t.id);
      const members = await repo.listMembers(db, maslikhat.id, '1991-01-01', '2200-12-31');
      const own = onlyAsDeputy(actor, maslikhat.id) ? await repo.personOfAccount(db, actor.accountId) : null;

      const rows: RowProblem[] = [];
      const events: EventInput[] = [];
      for (const { row, values } of file.rows) {
        const v = (key: OutreachColumnKey) => (values[key] ?? '').trim();
        const problems: RowProblem['problems'] = [];
        const kindText = fold(v('kind'));
        const publicText = fold(v('public'));
        if (publicText && !yes.has(publicText) && !no.has(publicText)) problems.push({ column: 'public', messageKey: 'outreach.import.publicInvalid' });
        const raw = {
          kind: kindByText.get(kindText) ?? kindText,
          date: isoDay(v('date')),
          time: hhmm(v('time')),
          endTime: v('endTime') ? hhmm(v('endTime')) : '',
          districtId: '',
          settlement: v('settlement'),
          address: v('address'),
          tags: v('tags').replaceAll(';', ','),
          audienceTotal: v('audienceTotal'),
          audienceYouth: v('audienceYouth'),
          audienceElderly: v('audienceElderly'),
          audienceEntrepreneurs: v('audienceEntrepreneurs'),
          audienceWomen: v('audienceWomen'),
          audienceOther: v('audienceOther'),
          summary: v('summary'),
          summaryLanguage: file.language,
          public: no.has(publicText) ? '' : '1',
          version: '0',
        };
        const deputyIds: string[] = [];
        for (const name of splitList(v('deputies'))) {
          const found = members.find((m) => namesOf(m.name).includes(fold(name)));
          if (found) deputyIds.push(found.personId);
          else problems.push({ column: 'deputies', messageKey: 'outreach.import.deputyUnknown', values: { name } });
        }
        const topicIds: string[] = [];
        for (const name of splitList(v('topics'))) {
          const found = topicByText.get(fold(name));
          if (found) topicIds.push(found);
          else problems.push({ column: 'topics', messageKey: 'outreach.import.topicUnknown', values: { name } });
        }
        const form = parseForm(eventForm, raw);
        if (!form.ok) problems.push(...form.problems.map((p) => ({ column: fieldColumn(p.field), messageKey: p.messageKey, ...(p.values ? { values: p.values } : {}) })));
        else {
          problems.push(...timedProblems(form.answers, maslikhat.timeZone, now).map((p) => ({ column: fieldColumn(p.field), messageKey: p.messageKey, ...(p.values ? { values: p.values } : {}) })));
          const input = eventInput(form.answers, { deputies: [...new Set(deputyIds)], topics: [...new Set(topicIds)] }, maslikhat.timeZone);
          const day = form.answers.date;
          const onDay = await repo.membersOnDate(db, maslikhat.id, input.deputyIds, day);
          if (onDay.length < input.deputyIds.length) problems.push({ column: 'deputies', messageKey: 'outreach.deputyNotMember', values: { date: day } });
          if (own !== null || onlyAsDeputy(actor, maslikhat.id)) {
            if (!own || !input.deputyIds.includes(own)) problems.push({ column: 'deputies', messageKey: 'outreach.deputyMustAttend' });
          }
          events.push(input);
        }
        if (problems.length) rows.push({ row, problems });
      }
      if (rows.length) return { ok: false, fileProblems: [], rows, totalRows: file.rows.length };

      await db.transaction().execute(async (trx) => {
        for (const input of events) {
          const id = newId();
          await repo.insertEvent(
            trx,
            id,
            eventValues(maslikhat, input),
            actor.accountId,
          );
          await repo.replaceDeputies(trx, id, input.deputyIds);
          await repo.replaceTopics(trx, id, input.topicIds);
          await recordChange(trx, context, { entity: 'outreach_event', entityId: id, action: 'imported', after: { organization_id: maslikhat.id, kind: input.kind, starts_at: input.startsAt.toISOString(), deputies: input.deputyIds, topics: input.topicIds } });
        }
      });
      return { ok: true, imported: events.length };
    },
  };
}
