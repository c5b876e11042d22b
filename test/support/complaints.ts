/** The complaints area's test setup: categories, the 2026 calendar, agency heads, a valid filing. */
import { readFileSync } from 'node:fs';
import type { HolidayCalendar } from '../../shared/calendar/rules.js';
import { saveCalendar } from '../../shared/calendar/store.js';
import { defaultCategories } from '../../shared/complaints/categories.js';
import { categoryItem } from '../../shared/complaints/store.js';
import { agencyItem, putAll } from '../../shared/employees/store.js';
import type { Db } from '../../shared/platform/dynamo.js';
import { NIP } from './org.js';

export const holidays2026 = JSON.parse(
  readFileSync(new URL('../../data/holidays-2026.json', import.meta.url), 'utf8'),
) as HolidayCalendar;

/** Categories, the real 2026 calendar, DPU with its head, and the other agencies categories route to. */
export const seedComplaintSetup = async (db: Db): Promise<void> => {
  await putAll(db, [
    ...defaultCategories(new Date('2026-01-01T00:00:00.000Z')).map(categoryItem),
    agencyItem({
      agencyId: 'DPU',
      code: 'DPU',
      name: 'Dinas Pekerjaan Umum',
      kind: 'DEPARTMENT',
      headNip: NIP.dpuHead,
    }),
    ...['DISPERKIM', 'DISHUB', 'DLH', 'SATPOLPP', 'DISDUKCAPIL', 'BPBD'].map((code) =>
      agencyItem({ agencyId: code, code, name: `Agency ${code}`, kind: 'DEPARTMENT' }),
    ),
  ]);
  await saveCalendar(db, {
    year: 2026,
    nationalHolidays: [...holidays2026.nationalHolidays],
    cutiBersama: [...holidays2026.cutiBersama],
    source: holidays2026.source,
    version: 1,
    updatedAt: '2026-01-01T00:00:00.000Z',
  });
};

/** Personal data that must never reach a log, a public answer or an officer. */
export const REPORTER = {
  name: 'Sulastri Widyaningsih',
  nik: '3374015507880003',
  phone: '081234567890',
  email: 'sulastri.w@example.id',
} as const;

/** A valid filing (roads, inside the city, with the reporter's details). */
export const filing = (extra: Record<string, unknown> = {}) => ({
  category: 'JALAN_RUSAK',
  description: 'Jalan berlubang dalam di depan SD Negeri, sudah dua pengendara motor jatuh minggu ini.',
  location: { lat: -7.0565, lng: 110.4381, address: 'Jl. Prof. Soedarto', kelurahan: 'Tembalang' },
  privacy: 'PUBLIC' as const,
  reporter: { ...REPORTER },
  photoUrls: ['https://foto.example.id/lubang-1.jpg'],
  ...extra,
});

export const verification = (extra: Record<string, unknown> = {}) => ({
  title: 'Jalan berlubang di Jl. Prof. Soedarto',
  classification: 'PENGADUAN' as const,
  category: 'JALAN_RUSAK',
  agencyId: 'DPU',
  complexity: 'SIMPLE' as const,
  ...extra,
});
