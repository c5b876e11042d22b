/**
 * Messages users read. Indonesian is the default; English on `Accept-Language: en`.
 * Keys are error codes (and a few validation reasons); `{name}` placeholders are filled from params.
 */
export type Lang = 'id' | 'en';

type Catalog = Record<string, { id: string; en: string }>;

const messages: Catalog = {
  // platform
  INTERNAL: {
    id: 'Terjadi kesalahan internal (id permintaan {requestId}).',
    en: 'Internal error (request id {requestId}).',
  },
  VALIDATION: { id: 'Data yang dikirim tidak valid.', en: 'The request is not valid.' },
  MALFORMED_JSON: {
    id: 'Badan permintaan bukan JSON yang valid.',
    en: 'The request body is not valid JSON.',
  },
  BODY_REQUIRED: { id: 'Badan permintaan wajib diisi.', en: 'A request body is required.' },
  PAYLOAD_TOO_LARGE: {
    id: 'Badan permintaan terlalu besar (maksimal {limit} byte).',
    en: 'The request body is too large (at most {limit} bytes).',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    id: 'Jenis konten {contentType} tidak didukung; gunakan {expected}.',
    en: 'Content type {contentType} is not supported; use {expected}.',
  },
  UNAUTHORIZED: { id: 'Identitas pengguna tidak dikenali.', en: 'The caller is not identified.' },
  FORBIDDEN_ORIGIN: {
    id: 'Permintaan harus melalui alamat resmi layanan.',
    en: "Requests must come through the service's public address.",
  },
  FORBIDDEN_ROLE: {
    id: 'Peran Anda tidak diizinkan untuk tindakan ini (perlu salah satu dari: {roles}).',
    en: 'Your role may not do this (needs one of: {roles}).',
  },
  FORBIDDEN: { id: 'Anda tidak berwenang atas data ini.', en: 'You may not access this record.' },
  NOT_FOUND: { id: '{entity} tidak ditemukan.', en: '{entity} not found.' },
  ROUTE_NOT_FOUND: { id: 'Alamat tidak ditemukan.', en: 'Route not found.' },
  CONFLICT: {
    id: 'Data telah diubah oleh pengguna lain (versi saat ini {currentVersion}); muat ulang lalu coba lagi.',
    en: 'The record was changed by someone else (current version {currentVersion}); reload and try again.',
  },
  ALREADY_EXISTS: { id: '{entity} sudah ada.', en: '{entity} already exists.' },
  INVALID_CURSOR: { id: 'Kursor halaman tidak valid.', en: 'The page cursor is not valid.' },
  // employees
  REVIEWER_CYCLE: {
    id: 'Pejabat penilai tidak boleh membentuk lingkaran: {chain}.',
    en: 'The pejabat penilai chain would form a cycle: {chain}.',
  },
  REVIEWER_SELF: {
    id: 'Pegawai tidak dapat menjadi pejabat penilai dirinya sendiri.',
    en: 'An employee cannot review themself.',
  },
  IMPORT_INVALID: {
    id: 'Impor dibatalkan: {count} baris bermasalah; tidak ada data yang disimpan.',
    en: 'Import refused: {count} rows have errors; nothing was written.',
  },
  IMPORT_TOO_LARGE: {
    id: 'Impor maksimal {limit} baris per permintaan.',
    en: 'An import takes at most {limit} rows per request.',
  },
  SELF_PAY_INPUT: {
    id: 'Anda tidak dapat mengubah data yang menentukan penghasilan atau penilai Anda sendiri ({what}); mintalah pejabat lain yang berwenang.',
    en: 'You may not change the data that sets your own pay or your own reviewer ({what}); ask another authorised official.',
  },
  ROLE_CONFLICT: {
    id: 'Peran {roles} tidak boleh dipegang satu orang sekaligus (pemisahan tugas).',
    en: 'Roles {roles} may not be held by one person (separation of duties).',
  },
  AGENCY_SCOPE: {
    id: 'Peran {role} wajib terikat pada satu perangkat daerah (agencyId).',
    en: 'Role {role} must be bound to one agency (agencyId).',
  },
};

