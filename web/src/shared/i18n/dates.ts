/** Dates as people in Semarang write them: "31 Maret 2026, 23.59 WIB" (Asia/Jakarta, UTC+7). */
import type { Lang } from './dictionary.js';

const parts = (iso: string, lang: Lang, withTime: boolean): Record<string, string> => {
  const format = new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', {
    timeZone: 'Asia/Jakarta',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const } : {}),
  });
  return Object.fromEntries(format.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
};

/** 31 Maret 2026, 23.59 WIB (English: 31 March 2026, 23:59 WIB) */
export const formatDateTime = (iso: string, lang: Lang): string => {
  const p = parts(iso, lang, true);
  return `${p.day} ${p.month} ${p.year}, ${p.hour}${lang === 'id' ? '.' : ':'}${p.minute} WIB`;
};

/** 31 Maret 2026 */
export const formatDate = (iso: string, lang: Lang): string => {
  const p = parts(iso, lang, false);
  return `${p.day} ${p.month} ${p.year}`;
};
