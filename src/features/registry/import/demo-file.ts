// Demo deputies files for the tests, the browser test and the bench: made-up people (never real
// ones) with valid IINs, written as the template's XLSX or as CSV. Deterministic: the same count
// gives the same file.
import { loadExcel } from '../../../core/lazy-modules.js';
import type { StoredLanguage } from '../../../core/i18n/localized-text.js';
import { columns, type ColumnKey } from './columns.js';
import { makeIin } from './iin.js';

export type DeputyFileRow = Partial<Record<ColumnKey, string | number>>;

const kkToRu: Record<string, string> = { ә: 'а', ғ: 'г', қ: 'к', ң: 'н', ө: 'о', ұ: 'у', ү: 'у', һ: 'х', і: 'и', Ә: 'А', Ғ: 'Г', Қ: 'К', Ң: 'Н', Ө: 'О', Ұ: 'У', Ү: 'У', Һ: 'Х', І: 'И' };
/** A Kazakh name as Russian spelling writes it. */
export const russianSpelling = (name: string): string => name.replace(/[әғқңөұүһіӘҒҚҢӨҰҮҺІ]/g, (c) => kkToRu[c]!);

const maleNames = ['Асқар', 'Бауыржан', 'Ержан', 'Нұрлан', 'Серік', 'Дәурен', 'Ғалым', 'Қайрат', 'Марат', 'Талғат', 'Ерлан', 'Мұрат', 'Санжар', 'Әділ', 'Бекзат', 'Айдос', 'Жандос', 'Ақылбек', 'Рүстем', 'Тимур'];
const femaleNames = ['Айгүл', 'Гүлнар', 'Динара', 'Әсем', 'Жанар', 'Сәуле', 'Мәдина', 'Айнұр', 'Ботагөз', 'Гүлмира', 'Ләззат', 'Назгүл', 'Ақмарал', 'Дана', 'Аружан', 'Салтанат', 'Жұлдыз', 'Бақыт', 'Гаухар', 'Айым'];
const familyNames = ['Әбенов', 'Бекмұхамедов', 'Жұмабаев', 'Қасымов', 'Омаров', 'Серікбаев', 'Төлеуов', 'Ахметов', 'Нұрғалиев', 'Сейітов', 'Исабеков', 'Мұқашев', 'Байжанов', 'Оспанов', 'Тұрсынов', 'Ермеков', 'Рахымов', 'Жақсылықов', 'Сәрсенбаев', 'Шәкенов'];

/** The district and city maslikhats of West Kazakhstan Region, in Kazakh and Russian. */
export const westKazakhstanMaslikhats: Record<'kk' | 'ru', string[]> = {
  kk: [
    'Ақжайық аудандық мәслихаты', 'Бәйтерек аудандық мәслихаты', 'Бөкей ордасы аудандық мәслихаты', 'Бөрлі аудандық мәслихаты', 'Жаңақала аудандық мәслихаты',
    'Жәнібек аудандық мәслихаты', 'Қаратөбе аудандық мәслихаты', 'Казталов аудандық мәслихаты', 'Сырым аудандық мәслихаты', 'Тасқала аудандық мәслихаты',
    'Теректі аудандық мәслихаты', 'Шыңғырлау аудандық мәслихаты', 'Орал қалалық мәслихаты',
  ],
  ru: [
    'Акжаикский районный маслихат', 'Байтерекский районный маслихат', 'Бокейординский районный маслихат', 'Бурлинский районный маслихат', 'Жангалинский районный маслихат',
    'Жанибекский районный маслихат', 'Каратобинский районный маслихат', 'Казталовский районный маслихат', 'Сырымский районный маслихат', 'Таскалинский районный маслихат',
    'Теректинский районный маслихат', 'Чингирлауский районный маслихат', 'Уральский городской маслихат',
  ],
};

