/** Words of the documents area, registered with the platform's i18n. */
import { registerEntities, registerReasons } from '../platform/i18n.js';

registerEntities({
  document: { id: 'Dokumen dengan kode itu', en: 'A document with that code' },
});

registerReasons({
  document_code: {
    id: 'bukan kode dokumen yang sah (9 huruf dan angka, seperti tercetak di bawah kode QR)',
    en: 'is not a valid document code (9 letters and digits, as printed under the QR code)',
  },
});
