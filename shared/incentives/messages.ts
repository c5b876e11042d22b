/** The TPP area's words: error messages, field reasons and entity names (Indonesian by default). */
import { registerEntities, registerMessages, registerReasons } from '../platform/i18n.js';

registerMessages({
  TPP_NO_RULE_SET: {
    id: 'Belum ada aturan TPP untuk tahun {year}; BKPP perlu menetapkannya lebih dulu.',
    en: 'There are no TPP rules for {year} yet; BKPP must set them first.',
  },
  TPP_RULES_INVALID: {
    id: 'Aturan TPP tidak valid: {count} masalah; tidak ada yang disimpan.',
    en: 'The TPP rules are not valid: {count} problems; nothing was saved.',
  },
  TPP_RUN_STATE: {
    id: 'Run TPP {runId} berstatus {status}; tindakan ini tidak dapat dilakukan sekarang.',
    en: 'TPP run {runId} is {status}; this cannot be done now.',
  },
  TPP_RUN_COMPUTING: {
    id: 'Run TPP {runId} sedang dihitung; coba lagi setelah selesai.',
    en: 'TPP run {runId} is being computed; try again when it is done.',
  },
  TPP_SELF_APPROVAL: {
    id: 'Run TPP {runId} tidak dapat Anda setujui karena Anda ikut menghitung atau mengajukannya ({action}); persetujuan harus oleh pejabat lain.',
    en: 'You may not approve TPP run {runId}: you computed or submitted it ({action}); another official must approve it.',
  },
  TPP_NOT_APPROVED: {
    id: 'Run TPP {runId} belum disetujui; hanya run yang disetujui yang dapat diekspor ke penggajian.',
    en: 'TPP run {runId} is not approved; only approved runs are exported to payroll.',
  },
  ATTENDANCE_INVALID: {
    id: 'Impor kehadiran dibatalkan: {count} baris bermasalah; tidak ada data yang disimpan.',
    en: 'Attendance import refused: {count} rows have errors; nothing was written.',
  },
});

registerReasons({
  days_range: {
    id: 'harus bilangan bulat hari antara 0 dan 366',
    en: 'must be a whole number of days from 0 to 366',
  },
  weights_sum: {
    id: 'bobot kinerja dan disiplin harus berjumlah 100% (10000 bp)',
    en: 'the performance and discipline weights must add up to 100% (10000 bp)',
  },
  rate_range: { id: 'harus antara 0 dan 10000 bp (0–100%)', en: 'must be between 0 and 10000 bp (0–100%)' },
  pagu_range: {
    id: 'pagu harus rupiah bulat positif untuk kelas jabatan 1–17',
    en: 'a pagu must be a positive whole rupiah amount for kelas jabatan 1–17',
  },
  pagu_split: {
    id: 'komponen kinerja dan disiplin setelah pembulatan melebihi pagu',
    en: 'the rounded performance and discipline components exceed the pagu',
  },
  unknown_status: { id: 'bukan status yang menghentikan TPP', en: 'not a status that can stop TPP' },
  period_future: { id: 'periode belum berjalan', en: 'the period has not started yet' },
  not_in_agency: {
    id: 'pegawai tidak berada di perangkat daerah Anda pada bulan ini',
    en: 'the employee is not in your agency in this month',
  },
  adjustment_reason: {
    id: 'wajib diisi: run bulan ini sudah disetujui, perubahan dibayar lewat run penyesuaian dengan alasannya',
    en: "is required: this month's run is approved, a change is paid by an adjustment run with its reason",
  },
  period_or_agency: { id: 'isi periode atau perangkat daerah', en: 'give a period or an agency' },
});

registerEntities({
  tppRules: { id: 'Aturan TPP', en: 'TPP rules' },
  tppRun: { id: 'Run TPP', en: 'TPP run' },
  tppLine: { id: 'Rincian TPP', en: 'TPP line' },
  sanction: { id: 'Hukuman disiplin', en: 'Disciplinary sanction' },
});
