// The managed list of outreach topics, seeded for the President's Address of 1 September 2020
// ("Kazakhstan in a new reality: time for action"), the state programmes and laws deputies explain
// to voters. Idempotent (by slug): `kenes seed` and every start add the topics that are missing and
// never change one that exists, so administrators' corrections survive.
import type { Db } from '../../core/db/connect.js';
import type { OutreachTopicKind } from '../../core/db/database.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import * as repo from './outreach.repository.js';

export interface SeedTopic {
  slug: string;
  kind: OutreachTopicKind;
  title: LocalizedText;
}

export const seedTopics: readonly SeedTopic[] = [
  {
    slug: 'address-2020-public-administration',
    kind: 'address_priority',
    title: { kk: 'Жолдау-2020: мемлекеттік басқарудың жаңа моделі', ru: 'Послание-2020: новая модель государственного управления', en: 'Address 2020: a new model of public administration' },
  },
  {
    slug: 'address-2020-economy',
    kind: 'address_priority',
    title: { kk: 'Жолдау-2020: экономиканы әртараптандыру және өсу', ru: 'Послание-2020: диверсификация и рост экономики', en: 'Address 2020: economic diversification and growth' },
  },
  {
    slug: 'address-2020-agriculture',
    kind: 'address_priority',
    title: { kk: 'Жолдау-2020: агроөнеркәсіптік кешенді дамыту', ru: 'Послание-2020: развитие агропромышленного комплекса', en: 'Address 2020: developing agriculture' },
  },
  {
    slug: 'address-2020-business',
    kind: 'address_priority',
    title: { kk: 'Жолдау-2020: кәсіпкерлікті қолдау', ru: 'Послание-2020: поддержка предпринимательства', en: 'Address 2020: support for business' },
  },
  {
    slug: 'address-2020-social-policy',
    kind: 'address_priority',
    title: { kk: 'Жолдау-2020: әділ әлеуметтік саясат', ru: 'Послание-2020: справедливая социальная политика', en: 'Address 2020: a fair social policy' },
  },
  {
    slug: 'address-2020-healthcare',
    kind: 'address_priority',
    title: { kk: 'Жолдау-2020: денсаулық сақтау', ru: 'Послание-2020: здравоохранение', en: 'Address 2020: healthcare' },
  },
  {
    slug: 'address-2020-education',
    kind: 'address_priority',
    title: { kk: 'Жолдау-2020: сапалы білім', ru: 'Послание-2020: качественное образование', en: 'Address 2020: quality education' },
  },
  {
    slug: 'address-2020-rule-of-law',
    kind: 'address_priority',
    title: { kk: 'Жолдау-2020: азаматтардың құқықтарын қорғау және заң үстемдігі', ru: 'Послание-2020: защита прав граждан и верховенство закона', en: "Address 2020: citizens' rights and the rule of law" },
  },
  {
    slug: 'address-2020-local-government',
    kind: 'address_priority',
    title: { kk: 'Жолдау-2020: жергілікті өзін-өзі басқаруды дамыту', ru: 'Послание-2020: развитие местного самоуправления', en: 'Address 2020: local self-government' },
  },
  {
    slug: 'rukhani-zhangyru',
    kind: 'state_programme',
    title: { kk: '«Рухани жаңғыру» бағдарламасы', ru: 'Программа «Рухани жаңғыру»', en: 'Rukhani Zhangyru programme' },
  },
  {
    slug: 'enbek',
    kind: 'state_programme',
    title: { kk: '«Еңбек» нәтижелі жұмыспен қамтуды дамыту бағдарламасы', ru: 'Программа развития продуктивной занятости «Еңбек»', en: 'Enbek programme for productive employment' },
  },
  {
    slug: 'nurly-zher',
    kind: 'state_programme',
    title: { kk: '«Нұрлы жер» тұрғын үй құрылысы бағдарламасы', ru: 'Программа жилищного строительства «Нұрлы жер»', en: 'Nurly Zher housing programme' },
  },
  {
    slug: 'auyl-el-besigi',
    kind: 'state_programme',
    title: { kk: '«Ауыл – Ел бесігі» жобасы', ru: 'Проект «Ауыл – Ел бесігі»', en: 'Auyl – El Besigi rural development project' },
  },
  {
    slug: 'business-roadmap-2025',
    kind: 'state_programme',
    title: { kk: '«Бизнестің жол картасы – 2025» бағдарламасы', ru: 'Программа «Дорожная карта бизнеса – 2025»', en: 'Business Roadmap 2025 programme' },
  },
  {
    slug: 'digital-kazakhstan',
    kind: 'state_programme',
    title: { kk: '«Цифрлық Қазақстан» бағдарламасы', ru: 'Программа «Цифровой Казахстан»', en: 'Digital Kazakhstan programme' },
  },
  {
    slug: 'law-peaceful-assemblies-2020',
    kind: 'law',
    title: { kk: '«Бейбіт жиналыстар туралы» Заң (2020)', ru: 'Закон «О порядке организации и проведения мирных собраний» (2020)', en: 'Law on peaceful assemblies (2020)' },
  },
  {
    slug: 'administrative-procedure-code-2020',
    kind: 'law',
    title: { kk: 'Әкімшілік рәсімдік-процестік кодекс (2020)', ru: 'Административный процедурно-процессуальный кодекс (2020)', en: 'Administrative Procedure Code (2020)' },
  },
  {
    slug: 'local-issues',
    kind: 'other',
    title: { kk: 'Жергілікті мәселелер: жол, коммуналдық қызмет, абаттандыру', ru: 'Местные вопросы: дороги, коммунальные услуги, благоустройство', en: 'Local issues: roads, utilities, public spaces' },
  },
  {
    slug: 'covid-19',
    kind: 'other',
    title: { kk: 'COVID-19 індетіне қарсы шаралар', ru: 'Меры против пандемии COVID-19', en: 'Measures against COVID-19' },
  },
];

/** Adds the seeded topics that are missing (by slug); answers how many were added. */
export async function seedOutreachTopics(db: Db): Promise<{ topicsAdded: number }> {
  const topicsAdded = await repo.insertTopicsIfMissing(
    db,
    seedTopics.map((t, i) => ({ slug: t.slug, kind: t.kind, title: t.title, position: (i + 1) * 10 })),
  );
  return { topicsAdded };
}
