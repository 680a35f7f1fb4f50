// `kenes seed --demo`: a plausible autumn 2020 of deputies' outreach about the President's Address
// of 1 September 2020 in every region: each region-level maslikhat holds meetings with voters,
// receptions, visits, a media appearance and an online meeting from September to December, with
// the deputies of the day present (when the registry has them), topics from the Address and the
// state programmes, audiences with a breakdown and a short summary in Kazakh or Russian; and, so the
// public list of receptions ahead is not empty, a reception and a meeting with voters planned in the
// weeks after the seeding, with today's deputies. Generated deterministically (the same every run
// on the same day), marked demo, and seeded once.
import type { Db } from '../../core/db/connect.js';
import { todayInKazakhstan } from '../../core/db/dated.js';
import type { OutreachEventKind } from '../../core/db/database.js';
import { zonedInstant } from '../../core/i18n/format.js';
import type { StoredLanguage } from '../../core/i18n/localized-text.js';
import { newId } from '../../core/ids.js';
import type { Progress } from '../../core/progress.js';
import * as repo from './outreach.repository.js';

export interface DemoOutreachResult {
  outcome: 'added' | 'present';
  /** Every event added: the autumn's and those planned ahead. */
  events: number;
  /** Of them, planned after the day of seeding. */
  planned: number;
  regions: number;
}

/** What each region plans after the day of seeding: [kind, days ahead (a few more by region), local time]. */
const ahead: [OutreachEventKind, number, string][] = [
  ['reception', 5, '10:00'],
  ['meeting_with_voters', 16, '15:00'],
];

interface Plan {
  day: string;
  time: string;
  kind: OutreachEventKind;
  topics: string[];
  summaryLanguage: StoredLanguage;
  summary: string;
  public: boolean;
}

/** The autumn's events of one region, in order; the day and audience vary by region. */
const season: Plan[] = [
  {
    day: '2020-09-08',
    time: '11:00',
    kind: 'meeting_with_voters',
    topics: ['address-2020-public-administration', 'address-2020-local-government'],
    summaryLanguage: 'kk',
    summary: 'Депутаттар Мемлекет басшысының 2020 жылғы 1 қыркүйектегі Жолдауының негізгі бағыттарын түсіндірді. Тұрғындар ауылдық округ әкімдерінің сайлауы туралы сұрады.',
    public: true,
  },
  {
    day: '2020-09-17',
    time: '10:00',
    kind: 'reception',
    topics: ['address-2020-social-policy', 'local-issues'],
    summaryLanguage: 'ru',
    summary: 'Приём граждан по личным вопросам: жильё, ремонт дворов, назначение пособий. Обращения переданы в акимат с контролем сроков ответа.',
    public: true,
  },
  {
    day: '2020-09-29',
    time: '15:00',
    kind: 'visit',
    topics: ['address-2020-agriculture', 'auyl-el-besigi'],
    summaryLanguage: 'kk',
    summary: 'Ауылшаруашылық кооперативіне барып, шағын шаруашылықтарды несиелеу және «Ауыл – Ел бесігі» жобасы бойынша жол жөндеу барысымен танысты.',
    public: true,
  },
  {
    day: '2020-10-08',
    time: '18:30',
    kind: 'media',
    topics: ['address-2020-economy', 'business-roadmap-2025'],
    summaryLanguage: 'ru',
    summary: 'Выступление на областном телеканале: меры поддержки бизнеса из Послания, льготное кредитование и мораторий на проверки.',
    public: true,
  },
  {
    day: '2020-10-20',
    time: '16:00',
    kind: 'online',
    topics: ['address-2020-healthcare', 'covid-19'],
    summaryLanguage: 'kk',
    summary: 'Онлайн кездесуде медициналық көмектің қолжетімділігі, індетке қарсы шаралар мен ауылдық емханалардың жабдықталуы талқыланды.',
    public: true,
  },
  {
    day: '2020-11-05',
    time: '11:00',
    kind: 'meeting_with_voters',
    topics: ['address-2020-education', 'rukhani-zhangyru'],
    summaryLanguage: 'ru',
    summary: 'Встреча в колледже: качество образования, дистанционное обучение, программа «Рухани жаңғыру». Студенты спрашивали о трудоустройстве выпускников.',
    public: true,
  },
  {
    day: '2020-11-19',
    time: '10:00',
    kind: 'reception',
    topics: ['enbek', 'nurly-zher'],
    summaryLanguage: 'kk',
    summary: 'Азаматтарды қабылдау: жұмыспен қамту, «Еңбек» бағдарламасы бойынша оқыту және тұрғын үй кезегі туралы өтініштер тыңдалды.',
    public: true,
  },
  {
    day: '2020-12-03',
    time: '14:30',
    kind: 'meeting_with_voters',
    topics: ['address-2020-rule-of-law', 'law-peaceful-assemblies-2020'],
    summaryLanguage: 'ru',
    summary: 'Рабочая встреча с активом района о защите прав граждан и новом законе о мирных собраниях; обсуждены предложения в план работы маслихата.',
    public: false,
  },
];