/** Field-level validation reasons (zod issue codes and our own). */
const reasons: Catalog = {
  required: { id: 'wajib diisi', en: 'is required' },
  invalid_type: { id: 'harus bertipe {expected}', en: 'must be of type {expected}' },
  too_small_string: { id: 'minimal {minimum} karakter', en: 'must have at least {minimum} characters' },
  too_big_string: { id: 'maksimal {maximum} karakter', en: 'must have at most {maximum} characters' },
  too_small_number: { id: 'minimal {minimum}', en: 'must be at least {minimum}' },
  too_big_number: { id: 'maksimal {maximum}', en: 'must be at most {maximum}' },
  too_small_array: { id: 'minimal {minimum} item', en: 'must have at least {minimum} items' },
  too_big_array: { id: 'maksimal {maximum} item', en: 'must have at most {maximum} items' },
  unrecognized_key: { id: 'kolom tidak dikenal', en: 'is not a known field' },
  invalid_format: { id: 'format tidak valid ({format})', en: 'has an invalid format ({format})' },
  invalid_value: { id: 'harus salah satu dari: {values}', en: 'must be one of: {values}' },
  not_integer: { id: 'harus bilangan bulat', en: 'must be an integer' },
  invalid: { id: 'tidak valid', en: 'is not valid' },
  malformed_json: { id: 'bukan JSON yang valid', en: 'is not valid JSON' },
  nip: { id: 'NIP harus 18 digit angka', en: 'NIP must be 18 digits' },
  nip_date: {
    id: 'tanggal lahir/TMT pada NIP tidak valid',
    en: 'the birth date or TMT in the NIP is not valid',
  },
  unknown_agency: { id: 'perangkat daerah tidak dikenal', en: 'unknown agency' },
  unknown_unit: {
    id: 'unit kerja tidak dikenal pada perangkat daerah ini',
    en: 'unknown unit in this agency',
  },
  unknown_employee: { id: 'pegawai tidak dikenal', en: 'unknown employee' },
  agency_mismatch: {
    id: 'peran ini hanya dapat diberikan untuk perangkat daerah pegawai itu sendiri',
    en: "this role can only be granted for the employee's own agency",
  },
  forbidden_agency: { id: 'di luar perangkat daerah Anda', en: 'outside your agency' },
  duplicate: { id: 'muncul lebih dari sekali', en: 'appears more than once' },
  date_order: { id: 'tanggal akhir sebelum tanggal mulai', en: 'end date is before start date' },
  overlap: { id: 'periode tumpang tindih', en: 'periods overlap' },
  grade_type: {
    id: 'golongan tidak sesuai jenis kepegawaian',
    en: 'golongan does not match the employment type',
  },
  reviewer_cycle: { id: 'pejabat penilai membentuk lingkaran', en: 'pejabat penilai forms a cycle' },
  role_conflict: {
    id: 'peran {roles} tidak boleh dipegang bersamaan',
    en: 'roles {roles} may not be held together',
  },
  self_pay_input: {
    id: 'tidak boleh mengubah data penghasilan atau penilai diri sendiri',
    en: 'may not change your own pay inputs or reviewer',
  },
  reviewer_self: { id: 'tidak boleh menilai diri sendiri', en: 'cannot review themself' },
  csv_columns: { id: 'jumlah kolom tidak sesuai header', en: 'column count does not match the header' },
  year_mismatch: { id: 'tanggal tidak berada di tahun {year}', en: 'date is not in year {year}' },
};

const fill = (template: string, params: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));

export const message = (code: string, lang: Lang, params: Record<string, string | number> = {}): string => {
  const entry = messages[code];
  return entry ? fill(entry[lang], params) : code;
};

export const reason = (code: string, lang: Lang, params: Record<string, string | number> = {}): string => {
  const entry = reasons[code];
  return entry ? fill(entry[lang], params) : (reasons.invalid?.[lang] ?? code);
};

export const hasMessage = (code: string): boolean => code in messages;

/** Registers more messages (each area keeps its own next to its code). */
export const registerMessages = (more: Catalog): void => {
  Object.assign(messages, more);
};
export const registerReasons = (more: Catalog): void => {
  Object.assign(reasons, more);
};

/** `Accept-Language: en-US,en;q=0.9` → en; anything else (or nothing) → id. */
export const langFrom = (acceptLanguage: string | undefined): Lang => {
  if (!acceptLanguage) return 'id';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'id';
};

/** Names of entities for NOT_FOUND / ALREADY_EXISTS. */
export const entityNames: Record<string, { id: string; en: string }> = {
  employee: { id: 'Pegawai', en: 'Employee' },
  agency: { id: 'Perangkat daerah', en: 'Agency' },
  unit: { id: 'Unit kerja', en: 'Unit' },
  calendar: { id: 'Kalender kerja', en: 'Working-day calendar' },
};
export const registerEntities = (more: Record<string, { id: string; en: string }>): void => {
  Object.assign(entityNames, more);
};
