/** Messages of the performance area, in Bahasa Indonesia and English (imported by its use cases). */
import { registerEntities, registerMessages, registerReasons } from '../platform/i18n.js';

registerMessages({
  INVALID_TRANSITION: {
    id: 'Tindakan {action} tidak dapat dilakukan saat status {state}.',
    en: 'Action {action} is not allowed while the status is {state}.',
  },
  SUBMIT_TOO_EARLY: {
    id: 'Penilaian mandiri periode {period} dapat diajukan mulai {from} (hari kerja terakhir periode); sampai saat itu simpan sebagai draf.',
    en: "The self-assessment of {period} can be submitted from {from} (the period's last working day); until then keep it as a draft.",
  },
  REVIEW_TOO_EARLY: {
    id: 'Periode {period} belum selesai: penilaian dapat diberikan mulai {from}.',
    en: 'Period {period} is not over yet: it can be reviewed from {from}.',
  },
  SELF_DEADLINE_PASSED: {
    id: 'Batas waktu penilaian mandiri ({deadline}) telah lewat.',
    en: 'The self-assessment deadline ({deadline}) has passed.',
  },
  REVIEW_DEADLINE_PASSED: {
    id: 'Batas waktu penilaian ({deadline}) telah lewat; penilaian ditutup otomatis.',
    en: 'The review deadline ({deadline}) has passed; the review is closed automatically.',
  },
  APPEAL_WINDOW_CLOSED: {
    id: 'Masa keberatan berakhir pada {deadline}.',
    en: 'The appeal window ended on {deadline}.',
  },
  NO_REVIEWER: {
    id: 'Pegawai ini belum memiliki pejabat penilai.',
    en: 'This employee has no pejabat penilai.',
  },
  NO_APPEAL_REVIEWER: {
    id: 'Tidak ada atasan pejabat penilai yang dapat memutus keberatan.',
    en: 'There is no atasan pejabat penilai to decide an appeal.',
  },
  NOT_REVIEWER: {
    id: 'Hanya pejabat penilai pegawai ini yang dapat melakukannya.',
    en: "Only this employee's pejabat penilai may do this.",
  },
  NOT_OWNER: {
    id: 'Hanya pegawai pemilik data ini yang dapat melakukannya.',
    en: 'Only the employee this record belongs to may do this.',
  },
  NOT_APPEAL_REVIEWER: {
    id: 'Hanya atasan pejabat penilai yang dapat memutus keberatan ini.',
    en: 'Only the atasan pejabat penilai may decide this appeal.',
  },
  NOT_HEAD_ABOVE: {
    id: 'Hanya pimpinan di atas unit ini yang dapat melakukannya.',
    en: 'Only the head above this unit may do this.',
  },
  INVALID_PERIOD: {
    id: 'Periode {period} tidak valid (contoh: 2026-11, 2026-Q4, 2026).',
    en: 'Period {period} is not valid (e.g. 2026-11, 2026-Q4, 2026).',
  },
  PERIOD_NOT_CONFIGURED: {
    id: 'Periode {period} tidak sesuai frekuensi penilaian tahun {year} ({frequency}).',
    en: 'Period {period} does not match the evaluation frequency of {year} ({frequency}).',
  },
  NOT_EMPLOYED: { id: 'Pegawai tidak aktif.', en: 'The employee is not in service.' },
  UNIT_PREDIKAT_MISSING: {
    id: 'Predikat organisasi unit {unitId} untuk periode {period} belum ditetapkan.',
    en: 'The organisation predikat of unit {unitId} for {period} is not set.',
  },
  DISTRIBUTION_OK: {
    id: 'Distribusi predikat sudah sesuai; tidak ada yang perlu dikecualikan.',
    en: 'The predikat distribution passes; there is nothing to override.',
  },
  ANNUAL_NOT_FINAL: {
    id: 'Predikat tahunan {year} belum final.',
    en: 'The annual predikat of {year} is not final yet.',
  },
  NOT_FUNCTIONAL: {
    id: 'Angka kredit hanya untuk jabatan fungsional.',
    en: 'Angka kredit applies to fungsional positions only.',
  },
});

registerReasons({
  unknown_rhk: { id: 'RHK tidak dikenal', en: 'unknown RHK' },
  unknown_indicator: { id: 'indikator tidak dikenal', en: 'unknown indicator' },
  rhk_utama: { id: 'minimal satu RHK utama', en: 'at least one UTAMA RHK is required' },
  rating_from_unit: {
    id: 'rating hasil kerja kepala unit mengikuti predikat organisasi ({expected})',
    en: "a unit head's rating hasil kerja follows the organisation predikat ({expected})",
  },
  period: { id: 'periode tidak valid (contoh: 2026-11, 2026-Q4, 2026)', en: 'not a period (e.g. 2026-11)' },
  day_order: {
    id: 'batas penilaian harus setelah batas penilaian mandiri',
    en: 'the review deadline must come after the self-assessment deadline',
  },
  scope_agency: {
    id: 'wajib diisi untuk cakupan agency',
    en: 'is required for scope agency',
  },
});

registerEntities({
  plan: { id: 'SKP', en: 'Plan (SKP)' },
  assessment: { id: 'Penilaian kinerja', en: 'Assessment' },
  unitPredikat: { id: 'Predikat organisasi', en: 'Organisation predikat' },
  performanceConfig: { id: 'Konfigurasi kinerja', en: 'Performance configuration' },
  cycle: { id: 'Siklus penilaian', en: 'Cycle' },
});
