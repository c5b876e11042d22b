import type { EmploymentType } from '../../shared/employees/rules.js';
import { type EmployeeRecord, employeeItem, putAll } from '../../shared/employees/store.js';
import type { Db } from '../../shared/platform/dynamo.js';

/**
 * More employees for tests that need a crowd (races for seats, agency reports): `count` PNS (or
 * the given type) in one unit, NIPs 19900101 2015 01 1 <seq> from `firstSeq`.
 */
export const seedPeople = async (
  db: Db,
  count: number,
  options: {
    agencyId?: string;
    unitId?: string;
    reviewerNip?: string;
    employmentType?: EmploymentType;
    firstSeq?: number;
    birth?: string;
  } = {},
): Promise<EmployeeRecord[]> => {
  const agencyId = options.agencyId ?? 'DPU';
  const unitId = options.unitId ?? 'DPU-B1-S1';
  const type = options.employmentType ?? 'PNS';
  const position = {
    agencyId,
    unitId,
    positionTitle: 'Pengadministrasi Umum',
    positionType: 'PELAKSANA' as const,
    jobClass: 6,
    grade: type === 'PNS' ? 'III/a' : 'IX',
  };
  const people = Array.from({ length: count }, (_, i): EmployeeRecord => {
    const seq = String((options.firstSeq ?? 1) + i).padStart(3, '0');
    return {
      nip: `${options.birth ?? '19900101'}2015011${seq}`,
      name: `Peserta ${seq}`,
      employmentType: type,
      ...position,
      reviewerNip: options.reviewerNip,
      statusPeriods: [],
      positionHistory: [{ effectiveFrom: '2026-01-01', ...position }],
      roleGrants: [],
      version: 1,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
  });
  await putAll(db, people.map(employeeItem));
  return people;
};
