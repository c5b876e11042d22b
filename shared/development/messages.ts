/** Messages of the development area (Bahasa Indonesia by default, English on request). */
import { registerEntities, registerMessages, registerReasons } from '../platform/i18n.js';

registerMessages({
  SESSION_FULL: {
    id: 'Sesi pelatihan sudah penuh ({capacity} peserta); daftar tunggu tidak diminta.',
    en: 'The training session is full ({capacity} participants); no waiting-list place was asked for.',
  },
  ALREADY_ENROLLED: {
    id: 'Pegawai ini sudah terdaftar pada pelatihan ini (status {status}).',
    en: 'This employee is already enrolled in this training (status {status}).',
  },
  ENROLMENT_CLOSED: {
    id: 'Pendaftaran sesi ini sudah ditutup karena sesi telah dimulai.',
    en: 'Enrolment for this session is closed: the session has started.',
  },
  NOT_CANCELLABLE: {
    id: 'Pendaftaran berstatus {status} tidak dapat dibatalkan.',
    en: 'An enrolment with status {status} cannot be cancelled.',
  },
  ATTENDANCE_TOO_EARLY: {
    id: 'Kehadiran baru dapat dicatat setelah sesi dimulai.',
    en: 'Attendance can be recorded only once the session has started.',
  },
  FEEDBACK_NOT_ALLOWED: {
    id: 'Umpan balik hanya dari peserta yang hadir, sekali saja.',
    en: 'Feedback comes from participants who attended, once.',
  },
  PLAN_ALREADY_OPEN: {
    id: 'Pegawai ini sudah memiliki rencana pengembangan yang masih terbuka ({planId}).',
    en: 'This employee already has an open development plan ({planId}).',
  },
  PLAN_CLOSED: {
    id: 'Rencana pengembangan ini sudah ditutup.',
    en: 'This development plan is closed.',
  },
});

registerReasons({
  method_kind: { id: 'metode tidak sesuai jenis pelatihan', en: 'the method does not fit the kind' },
  session_order: { id: 'selesai sebelum mulai', en: 'ends before it starts' },
  unknown_session: { id: 'sesi tidak dikenal pada pelatihan ini', en: 'unknown session of this training' },
  not_enrolled: { id: 'bukan peserta sesi ini', en: 'not a participant of this session' },
  completed_before_start: {
    id: 'tanggal selesai sebelum sesi dimulai',
    en: 'the completion date is before the session starts',
  },
  already_completed: {
    id: 'sudah dinyatakan selesai (JP sudah dihitung)',
    en: 'already completed (the JP were credited)',
  },
  future_date: { id: 'tanggal belum terjadi', en: 'the date is in the future' },
  date_past: { id: 'tanggal sudah lewat', en: 'the date has passed' },
  not_reviewee: {
    id: 'Anda bukan pejabat penilai pegawai ini',
    en: 'you are not the pejabat penilai of this employee',
  },
  scope_agency: { id: 'pilih perangkat daerah (agencyId)', en: 'choose an agency (agencyId)' },
});

registerEntities({
  training: { id: 'Pelatihan', en: 'Training' },
  session: { id: 'Sesi pelatihan', en: 'Training session' },
  enrolment: { id: 'Pendaftaran pelatihan', en: 'Training enrolment' },
  developmentPlan: { id: 'Rencana pengembangan', en: 'Development plan' },
});