const parties: Record<StoredLanguage, string[]> = {
  kk: ['AMANAT', 'AMANAT', 'AMANAT', 'Ақ жол', 'Ауыл', 'Respublica', 'Қазақстан Халық партиясы', ''],
  ru: ['AMANAT', 'AMANAT', 'AMANAT', 'Ак жол', 'Ауыл', 'Respublica', 'Народная партия Казахстана', ''],
  en: ['AMANAT', 'AMANAT', 'AMANAT', 'Ak Zhol', 'Auyl', 'Respublica', "People's Party of Kazakhstan", ''],
};

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const dmy = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/**
 * `count` made-up deputies, spread evenly over the maslikhat imported into ('' in the maslikhat
 * column) and the named ones under it. Every other deputy has an electoral district; the rest come
 * from party lists. `offset` makes another, disjoint set of people.
 */
export function demoDeputies(count: number, options: { lang?: 'kk' | 'ru'; maslikhats?: string[]; offset?: number } = {}): DeputyFileRow[] {
  const lang = options.lang ?? 'kk';
  const groups = ['', ...(options.maslikhats ?? [])];
  const perGroup = Math.ceil(count / groups.length);
  const spell = (s: string) => (lang === 'ru' ? russianSpelling(s) : s);
  const rows: DeputyFileRow[] = [];
  for (let n = 0; n < count; n++) {
    const i = n + (options.offset ?? 0);
    const female = i % 2 === 1;
    const given = (female ? femaleNames : maleNames)[Math.floor(i / 2) % 20]!;
    const family = familyNames[(i + Math.floor(i / 400)) % 20]! + (female ? 'а' : '');
    const father = maleNames[Math.floor(i / 40) % 20]!;
    const patronymic = lang === 'ru' ? `${spell(father)}${female ? 'овна' : 'ович'}` : `${father} ${female ? 'қызы' : 'ұлы'}`;
    const birthDate = addDays('1958-01-01', (i * 7919) % 15_000);
    let iin: string | null = null;
    for (let serial = (i * 2) % 10_000; !iin; serial++) iin = makeIin(birthDate, female ? 'female' : 'male', serial);
    const group = Math.floor(n / perGroup);
    const seat = (n % perGroup) + 1;
    rows.push({
      familyName: spell(family),
      givenName: spell(given),
      patronymic,
      birthDate: dmy(birthDate),
      iin,
      maslikhat: groups[group] ?? '',
      district: seat % 2 === 1 ? Math.ceil(seat / 2) : '',
      party: seat % 2 === 1 ? parties[lang][i % 8]! : parties[lang][i % 7]!,
    });
  }
  return rows;
}

/** An XLSX with the template's headers in the language; "DD.MM.YYYY" dates become date cells, as Excel makes them. */
export async function deputiesWorkbook(rows: DeputyFileRow[], lang: StoredLanguage): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  const sheet = workbook.addWorksheet('Deputies');
  sheet.columns = columns.map((c) => ({ header: c.header[lang], key: c.key, width: c.width }));
  for (const row of rows) {
    const values: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(row)) {
      const date = typeof value === 'string' ? /^(\d\d)\.(\d\d)\.(\d{4})$/.exec(value) : null;
      const asDate = date ? new Date(Date.UTC(Number(date[3]), Number(date[2]) - 1, Number(date[1]))) : null;
      // Only a real date becomes a date cell; "31.02.1980" stays text, as Excel leaves it.
      values[key] = asDate && asDate.getUTCDate() === Number(date![1]) && (key === 'birthDate' || key === 'startDate') ? asDate : value;
    }
    sheet.addRow(values);
  }
  for (const key of ['birthDate', 'startDate']) sheet.getColumn(key).numFmt = 'dd.mm.yyyy';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A CSV with the template's headers in the language, as Excel saves it ("CSV UTF-8": BOM and semicolons). */
export function deputiesCsv(rows: DeputyFileRow[], lang: StoredLanguage, options: { delimiter?: ';' | ','; bom?: boolean } = {}): Buffer {
  const delimiter = options.delimiter ?? ';';
  const quote = (v: unknown) => {
    const s = v === undefined || v === null ? '' : String(v);
    return /["\r\n;,]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const lines = [columns.map((c) => quote(c.header[lang])).join(delimiter), ...rows.map((r) => columns.map((c) => quote(r[c.key])).join(delimiter))];
  return Buffer.from(`${options.bom === false ? '' : '\uFEFF'}${lines.join('\r\n')}\r\n`, 'utf8');
}
