// `kenes seed --demo` (to be called after the demo outreach): citizens' questions of autumn 2020 in
// every region, raised at meetings with voters and sent through the form, in every state — registered,
// in work, forwarded to the competent body, answered, closed — with their history and due dates on the
// working-day calendar. Deterministic, marked demo (never alerted about), seeded once; no applicant's
// contact, so no mail ever goes. The questions are not yet tied to the demo events (outreach_event_id).
import { randomBytes } from 'node:crypto';
import type { Db } from '../../core/db/connect.js';
import { hashToken } from '../../core/auth/token-hash.js';
import { newId } from '../../core/ids.js';
import type { QuestionAction, QuestionState } from '../../core/db/database.js';
import { addWorkingDays, UnknownCalendarYearError, type WorkingCalendar } from '../../core/calendar/working-days.js';
import { createRegistryService } from '../registry/registry.service.js';
import * as repo from './questions.repository.js';
import { answerWorkingDays } from './questions.service.js';

export interface DemoQuestionsResult {
  outcome: 'added' | 'present';
  questions: number;
}

interface DemoQuestion {
  day: string;
  channel: 'form' | 'event';
  state: QuestionState;
  language: 'kk' | 'ru';
  body: string;
  forwardedTo?: string;
  answer?: string;
}

/** One region's autumn: a question in each state (the day moves by region, so the regions differ). */
const autumn: DemoQuestion[] = [
  { day: '2020-09-08', channel: 'event', state: 'closed', language: 'kk', body: 'Ауылдық округ әкімдерінің сайлауы біздің ауылда қашан өтеді?', answer: 'Ауылдық округ әкімдерінің сайлауы 2021 жылы өтеді; күні Орталық сайлау комиссиясының шешімімен жарияланады.' },
  { day: '2020-09-17', channel: 'event', state: 'answered', language: 'ru', body: 'Когда отремонтируют дорогу к школе в нашем микрорайоне?', answer: 'Ремонт дороги включён в план акимата на 2021 год в рамках программы «Ауыл – Ел бесігі».' },
  { day: '2020-10-06', channel: 'form', state: 'forwarded', language: 'ru', body: 'Прошу разъяснить порядок назначения адресной социальной помощи.', forwardedTo: 'Управление занятости и социальных программ' },
  { day: '2020-10-20', channel: 'event', state: 'in_work', language: 'kk', body: 'Жас отбасыларға тұрғын үй кезегі қалай жүргізіледі?' },
  { day: '2020-11-10', channel: 'form', state: 'registered', language: 'kk', body: 'Ауылдағы дәрігерлік амбулаторияда маман жетіспейді. Не істеуге болады?' },
];

/** Days after `day` (calendar days). */
const plusDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** 11:00 in Kazakhstan (UTC+6 in 2020) on a day. */
const at = (day: string, hour = 11) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+06:00`);

export async function seedDemoQuestions(db: Db, calendar: WorkingCalendar): Promise<DemoQuestionsResult> {
  if (await repo.hasDemoQuestions(db)) return { outcome: 'present', questions: 0 };
  const regions = await createRegistryService(db).listRegionMaslikhats('2020-10-01');
  let count = 0;
  await db.transaction().execute(async (trx) => {
    for (const [index, region] of regions.entries()) {
      for (const q of autumn) {
        const registeredOn = plusDays(q.day, index % 3);
        let due: string | null;
        try {
          due = addWorkingDays(calendar, registeredOn, answerWorkingDays);
        } catch (err) {
          if (!(err instanceof UnknownCalendarYearError)) throw err;
          due = null;
        }
        const id = newId();
        const answeredOn = due && q.answer ? addWorkingDays(calendar, registeredOn, 9 + (index % 5)) : null;
        const forwardedOn = q.forwardedTo ? addWorkingDays(calendar, registeredOn, 2) : null;
        await repo.insertDemoQuestion(trx, {
          id,
          reference: await repo.nextReference(trx, '2020'),
          organization_id: region.id,
          channel: q.channel,
          applicant_name: q.language === 'kk' ? 'Демо өтініш беруші' : 'Демо-заявитель',
          contact_email: null,
          contact_phone: null,
          area_id: region.area.id,
          settlement: null,
          body: q.body,
          language: q.language,
          consent_at: at(registeredOn, 10),
          state: q.state,
          registered_on: registeredOn,
          forwarded_to: q.forwardedTo ?? null,
          forwarded_at: forwardedOn ? at(forwardedOn) : null,
          answer: q.answer ?? null,
          answered_at: answeredOn ? at(answeredOn) : null,
          closed_at: q.state === 'closed' && answeredOn ? at(plusDays(answeredOn, 7)) : null,
          due_date: due,
          tracking_token_hash: hashToken(randomBytes(32).toString('base64url')),
          created_at: at(registeredOn, 10),
          updated_at: at(registeredOn, 10),
        });
        const steps: [QuestionAction, QuestionState, Date, string | null][] = [['registered', 'registered', at(registeredOn, 10), null]];
        if (q.state !== 'registered') steps.push(['taken', 'in_work', at(plusDays(registeredOn, 1)), null]);
        if (forwardedOn) steps.push(['forwarded', 'forwarded', at(forwardedOn), q.forwardedTo ?? null]);
        if (answeredOn) steps.push(['answered', 'answered', at(answeredOn), null]);
        if (q.state === 'closed' && answeredOn) steps.push(['closed', 'closed', at(plusDays(answeredOn, 7)), null]);
        for (const [action, state, when, note] of steps) await repo.insertEvent(trx, { id: newId(), questionId: id, action, state, actorAccountId: null, note, at: when });
        count++;
      }
    }
  });
  return { outcome: 'added', questions: count };
}
