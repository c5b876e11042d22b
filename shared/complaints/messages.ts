/** The complaints area's user-facing messages, field reasons and entity names. */
import { registerEntities, registerMessages, registerReasons } from '../platform/i18n.js';

registerMessages({
  COMPLAINT_STATE: {
    id: 'Pengaduan berstatus {status}; tindakan "{action}" tidak dapat dilakukan sekarang.',
    en: 'The complaint is {status}; "{action}" is not possible now.',
  },
  COMPLAINT_REOPEN_WINDOW: {
    id: 'Pengaduan hanya dapat dibuka kembali saat sudah dijawab atau paling lama {days} hari kerja setelah ditutup.',
    en: 'A complaint can be reopened only once answered, or within {days} working days of closing.',
  },
  COMPLAINT_ALREADY_RATED: {
    id: 'Jawaban ini sudah dinilai.',
    en: 'This answer has already been rated.',
  },
  COMPLAINT_MERGE_SELF: {
    id: 'Pengaduan tidak dapat digabung dengan dirinya sendiri atau dengan pengaduan yang sudah digabung/ditolak.',
    en: 'A complaint cannot be merged into itself or into a merged or rejected complaint.',
  },
  REPORTER_SECRET: {
    id: 'Kode rahasia pelapor tidak cocok (header X-Reporter-Secret).',
    en: 'The reporter secret does not match (header X-Reporter-Secret).',
  },
  IDEMPOTENCY_KEY_REUSED: {
    id: 'Idempotency-Key ini sudah dipakai untuk pengaduan dengan isi berbeda.',
    en: 'This Idempotency-Key was already used for a complaint with a different body.',
  },
});

registerReasons({
  tracking_code: { id: 'kode pelacakan tidak valid', en: 'is not a valid tracking code' },
  https_url: { id: 'harus tautan https://', en: 'must be an https:// link' },
  nik: { id: 'NIK harus 16 digit angka', en: 'NIK must be 16 digits' },
  phone: {
    id: 'nomor telepon tidak valid (08… atau +628…)',
    en: 'is not a valid phone number (08… or +628…)',
  },
  email: { id: 'alamat e-mail tidak valid', en: 'is not a valid e-mail address' },
  outside_city: {
    id: 'koordinat berada di luar wilayah Kota Semarang',
    en: 'the coordinates are outside the city of Semarang',
  },
  location_required: {
    id: 'isi koordinat (lat dan lng) atau alamat beserta kelurahan',
    en: 'give coordinates (lat and lng) or an address with its kelurahan',
  },
  kelurahan_unknown: {
    id: 'bukan nama kelurahan di Kota Semarang',
    en: 'is not a kelurahan of the city of Semarang',
  },
  coordinates_pair: { id: 'lat dan lng harus diisi bersama', en: 'lat and lng go together' },
  unknown_category: { id: 'kategori pengaduan tidak dikenal', en: 'unknown complaint category' },
  idempotency_key: {
    id: 'Idempotency-Key 1–255 karakter yang terlihat',
    en: 'Idempotency-Key must be 1–255 visible characters',
  },
});

registerEntities({
  complaint: { id: 'Pengaduan', en: 'Complaint' },
  category: { id: 'Kategori pengaduan', en: 'Complaint category' },
  reporter: { id: 'Data pelapor', en: 'Reporter details' },
  reporterRead: { id: 'Catatan akses data pelapor', en: 'Reporter read record' },
  service: { id: 'Layanan (service_code)', en: 'Service (service_code)' },
  service_request: {
    id: 'Permintaan layanan (service_request_id)',
    en: 'Service request (service_request_id)',
  },
});
