/** Messages of the collaboration area (Bahasa Indonesia by default, English on request). */
import { registerEntities, registerMessages, registerReasons } from '../platform/i18n.js';

registerMessages({
  FORUM_FULL: {
    id: 'Kuota forum sudah penuh ({capacity} peserta).',
    en: 'The forum is full ({capacity} participants).',
  },
  ALREADY_REGISTERED: {
    id: 'Pegawai ini sudah terdaftar pada forum ini.',
    en: 'This employee is already registered for this forum.',
  },
  REGISTRATION_CLOSED: {
    id: 'Pendaftaran forum ditutup karena forum telah dimulai.',
    en: 'Registration is closed: the forum has started.',
  },
  NOT_INVITED: {
    id: 'Perangkat daerah pegawai ini tidak diundang ke forum ini.',
    en: "This employee's agency is not invited to this forum.",
  },
  FORUM_NOT_STARTED: {
    id: 'Forum belum dimulai.',
    en: 'The forum has not started yet.',
  },
  REGISTRATION_NOT_CANCELLABLE: {
    id: 'Pendaftaran forum berstatus {status} tidak dapat dibatalkan.',
    en: 'A registration with status {status} cannot be cancelled.',
  },
  ALREADY_ADOPTED: {
    id: 'Perangkat daerah {agencyId} sudah mencatat adopsi praktik ini.',
    en: 'Agency {agencyId} has already recorded adopting this practice.',
  },
  OWN_PRACTICE: {
    id: 'Perangkat daerah pemilik praktik tidak mengadopsi praktiknya sendiri.',
    en: 'The agency that shared a practice does not adopt its own practice.',
  },
  PENDING_VERSION: {
    id: 'Versi {versionNo} masih menunggu persetujuan; ajukan versi baru setelahnya.',
    en: 'Version {versionNo} is still awaiting approval; propose a new version after it.',
  },
  VERSION_NOT_PENDING: {
    id: 'Versi ini tidak sedang menunggu persetujuan (status {status}).',
    en: 'This version is not awaiting approval (status {status}).',
  },
  ALREADY_APPROVED: {
    id: 'Perangkat daerah {agencyId} sudah menyetujui versi ini.',
    en: 'Agency {agencyId} has already approved this version.',
  },
  NOT_FORUM_PARTICIPANT: {
    id: 'Hanya pegawai yang terdaftar atau hadir pada forum ini yang dapat melampirkannya sebagai bukti.',
    en: 'Only an employee registered for or present at this forum can cite it as evidence.',
  },
  NOT_PROTOCOL_CONTRIBUTOR: {
    id: 'Hanya pegawai yang mengajukan atau menyetujui versi protokol ini yang dapat melampirkannya sebagai bukti.',
    en: 'Only an employee who proposed or approved a version of this protocol can cite it as evidence.',
  },
});

registerReasons({
  ends_before_start: { id: 'selesai sebelum mulai', en: 'ends before it starts' },
  not_participant_agency: {
    id: 'bukan perangkat daerah penyelenggara atau undangan',
    en: 'not the host or an invited agency',
  },
  own_agency_required: { id: 'harus memuat perangkat daerah Anda', en: 'must include your own agency' },
  host_invited: { id: 'penyelenggara tidak perlu diundang', en: 'the host need not be invited' },
  not_registered: { id: 'tidak terdaftar pada forum ini', en: 'not registered for this forum' },
});

registerEntities({
  forum: { id: 'Forum', en: 'Forum' },
  registration: { id: 'Pendaftaran forum', en: 'Forum registration' },
  actionItem: { id: 'Tindak lanjut', en: 'Action item' },
  practice: { id: 'Praktik baik', en: 'Shared practice' },
  protocol: { id: 'Protokol bersama', en: 'Joint protocol' },
  protocolVersion: { id: 'Versi protokol', en: 'Protocol version' },
});
