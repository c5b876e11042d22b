/**
 * Demo data: Semarang's agencies (data/semarang-agencies.json), their units, and a synthetic
 * workforce with a believable hierarchy — agency head → secretary and division heads → section
 * heads → staff and fungsional — with kelas jabatan and golongan to match, about a fifth PPPK,
 * plus one user for every role. Deterministic: the same size always gives the same people.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { saveCalendar } from '../../shared/calendar/store.js';
import type { EmploymentType, FunctionalLevel, PositionType } from '../../shared/employees/rules.js';
import {
  type AgencyRecord,
  agencyItem,
  type EmployeeRecord,
  employeeItem,
  putAll,
  type RoleGrant,
  roleGrantItems,
  type UnitRecord,
  unitItem,
} from '../../shared/employees/store.js';
import type { Db, Item } from '../../shared/platform/dynamo.js';
import { getItem } from '../../shared/platform/records.js';
import type { Role } from '../../shared/platform/roles.js';
import { seedComplaints } from './seed-complaints.js';
import { seedDevelopment } from './seed-development.js';
import { seedIncentives } from './seed-incentives.js';
import { seedPerformance } from './seed-performance.js';

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = join(here, '..', '..', 'data');

export const SEED_MARKER = { pk: 'SEED', sk: 'DEMO' };

export interface DemoUsers {
  /** the first seeded user of each role */
  roles: Record<Role, string>;
  staff: string;
  sectionHead: string;
  divisionHead: string;
  agencyHead: string;
  sekda: string;
  employees: number;
  seededAt: string;
}

