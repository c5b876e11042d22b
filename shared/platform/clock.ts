/**
 * Time. Use cases take a clock; HTTP handlers pass the request time, jobs the scheduled event's time.
 * Business dates are Asia/Jakarta (WIB, UTC+7 all year: Indonesia has no daylight saving).
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
export const fixedClock =
  (iso: string): Clock =>
  () =>
    new Date(iso);

const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The WIB calendar date (YYYY-MM-DD) of an instant. */
export const wibDate = (at: Date): string =>
  new Date(at.getTime() + WIB_OFFSET_MS).toISOString().slice(0, 10);

/** The instant a WIB date starts (00:00:00.000 WIB). */
export const startOfWibDay = (date: string): Date => new Date(`${date}T00:00:00.000+07:00`);

/** The last instant of a WIB date (23:59:59.999 WIB). */
export const endOfWibDay = (date: string): Date => new Date(`${date}T23:59:59.999+07:00`);

/** True for a real calendar date written YYYY-MM-DD. */
export const isIsoDate = (value: string): boolean => {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const d = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
};

/** Adds calendar days to a YYYY-MM-DD date. */
export const addDays = (date: string, days: number): string => {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** 0 = Sunday … 6 = Saturday, for a YYYY-MM-DD date. */
export const dayOfWeek = (date: string): number => new Date(`${date}T00:00:00.000Z`).getUTCDay();

/** The last day (YYYY-MM-DD) of the month of a YYYY-MM period. */
export const lastDayOfMonth = (period: string): string => {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};
