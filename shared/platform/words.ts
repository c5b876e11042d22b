/**
 * Dates and months as people in Semarang write them: "31 Maret 2026", "31 Maret 2026, 23.59 WIB",
 * "November 2026" (English on request: "31 March 2026, 23:59 WIB"). Business time is WIB (UTC+7).
 */
import { wibDate } from './clock.js';

export type Lang = 'id' | 'en';

const MONTHS: Record<Lang, readonly string[]> = {
  id: [
    'Januari',
    'Februari',
    'Maret',
    'April',
    'Mei',
    'Juni',
    'Juli',
    'Agustus',
    'September',
    'Oktober',
    'November',
    'Desember',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

const monthName = (month: number, lang: Lang): string => MONTHS[lang][month - 1] ?? String(month);

/** "2026-03-31" → "31 Maret 2026" */
export const longDate = (date: string, lang: Lang = 'id'): string => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${d} ${monthName(m, lang)} ${y}`;
};

/** "2026-11" → "November 2026" */
export const monthYear = (period: string, lang: Lang = 'id'): string => {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return `${monthName(m, lang)} ${y}`;
};

/** An instant → "31 Maret 2026, 23.59 WIB" (the time with a dot, as Indonesian style writes it). */
export const wibDateTime = (at: Date, lang: Lang = 'id'): string => {
  const shifted = new Date(at.getTime() + 7 * 3600_000).toISOString();
  const hh = shifted.slice(11, 13);
  const mm = shifted.slice(14, 16);
  return `${longDate(wibDate(at), lang)}, ${hh}${lang === 'id' ? '.' : ':'}${mm} WIB`;
};

/** 1234567 → "Rp1.234.567" (id) or "Rp1,234,567" (en); negative with a minus sign. */
export const rupiah = (n: number, lang: Lang = 'id'): string => {
  const sign = n < 0 ? '−' : '';
  const digits = Math.abs(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'id' ? '.' : ',');
  return `${sign}Rp${digits}`;
};
