// The reference calendar's day names (English in the CSV) in kk, ru and en: a table of the holidays
// and the three patterns of transfers. Used by the seed; administrators edit names afterwards.
import type { LocalizedText } from '../../core/i18n/localized-text.js';

type Names = { kk: string; ru: string; en: string };

const holidays: Record<string, Names> = {
  'New Year': { kk: 'Жаңа жыл', ru: 'Новый год', en: 'New Year' },
  'New Year (day 2)': { kk: 'Жаңа жыл (екінші күні)', ru: 'Новый год (второй день)', en: 'New Year (day 2)' },
  'Orthodox Christmas (religious holiday; day off, never moved)': { kk: 'Православиелік Рождество', ru: 'Православное Рождество', en: 'Orthodox Christmas' },
  "International Women's Day": { kk: 'Халықаралық әйелдер күні', ru: 'Международный женский день', en: "International Women's Day" },
  'Nauryz meyramy': { kk: 'Наурыз мейрамы', ru: 'Наурыз мейрамы', en: 'Nauryz meyramy' },
  "Kazakhstan People's Unity Day": { kk: 'Қазақстан халқының бірлігі мерекесі', ru: 'Праздник единства народа Казахстана', en: "Kazakhstan People's Unity Day" },
  'Defender of the Fatherland Day': { kk: 'Отан қорғаушы күні', ru: 'День защитника Отечества', en: 'Defender of the Fatherland Day' },
  'Victory Day': { kk: 'Жеңіс күні', ru: 'День Победы', en: 'Victory Day' },
  'Capital City Day': { kk: 'Астана күні', ru: 'День столицы', en: 'Capital City Day' },
  'Constitution Day': { kk: 'Конституция күні', ru: 'День Конституции', en: 'Constitution Day' },
  'Constitution Day (new date under the 2026 Constitution)': {
    kk: 'Конституция күні (2026 жылғы Конституция бойынша жаңа күні)',
    ru: 'День Конституции (новая дата по Конституции 2026 года)',
    en: 'Constitution Day (new date under the 2026 Constitution)',
  },
  'Day of the Republic of Kazakhstan (Republic Day, renamed 2026)': { kk: 'Қазақстан Республикасы күні', ru: 'День Республики Казахстан', en: 'Day of the Republic of Kazakhstan' },
  'Republic Day': { kk: 'Республика күні', ru: 'День Республики', en: 'Republic Day' },
  "First President's Day (abolished from 2022)": { kk: 'Тұңғыш Президент күні', ru: 'День Первого Президента', en: "First President's Day" },
  'Independence Day': { kk: 'Тәуелсіздік күні', ru: 'День Независимости', en: 'Independence Day' },
  'Independence Day (day 2; dropped from 2022)': { kk: 'Тәуелсіздік күні (екінші күні)', ru: 'День Независимости (второй день)', en: 'Independence Day (day 2)' },
  'Kurban Ait, first day (religious holiday; day off, never moved)': { kk: 'Құрбан айт, бірінші күні', ru: 'Курбан айт, первый день', en: 'Kurban Ait, first day' },
  'Kurban Ait, first day (religious holiday; day off, never moved) - ESTIMATED': {
    kk: 'Құрбан айт, бірінші күні (болжалды күні)',
    ru: 'Курбан айт, первый день (предположительная дата)',
    en: 'Kurban Ait, first day (estimated date)',
  },
};

const numeric = (date: string) => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;

/** The day's name in three languages, or undefined when the English name is not one we know. */
export function translateDayName(nameEn: string): LocalizedText | undefined {
  const known = holidays[nameEn];
  if (known) return { ...known };
  let m = /^Day off in lieu of (.+) (\d{4}-\d{2}-\d{2}) \(fell on (?:Sat|Sun)\)$/.exec(nameEn);
  const holiday = m ? holidays[m[1] ?? ''] : undefined;
  if (m && holiday) {
    const day = numeric(m[2] ?? '');
    return {
      kk: `«${holiday.kk}» мерекесінің (${day}) орнына демалыс күні`,
      ru: `Выходной день вместо праздника «${holiday.ru}» (${day})`,
      en: `Day off in lieu of ${holiday.en} (${m[2]})`,
    };
  }
  m = /^Bridge day off moved from (\d{4}-\d{2}-\d{2}) \(\w+\)$/.exec(nameEn);
  if (m) {
    const day = numeric(m[1] ?? '');
    return { kk: `${day} күнінен ауыстырылған демалыс күні`, ru: `Выходной день, перенесённый с ${day}`, en: `Day off moved from ${m[1]}` };
  }
  m = /^Working day \(its day off moved to (\d{4}-\d{2}-\d{2})\)$/.exec(nameEn);
  if (m) {
    const day = numeric(m[1] ?? '');
    return { kk: `Жұмыс күні (демалыс ${day} күніне ауыстырылды)`, ru: `Рабочий день (выходной перенесён на ${day})`, en: `Working day (its day off moved to ${m[1]})` };
  }
  return undefined;
}