/** A small deterministic generator: the same numbers for the same seed. */
function numbers(seed: number) {
  let state = seed >>> 0 || 1;
  return (max: number) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % max;
  };
}

function shiftDay(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export async function seedDemoOutreach(db: Db, progress?: Progress): Promise<DemoOutreachResult> {
  progress?.step('demo: outreach events');
  if (await repo.hasDemoEvents(db)) return { outcome: 'present', events: 0, planned: 0, regions: 0 };
  const today = todayInKazakhstan();
  const maslikhats = (await repo.listMaslikhats(db, 'all', '2020-10-01')).filter((m) => /^maslikhat-\d{9}$/.test(m.slug) && m.regionAreaId);
  const topics = new Map((await repo.listTopics(db, { activeOnly: false })).flatMap((t) => (t.slug ? [[t.slug, t.id] as const] : [])));
  let events = 0;
  let planned = 0;
  await db.transaction().execute(async (trx) => {
    for (const [index, m] of maslikhats.entries()) {
      const next = numbers(Number(m.regionKato ?? index) + index);
      const timeZone = m.timeZone ?? 'Asia/Almaty';
      const centre = m.regionCentre?.ru ?? m.regionCentre?.kk ?? null;
      for (const plan of season) {
        const day = shiftDay(plan.day, next(4));
        const members = await repo.listMembers(trx, m.id, day, day);
        const everyone = [...new Set(members.map((p) => p.personId))];
        const first = everyone.length ? next(everyone.length) : 0;
        const present = everyone.length <= 3 ? everyone : [0, 1, 2].map((k) => everyone[(first + k * 7) % everyone.length] ?? '').filter(Boolean);
        const total = plan.kind === 'media' ? 0 : 20 + next(180);
        const youth = Math.floor(total * (0.1 + next(20) / 100));
        const elderly = Math.floor(total * (0.1 + next(15) / 100));
        const women = Math.floor(total * (0.2 + next(20) / 100));
        const id = newId();
        await repo.insertEvent(
          trx,
          id,
          {
            organization_id: m.id,
            region_area_id: m.regionAreaId,
            district_area_id: null,
            kind: plan.kind,
            starts_at: zonedInstant(day, plan.time, timeZone),
            ends_at: zonedInstant(day, `${String(Number(plan.time.slice(0, 2)) + 2).padStart(2, '0')}${plan.time.slice(2)}`, timeZone),
            time_zone: timeZone,
            settlement: plan.kind === 'online' || plan.kind === 'media' ? null : centre,
            address: null,
            tags: plan.kind === 'reception' ? ['қабылдау'] : [],
            audience_total: plan.kind === 'media' ? null : total,
            audience_youth: plan.kind === 'media' ? null : youth,
            audience_elderly: plan.kind === 'media' ? null : elderly,
            audience_entrepreneurs: null,
            audience_women: plan.kind === 'media' ? null : women,
            audience_other: null,
            summary: plan.summary,
            summary_language: plan.summaryLanguage,
            public: plan.public,
          },
          null,
          true,
        );
        await repo.replaceDeputies(trx, id, [...new Set(present)]);
        await repo.replaceTopics(trx, id, plan.topics.flatMap((slug) => topics.get(slug) ?? []));
        events++;
      }
      const deputiesToday = [...new Set((await repo.listMembers(trx, m.id, today, today)).map((p) => p.personId))].slice(0, 2);
      for (const [kind, days, time] of ahead) {
        const day = shiftDay(today, days + next(5));
        const id = newId();
        await repo.insertEvent(
          trx,
          id,
          {
            organization_id: m.id,
            region_area_id: m.regionAreaId,
            district_area_id: null,
            kind,
            starts_at: zonedInstant(day, time, timeZone),
            ends_at: zonedInstant(day, `${String(Number(time.slice(0, 2)) + 2).padStart(2, '0')}${time.slice(2)}`, timeZone),
            time_zone: timeZone,
            settlement: centre,
            address: kind === 'reception' ? 'Мәслихат ғимараты, қабылдау бөлмесі' : null,
            tags: kind === 'reception' ? ['қабылдау'] : [],
            audience_total: null,
            audience_youth: null,
            audience_elderly: null,
            audience_entrepreneurs: null,
            audience_women: null,
            audience_other: null,
            summary: null,
            summary_language: null,
            public: true,
          },
          null,
          true,
        );
        await repo.replaceDeputies(trx, id, deputiesToday);
        events++;
        planned++;
      }
      progress?.step('demo: outreach events', index + 1, maslikhats.length);
    }
  });
  return { outcome: 'added', events, planned, regions: maslikhats.length };
}
