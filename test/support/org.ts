import { tokenClaims } from '../../shared/employees/claims.js';
import {
  agencyItem,
  type EmployeeRecord,
  employeeItem,
  putAll,
  type RoleGrant,
  roleGrantItems,
  unitItem,
} from '../../shared/employees/store.js';
import type { Actor } from '../../shared/platform/actor.js';
import type { Db } from '../../shared/platform/dynamo.js';
import type { Role } from '../../shared/platform/roles.js';

/** NIPs of the small test organisation (valid PNS layouts). */
export const NIP = {
  dpuHead: '197001011995031001',
  division: '197502022000031002',
  section: '198003032005032003',
  staff: '199004042015031004',
  staff2: '199105052016032005',
  dpuAdmin: '198806062012031006',
  hr: '198507072010032007',
  auditor: '198208082008031008',
  dkkAdmin: '198909092014032009',
  finance: '198410102009031010',
  desk: '199211112018032011',
  officer: '199312122019031012',
  sekda: '196801011990031013',
} as const;

const person = (
  nip: string,
  name: string,
  agencyId: string,
  unitId: string,
  reviewerNip: string | undefined,
  extra: Partial<EmployeeRecord> & { roles?: RoleGrant[] } = {},
): EmployeeRecord => {
  const position = {
    agencyId,
    unitId,
    positionTitle: extra.positionTitle ?? 'Pengadministrasi Umum',
    positionType: extra.positionType ?? 'PELAKSANA',
    jobClass: extra.jobClass ?? 6,
    grade: extra.grade ?? 'III/a',
  };
  return {
    nip,
    name,
    employmentType: 'PNS',
    ...position,
    reviewerNip,
    statusPeriods: [],
    positionHistory: [{ effectiveFrom: '2026-01-01', ...position }],
    roleGrants: extra.roles ?? [],
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
};

export const orgEmployees = (): EmployeeRecord[] => [
  person(NIP.sekda, 'Iswar Aminuddin', 'SETDA', 'SETDA-PIMPINAN', undefined, {
    positionType: 'JPT',
    jobClass: 15,
    grade: 'IV/d',
  }),
  person(NIP.dpuHead, 'Suwarto Hadi', 'DPU', 'DPU-PIMPINAN', NIP.sekda, {
    positionType: 'JPT',
    jobClass: 14,
    grade: 'IV/c',
  }),
  person(NIP.division, 'Bambang Wibowo', 'DPU', 'DPU-B1', NIP.dpuHead, {
    positionType: 'ADMINISTRATOR',
    jobClass: 11,
    grade: 'IV/a',
  }),
  person(NIP.section, 'Citra Lestari', 'DPU', 'DPU-B1-S1', NIP.division, {
    positionType: 'PENGAWAS',
    jobClass: 9,
    grade: 'III/d',
  }),
  person(NIP.staff, 'Dewi Anggraini', 'DPU', 'DPU-B1-S1', NIP.section),
  person(NIP.staff2, 'Eko Prasetyo', 'DPU', 'DPU-B1-S1', NIP.section),
  person(NIP.dpuAdmin, 'Fitri Handayani', 'DPU', 'DPU-B1-S1', NIP.section, {
    roles: [{ role: 'AGENCY_ADMIN', agencyId: 'DPU' }],
  }),
  person(NIP.officer, 'Gunawan Saputra', 'DPU', 'DPU-B1-S1', NIP.section, {
    roles: [{ role: 'COMPLAINT_OFFICER', agencyId: 'DPU' }],
  }),
  person(NIP.hr, 'Hendra Kurniawan', 'BKPP', 'BKPP-PIMPINAN', undefined, { roles: [{ role: 'HR_ADMIN' }] }),
  person(NIP.auditor, 'Indah Permata', 'INSPEKTORAT', 'INSPEKTORAT-PIMPINAN', undefined, {
    roles: [{ role: 'AUDITOR' }],
  }),
  person(NIP.dkkAdmin, 'Joko Susilo', 'DKK', 'DKK-PIMPINAN', undefined, {
    roles: [{ role: 'AGENCY_ADMIN', agencyId: 'DKK' }],
  }),
  person(NIP.finance, 'Kartika Sari', 'BPKAD', 'BPKAD-PIMPINAN', undefined, { roles: [{ role: 'FINANCE' }] }),
  person(NIP.desk, 'Lestari Wulandari', 'DISKOMINFO', 'DISKOMINFO-PIMPINAN', undefined, {
    roles: [{ role: 'COMPLAINT_DESK' }],
  }),
];

const AGENCIES = ['SETDA', 'DPU', 'DKK', 'BKPP', 'INSPEKTORAT', 'BPKAD', 'DISKOMINFO'];

/** Writes the small organisation: 7 agencies, their units, 13 people (one per role). */
export const seedOrg = async (db: Db): Promise<EmployeeRecord[]> => {
  const employees = orgEmployees();
  await putAll(db, [
    ...AGENCIES.map((code) => agencyItem({ agencyId: code, code, name: `Agency ${code}`, kind: 'AGENCY' })),
    ...AGENCIES.map((code) =>
      unitItem({ unitId: `${code}-PIMPINAN`, agencyId: code, name: `Pimpinan ${code}` }),
    ),
    unitItem({ unitId: 'DPU-B1', agencyId: 'DPU', name: 'Bidang Jalan', parentUnitId: 'DPU-PIMPINAN' }),
    unitItem({
      unitId: 'DPU-B1-S1',
      agencyId: 'DPU',
      name: 'Seksi Pemeliharaan Jalan',
      parentUnitId: 'DPU-B1',
    }),
    ...employees.flatMap((e) => [employeeItem(e), ...roleGrantItems(e.nip, e.roleGrants)]),
  ]);
  return employees;
};

export const actorOf = (e: EmployeeRecord): Actor => {
  const claims = tokenClaims(e);
  return { sub: `local-${e.nip}`, nip: e.nip, roles: claims.groups as Role[], agencyId: claims.agencyId };
};

export const actors = (employees: EmployeeRecord[]) => {
  const by = (nip: string) => actorOf(employees.find((e) => e.nip === nip) as EmployeeRecord);
  return {
    staff: by(NIP.staff),
    staff2: by(NIP.staff2),
    section: by(NIP.section),
    division: by(NIP.division),
    dpuHead: by(NIP.dpuHead),
    dpuAdmin: by(NIP.dpuAdmin),
    dkkAdmin: by(NIP.dkkAdmin),
    hr: by(NIP.hr),
    auditor: by(NIP.auditor),
    finance: by(NIP.finance),
    desk: by(NIP.desk),
    officer: by(NIP.officer),
  };
};