/** mulberry32: a small deterministic PRNG */
const prng = (seed: number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const FIRST = [
  'Agus',
  'Budi',
  'Citra',
  'Dewi',
  'Eko',
  'Fitri',
  'Gunawan',
  'Hadi',
  'Indah',
  'Joko',
  'Kartika',
  'Lestari',
  'Muhammad',
  'Nur',
  'Oktavia',
  'Putri',
  'Rahmat',
  'Sri',
  'Teguh',
  'Umi',
  'Wahyu',
  'Yuni',
  'Zainal',
  'Ahmad',
  'Bambang',
  'Dian',
  'Endang',
  'Hendra',
  'Ika',
  'Retno',
  'Siti',
  'Tri',
  'Yusuf',
  'Anisa',
  'Fajar',
  'Rina',
  'Slamet',
  'Wulan',
  'Dwi',
  'Heru',
];
const LAST = [
  'Santoso',
  'Wibowo',
  'Lestari',
  'Pratama',
  'Saputra',
  'Hidayat',
  'Setiawan',
  'Kurniawan',
  'Susanti',
  'Rahayu',
  'Nugroho',
  'Wijaya',
  'Purnomo',
  'Handayani',
  'Utomo',
  'Sulistyo',
  'Permata',
  'Hartono',
  'Maharani',
  'Prasetyo',
  'Suryani',
  'Ramadhan',
  'Yulianto',
  'Anggraini',
  'Firmansyah',
  'Haryanto',
  'Wardani',
  'Sembiring',
  'Kusuma',
  'Fauzi',
];

interface Slot {
  positionType: PositionType;
  title: string;
  jobClass: number;
  unitId: string;
  reviewer?: number; // index of the reviewer slot in the agency
  functionalLevel?: FunctionalLevel;
  pppkAllowed: boolean;
}

const pnsGrade = (jobClass: number, r: () => number): string => {
  if (jobClass >= 14) return ['IV/c', 'IV/d'][Math.floor(r() * 2)] as string;
  if (jobClass >= 12) return ['IV/a', 'IV/b'][Math.floor(r() * 2)] as string;
  if (jobClass >= 9) return ['III/c', 'III/d', 'IV/a'][Math.floor(r() * 3)] as string;
  if (jobClass >= 7) return ['III/a', 'III/b', 'III/c'][Math.floor(r() * 3)] as string;
  return ['II/a', 'II/b', 'II/c', 'II/d', 'III/a'][Math.floor(r() * 5)] as string;
};
const pppkGrade = (jobClass: number): string => (jobClass >= 8 ? 'IX' : jobClass >= 6 ? 'VII' : 'V');

interface AgencySource {
  code: string;
  name: string;
  kind: string;
}

export const loadAgencies = (): AgencySource[] =>
  (JSON.parse(readFileSync(join(dataDir, 'semarang-agencies.json'), 'utf8')) as { agencies: AgencySource[] })
    .agencies;

/** How many people each agency gets (education and health are the largest employers). */
const shares = (agencies: AgencySource[], total: number): number[] => {
  const byCode: Record<string, number> = { DISDIK: 6, DKK: 4, DPU: 2.5, SETDA: 2 };
  const byKind: Record<string, number> = { HOSPITAL: 3, DISTRICT: 1.2 };
  const weight = (a: AgencySource) => byCode[a.code] ?? byKind[a.kind] ?? 1;
  const sum = agencies.reduce((s, a) => s + weight(a), 0);
  // Every agency needs at least a head and a secretary; larger cities get fuller agencies.
  const floor = Math.max(2, Math.min(8, Math.floor(total / agencies.length)));
  const out = agencies.map((a) => Math.max(floor, Math.floor((total * weight(a)) / sum)));
  let diff = total - out.reduce((s, n) => s + n, 0);
  while (diff !== 0) {
    const before = diff;
    for (let i = 0; i < agencies.length && diff !== 0; i++) {
      const step = diff > 0 ? 1 : -1;
      if (step < 0 && (out[i] as number) <= floor) continue;
      out[i] = (out[i] as number) + step;
      diff -= step;
    }
    if (diff === before) throw new Error(`cannot spread ${total} employees over ${agencies.length} agencies`);
  }
  return out;
};

/** The positions of one agency of `size` people; slot 0 is the head. */
const agencySlots = (a: AgencySource, size: number): { units: UnitRecord[]; slots: Slot[] } => {
  const district = a.kind === 'DISTRICT';
  const divisions = Math.max(1, Math.min(6, Math.round(size / 30)));
  const units: UnitRecord[] = [
    { unitId: `${a.code}-PIMPINAN`, agencyId: a.code, name: `Pimpinan ${a.name}` },
    { unitId: `${a.code}-SEKRE`, agencyId: a.code, name: 'Sekretariat', parentUnitId: `${a.code}-PIMPINAN` },
  ];
  const slots: Slot[] = [
    {
      positionType: 'JPT',
      title: district ? 'Camat' : `Kepala ${a.name}`,
      jobClass: district ? 13 : 14,
      unitId: `${a.code}-PIMPINAN`,
      pppkAllowed: false,
    },
    {
      positionType: 'ADMINISTRATOR',
      title: 'Sekretaris',
      jobClass: 12,
      unitId: `${a.code}-SEKRE`,
      reviewer: 0,
      pppkAllowed: false,
    },
  ];
  const divisionHeads: number[] = [];
  const sectionHeads: number[] = [];
  for (let d = 1; d <= divisions && slots.length < size; d++) {
    const unitId = `${a.code}-B${d}`;
    units.push({
      unitId,
      agencyId: a.code,
      name: district ? `Seksi ${d}` : `Bidang ${d}`,
      parentUnitId: `${a.code}-PIMPINAN`,
    });
    divisionHeads.push(slots.length);
    slots.push({
      positionType: 'ADMINISTRATOR',
      title: district ? `Kepala Seksi ${d}` : `Kepala Bidang ${d}`,
      jobClass: 11,
      unitId,
      reviewer: 0,
      pppkAllowed: false,
    });
  }
  for (const [d, head] of divisionHeads.entries()) {
    for (let s = 1; s <= 2 && slots.length < size; s++) {
      const unitId = `${a.code}-B${d + 1}-S${s}`;
      units.push({
        unitId,
        agencyId: a.code,
        name: `Subbidang ${d + 1}.${s}`,
        parentUnitId: `${a.code}-B${d + 1}`,
      });
      sectionHeads.push(slots.length);
      slots.push({
        positionType: 'PENGAWAS',
        title: `Kepala Subbidang ${d + 1}.${s}`,
        jobClass: 9,
        unitId,
        reviewer: head,
        pppkAllowed: false,
      });
    }
  }
  const levels: FunctionalLevel[] = ['AHLI_PERTAMA', 'AHLI_MUDA', 'AHLI_MADYA', 'TERAMPIL', 'MAHIR'];
  for (let i = 0; slots.length < size; i++) {
    const fungsional = i % 10 >= 7 && divisionHeads.length > 0;
    if (fungsional) {
      const head = divisionHeads[i % divisionHeads.length] as number;
      const level = levels[i % levels.length] as FunctionalLevel;
      const jobClass = { AHLI_PERTAMA: 8, AHLI_MUDA: 9, AHLI_MADYA: 11, TERAMPIL: 6, MAHIR: 7 }[
        level as 'AHLI_PERTAMA'
      ];
      slots.push({
        positionType: 'FUNGSIONAL',
        title: `Analis Kebijakan ${level.replace('_', ' ').toLowerCase()}`,
        jobClass,
        unitId: (slots[head] as Slot).unitId,
        reviewer: head,
        functionalLevel: level,
        pppkAllowed: true,
      });
    } else {
      const head = sectionHeads.length ? (sectionHeads[i % sectionHeads.length] as number) : 1;
      slots.push({
        positionType: 'PELAKSANA',
        title: [
          'Pengadministrasi Umum',
          'Pengelola Data',
          'Pengolah Data dan Informasi',
          'Penata Layanan Operasional',
        ][i % 4] as string,
        jobClass: 5 + (i % 3),
        unitId: (slots[head] as Slot).unitId,
        reviewer: head,
        pppkAllowed: true,
      });
    }
  }
  return { units, slots };
};

export interface SeedPlan {
  agencies: AgencyRecord[];
  units: UnitRecord[];
  employees: EmployeeRecord[];
  demo: DemoUsers;
}

/** Builds the whole workforce in memory (15,000 employees is ~30 MB: fine for a seed). */
export const planSeed = (total: number, now: Date): SeedPlan => {
  const r = prng(2026);
  const sources = loadAgencies();
  const sizes = shares(sources, total);
  const usedNips = new Set<string>();
  const at = now.toISOString();
  const nipFor = (type: EmploymentType): string => {
    for (;;) {
      const y = 1966 + Math.floor(r() * 34);
      const m = 1 + Math.floor(r() * 12);
      const d = 1 + Math.floor(r() * 28);
      const tmtY = Math.min(2025, y + 22 + Math.floor(r() * 10));
      const tmtM = 1 + Math.floor(r() * 12);
      const sex = r() < 0.5 ? '1' : '2';
      const seq = String(1 + Math.floor(r() * 999)).padStart(3, '0');
      const pad = (n: number) => String(n).padStart(2, '0');
      const nip = `${y}${pad(m)}${pad(d)}${type === 'PNS' ? `${tmtY}${pad(tmtM)}` : `2022${pad(tmtM)}`}${sex}${seq}`;
      if (!usedNips.has(nip)) {
        usedNips.add(nip);
        return nip;
      }
    }
  };
  const agencies: AgencyRecord[] = [];
  const units: UnitRecord[] = [];
  const employees: EmployeeRecord[] = [];
  const heads = new Map<string, EmployeeRecord[]>();
  sources.forEach((a, ai) => {
    const { units: us, slots } = agencySlots(a, sizes[ai] as number);
    units.push(...us);
    const people: EmployeeRecord[] = [];
    for (const slot of slots) {
      const type: EmploymentType =
        slot.pppkAllowed && r() < 0.25 ? (r() < 0.2 ? 'PPPK_PART_TIME' : 'PPPK') : 'PNS';
      const grade = type === 'PNS' ? pnsGrade(slot.jobClass, r) : pppkGrade(slot.jobClass);
      const name = `${FIRST[Math.floor(r() * FIRST.length)]} ${LAST[Math.floor(r() * LAST.length)]}`;
      const position = {
        agencyId: a.code,
        unitId: slot.unitId,
        positionTitle: slot.title,
        positionType: slot.positionType,
        jobClass: slot.jobClass,
        grade,
        ...(slot.functionalLevel ? { functionalLevel: slot.functionalLevel } : {}),
      };
      people.push({
        nip: nipFor(type),
        name,
        employmentType: type,
        ...position,
        reviewerNip: slot.reviewer === undefined ? undefined : (people[slot.reviewer] as EmployeeRecord).nip,
        statusPeriods: [],
        positionHistory: [{ effectiveFrom: '2026-01-01', ...position }],
        roleGrants: [],
        version: 1,
        createdAt: at,
        updatedAt: at,
      });
    }
    const head = people[0] as EmployeeRecord;
    agencies.push({
      agencyId: a.code,
      code: a.code,
      name: a.name,
      kind: a.kind,
      headNip: head.nip,
      version: 1,
    });
    for (const u of us) {
      const unitHead = people.find(
        (p) => p.unitId === u.unitId && p.positionType !== 'PELAKSANA' && p.positionType !== 'FUNGSIONAL',
      );
      if (unitHead) u.headNip = unitHead.nip;
    }
    heads.set(a.code, people);
    employees.push(...people);
  });
  // Every chain ends at the Sekda (head of SETDA); agency heads report to the Sekda.
  const sekda = (heads.get('SETDA') as EmployeeRecord[])[0] as EmployeeRecord;
  sekda.positionTitle = 'Sekretaris Daerah';
  sekda.jobClass = 15;
  (sekda.positionHistory[0] as { positionTitle: string; jobClass: number }).positionTitle =
    'Sekretaris Daerah';
  (sekda.positionHistory[0] as { positionTitle: string; jobClass: number }).jobClass = 15;
  for (const [code, people] of heads)
    if (code !== 'SETDA') (people[0] as EmployeeRecord).reviewerNip = sekda.nip;

  // One user per role: staff members of the agencies that play it.
  const pick = (code: string, offset = 0): EmployeeRecord => {
    const people = heads.get(code) ?? (heads.get('SETDA') as EmployeeRecord[]);
    const staff = people.filter((p) => p.positionType === 'PELAKSANA' && p.employmentType === 'PNS');
    return (staff[offset % Math.max(1, staff.length)] ?? people.at(-1)) as EmployeeRecord;
  };
  const grant = (e: EmployeeRecord, g: RoleGrant) => {
    if (!e.roleGrants.some((x) => x.role === g.role)) e.roleGrants.push(g);
  };
  const roles = {} as Record<Role, string>;
  const hr = pick('BKPP');
  grant(hr, { role: 'HR_ADMIN' });
  roles.HR_ADMIN = hr.nip;
  const finance = pick('BPKAD');
  grant(finance, { role: 'FINANCE' });
  roles.FINANCE = finance.nip;
  const auditor = pick('INSPEKTORAT');
  grant(auditor, { role: 'AUDITOR' });
  roles.AUDITOR = auditor.nip;
  const desk = pick('DISKOMINFO');
  grant(desk, { role: 'COMPLAINT_DESK' });
  roles.COMPLAINT_DESK = desk.nip;
  for (const a of sources) {
    const admin = pick(a.code, 1);
    grant(admin, { role: 'AGENCY_ADMIN', agencyId: a.code });
    if (a.kind === 'DEPARTMENT' || a.kind === 'DISTRICT')
      grant(pick(a.code, 2), { role: 'COMPLAINT_OFFICER', agencyId: a.code });
  }
  roles.AGENCY_ADMIN = pick('DPU', 1).nip;
  roles.COMPLAINT_OFFICER = pick('DPU', 2).nip;
  const dpu = heads.get('DPU') as EmployeeRecord[];
  const free = (type: string) =>
    dpu.find((p) => p.positionType === type && p.roleGrants.length === 0 && p.reviewerNip);
  const staff = (free('PELAKSANA') ?? free('FUNGSIONAL') ?? free('PENGAWAS')) as EmployeeRecord;
  roles.EMPLOYEE = staff.nip;
  const sectionHead = dpu.find((p) => p.nip === staff.reviewerNip) as EmployeeRecord;
  const divisionHead = dpu.find((p) => p.nip === sectionHead.reviewerNip) as EmployeeRecord;
  return {
    agencies,
    units,
    employees,
    demo: {
      roles,
      staff: staff.nip,
      sectionHead: sectionHead.nip,
      divisionHead: divisionHead.nip,
      agencyHead: (dpu[0] as EmployeeRecord).nip,
      sekda: sekda.nip,
      employees: employees.length,
      seededAt: at,
    },
  };
};

export const getDemoUsers = async (db: Db): Promise<DemoUsers | undefined> => {
  const item = await getItem(db, SEED_MARKER);
  return item?.demo as DemoUsers | undefined;
};

/** The areas' demo seeds, in order (performance before the areas that read predikat). */
const AREA_SEEDS: Array<[string, (db: Db, plan: SeedPlan, now: Date) => Promise<unknown>]> = [
  ['performance', seedPerformance],
  ['complaints', seedComplaints],
  ['incentives', seedIncentives],
  ['development', seedDevelopment],
];

export interface SeedOptions {
  employees: number;
  /** called as each area's demo data starts */
  onArea?: (area: string) => void;
  now?: Date;
  progress?: (done: number, total: number) => void;
}

/** Writes the plan in batches; the demo marker goes last, so an interrupted seed runs again. */
export const seed = async (db: Db, options: SeedOptions) => {
  const now = options.now ?? new Date();
  const plan = planSeed(options.employees, now);
  const items: Item[] = [
    ...plan.agencies.map(agencyItem),
    ...plan.units.map(unitItem),
    ...plan.employees.flatMap((e) => [employeeItem(e), ...roleGrantItems(e.nip, e.roleGrants)]),
  ];
  const chunk = 1000;
  for (let i = 0; i < items.length; i += chunk) {
    await putAll(db, items.slice(i, i + chunk));
    options.progress?.(Math.min(i + chunk, items.length), items.length);
  }
  const holidays = JSON.parse(readFileSync(join(dataDir, 'holidays-2026.json'), 'utf8'));
  await saveCalendar(db, {
    year: 2026,
    nationalHolidays: holidays.nationalHolidays,
    cutiBersama: holidays.cutiBersama,
    source: holidays.source,
    version: 1,
    updatedAt: now.toISOString(),
  }).catch((e: { code?: string }) => {
    if (e.code !== 'ALREADY_EXISTS') throw e;
  });
  // Each area's demo data, through its own use cases and stores (they need the workforce above).
  // Area demo data goes in once per table: the areas create records with fresh ids (trainings,
  // complaints), so a second seed of the same table must not add them twice.
  const alreadySeeded = (await getItem(db, SEED_MARKER)) !== undefined;
  const areas: Record<string, unknown> = {};
  for (const [area, seedArea] of alreadySeeded ? [] : AREA_SEEDS) {
    options.onArea?.(area);
    areas[area] = await seedArea(db, plan, now);
  }
  await putAll(db, [{ ...SEED_MARKER, type: 'SEED', demo: plan.demo }]);
  return {
    agencies: plan.agencies.length,
    units: plan.units.length,
    employees: plan.employees.length,
    items: items.length,
    demo: plan.demo,
    areas,
  };
};
