/**
 * Demo data of the complaints area: the default categories, and a few complaints in various
 * states (one of each status, one CONFIDENTIAL), written as the lifecycle would have left them.
 * Run after the organisation and the 2026 calendar are seeded (`seed.ts`).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { calendarsByYear, type HolidayCalendar } from '../../shared/calendar/rules.js';
import { getCalendars } from '../../shared/calendar/store.js';
import { defaultCategories } from '../../shared/complaints/categories.js';
import type { Complaint, ComplaintEvent } from '../../shared/complaints/lifecycle.js';
import * as life from '../../shared/complaints/lifecycle.js';
import { newCode, newSecret } from '../../shared/complaints/secrets.js';
import { categoryItem, complaintItem, eventItems, feedItem } from '../../shared/complaints/store.js';
import { putAll } from '../../shared/employees/store.js';
import type { Db, Item } from '../../shared/platform/dynamo.js';
import type { SeedPlan } from './seed.js';

const here = dirname(fileURLToPath(import.meta.url));

export interface SeededComplaint {
  trackingCode: string;
  status: Complaint['status'];
  privacy: Complaint['privacy'];
  /** the demo reporter's secret, so that the demo can show the reporter's side */
  reporterSecret: string;
}

const HOUR = 3_600_000;

export const seedComplaints = async (db: Db, plan: SeedPlan, now: Date): Promise<SeededComplaint[]> => {
  const categories = defaultCategories(now);
  const stored = await getCalendars(db, [2026, 2027]);
  const file = JSON.parse(
    readFileSync(join(here, '..', '..', 'data', 'holidays-2026.json'), 'utf8'),
  ) as HolidayCalendar;
  const calendars = stored.size > 0 ? stored : calendarsByYear([file]);
  const desk = plan.demo.roles.COMPLAINT_DESK;
  const officerOf = (agencyId: string) =>
    plan.employees.find((e) =>
      e.roleGrants.some((g) => g.role === 'COMPLAINT_OFFICER' && g.agencyId === agencyId),
    )?.nip ?? desk;
  const items: Item[] = categories.map(categoryItem);
  const out: SeededComplaint[] = [];

  const at = (hoursAgo: number) => ({ now: new Date(now.getTime() - hoursAgo * HOUR), calendars });
  type Plan = {
    category: string;
    privacy?: Complaint['privacy'];
    description: string;
    location: life.Location;
    /** hours ago it was filed, and how far along it went */
    age: number;
    upTo: 'SUBMITTED' | 'VERIFIED' | 'IN_PROGRESS' | 'RESPONDED' | 'CLOSED' | 'REJECTED';
  };
  const plans: Plan[] = [
    {
      category: 'JALAN_RUSAK',
      description:
        'Jalan berlubang cukup dalam di depan pasar, membahayakan pengendara motor pada malam hari.',
      location: { lat: -7.0565, lng: 110.4381, address: 'Jl. Prof. Soedarto', kelurahan: 'Tembalang' },
      age: 3,
      upTo: 'SUBMITTED',
    },
    {
      category: 'DRAINASE',
      description: 'Saluran air di gang tersumbat sampah; setiap hujan deras air meluap ke rumah warga.',
      location: { address: 'Jl. Kaligawe Raya gang 3', kelurahan: 'Terboyo Kulon' },
      age: 30,
      upTo: 'VERIFIED',
    },
    {
      category: 'PJU',
      description: 'Tiga lampu penerangan jalan umum padam sejak seminggu, jalan menjadi gelap dan rawan.',
      location: { lat: -6.9932, lng: 110.4203, address: 'Jl. Pandanaran', kelurahan: 'Mugasari' },
      age: 80,
      upTo: 'IN_PROGRESS',
    },
    {
      category: 'SAMPAH',
      description: 'Sampah di TPS belum diangkut selama empat hari dan menimbulkan bau menyengat.',
      location: { lat: -6.9825, lng: 110.3921, address: 'TPS Jl. Puspowarno', kelurahan: 'Salamanmloyo' },
      age: 120,
      upTo: 'RESPONDED',
    },
    {
      category: 'LAMPU_LALU_LINTAS',
      description: 'Lampu lalu lintas di simpang lima menyala kuning terus sejak pagi, arus kendaraan kacau.',
      location: { lat: -6.9903, lng: 110.4229, kelurahan: 'Pekunden', address: 'Simpang Lima' },
      age: 400,
      upTo: 'CLOSED',
    },
    {
      category: 'LAINNYA',
      description: 'Iklan produk tanpa alamat yang jelas, tidak berkaitan dengan layanan pemerintah kota.',
      location: { address: 'Jl. Pemuda', kelurahan: 'Sekayu' },
      age: 50,
      upTo: 'REJECTED',
    },
    {
      category: 'KETERTIBAN',
      privacy: 'CONFIDENTIAL',
      description: 'Ada pungutan liar oleh oknum di sekitar pasar setiap pagi terhadap pedagang kecil.',
      location: { lat: -6.9701, lng: 110.4275, address: 'Pasar Johar', kelurahan: 'Kauman' },
      age: 70,
      upTo: 'IN_PROGRESS',
    },
  ];

  for (const p of plans) {
    const category =
      categories.find((c) => c.code === p.category) ?? (categories[0] as (typeof categories)[number]);
    const { secret, stored: hashed } = newSecret();
    const steps: Array<{ complaint: Complaint; events: ComplaintEvent[] }> = [];
    const first = life.submit(
      {
        id: newCode(),
        privacy: p.privacy ?? 'PUBLIC',
        category: category.code,
        description: p.description,
        location: p.location,
        photoUrls: [],
        source: 'WEB',
        secret: hashed,
        hasReporterDetails: false,
        serviceLevel: category.serviceLevel,
        defaultComplexity: category.defaultComplexity,
      },
      at(p.age),
    );
    steps.push(first);
    let c = first.complaint;
    const push = (s: { complaint: Complaint; events: ComplaintEvent[] }) => {
      steps.push(s);
      c = s.complaint;
    };
    if (p.upTo === 'REJECTED') {
      push(life.reject(c, 'Bukan pengaduan layanan publik Pemerintah Kota Semarang.', desk, at(p.age - 2)));
    } else if (p.upTo !== 'SUBMITTED') {
      push(
        life.verify(
          c,
          {
            title: category.name,
            classification: 'PENGADUAN',
            category: category.code,
            agencyId: category.agencyId,
            complexity: category.defaultComplexity,
            serviceLevel: category.serviceLevel,
          },
          desk,
          at(p.age - 4),
        ),
      );
      const officer = officerOf(category.agencyId);
      if (p.upTo !== 'VERIFIED') push(life.acknowledge(c, officer, at(p.age - 20)));
      if (p.upTo === 'RESPONDED' || p.upTo === 'CLOSED') {
        push(
          life.respond(
            c,
            {
              text: 'Petugas sudah menangani di lokasi; mohon konfirmasi bila masalah belum selesai.',
              photoUrls: [],
            },
            officer,
            at(p.age - 40),
          ),
        );
      }
      if (p.upTo === 'CLOSED') push(life.rate(c, 5, true, at(p.age - 50)));
    }
    items.push(complaintItem(c));
    const feed = feedItem(c);
    if (feed) items.push(feed);
    for (const s of steps) items.push(...eventItems(s.complaint, s.events));
    out.push({ trackingCode: c.id, status: c.status, privacy: c.privacy, reporterSecret: secret });
  }
  await putAll(db, items);
  return out;
};
