/**
 * Documents to print and sign (pure): what each official document says, as a model the renderer
 * (pdf.ts) lays out, and how a printed copy is verified.
 *
 * Every document carries a short code and a QR code leading to the public verification page, as
 * Indonesian e-government documents do: the page answers whether a document with that code was
 * issued, what it is, whether it is still current (the record it was made from has not changed
 * since), and, given the file's SHA-256, whether the file in hand is the one issued (a changed
 * byte, an edited amount, gives another hash).
 */
import { isTrackingCode, newTrackingCode, normaliseCode } from '../complaints/rules.js';
import { PREDIKAT_WORDS } from '../incentives/rules.js';
import type { LineRecord, RunRecord } from '../incentives/store.js';
import { wibDate } from '../platform/clock.js';
import { type Lang, longDate, monthYear, rupiah, wibDateTime } from '../platform/words.js';

export const DOCUMENT_KINDS = ['TPP_DAFTAR_NOMINATIF'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const KIND_WORDS: Record<DocumentKind, { id: string; en: string }> = {
  TPP_DAFTAR_NOMINATIF: {
    id: 'Daftar Nominatif Tambahan Penghasilan Pegawai',
    en: 'Nominative list of the performance allowance (TPP)',
  },
};

export interface TableColumn {
  header: string;
  /** share of the page's width */
  weight: number;
  align?: 'left' | 'right' | 'center';
}

export interface DocumentModel {
  kind: DocumentKind;
  orientation: 'portrait' | 'landscape';
  issuer: string;
  issuerUnit?: string;
  title: string;
  subtitle: string[];
  /** label : value lines under the title */
  facts: Array<[string, string]>;
  tables: Array<{
    caption?: string;
    columns: TableColumn[];
    rows: string[][];
    totals?: string[];
    fontSize?: number;
  }>;
  paragraphs: string[];
  signatures: Array<{ placeAndDate?: string; role: string; name?: string; nip?: string }>;
  verification: { code: string; url: string; note: string };
  pageWord: string;
  issuedAt: Date;
}

/** A new short code: 8 random symbols and a check symbol (the alphabet of the complaint codes). */
export const newDocumentCode = newTrackingCode;
/** True for a well-formed code (written with or without spaces and dashes, any case). */
export const isDocumentCode = isTrackingCode;
export const normaliseDocumentCode = normaliseCode;

/** The verification page of a code, on the web app's origin. */
export const verificationUrl = (baseUrl: string, code: string): string =>
  `${baseUrl.replace(/\/+$/, '')}/verifikasi/${code}`;

const ISSUER = 'Pemerintah Kota Semarang';

export interface NominatifInput {
  run: RunRecord;
  agencyName: string;
  lines: LineRecord[];
  code: string;
  baseUrl: string;
  issuedAt: Date;
  /** who printed it (the officer), shown as "dicetak oleh" */
  printedBy: { nip: string; name: string };
  /** the agency head, when known, for the "Mengetahui" signature */
  head?: { nip: string; name: string };
  lang?: Lang;
}

const RUN_KIND_WORDS = { REGULAR: 'Reguler', ADJUSTMENT: 'Penyesuaian (selisih)' } as const;
const RUN_STATUS_WORDS: Record<string, string> = {
  DRAFT: 'Draf (belum diajukan)',
  SUBMITTED: 'Diajukan, menunggu persetujuan BPKAD',
  APPROVED: 'Disetujui',
  REJECTED: 'Ditolak',
};

/**
 * The daftar nominatif of a TPP run: one row per employee with name, NIP, golongan, kelas jabatan,
 * predikat and every amount (kinerja, disiplin, potongan hukuman disiplin, bruto, PPh 21, neto),
 * the totals equal to the run's, and the signature blocks of the agency head and the paying
 * treasurer. Amounts are the run's integers, written in rupiah.
 */
export const daftarNominatif = (input: NominatifInput): DocumentModel => {
  const { run, lines } = input;
  const lang = input.lang ?? 'id';
  const sorted = [...lines].sort((a, b) => a.name.localeCompare(b.name, 'id') || a.nip.localeCompare(b.nip));
  const money = (n: number) => rupiah(n, lang).replace(/^(−?)Rp/, '$1');
  const sum = sorted.reduce(
    (t, l) => ({
      kinerja: t.kinerja + l.breakdown.kinerja,
      disiplin: t.disiplin + l.breakdown.disiplin,
      sanction: t.sanction + l.breakdown.sanctionAmount,
      gross: t.gross + l.gross,
      tax: t.tax + l.tax,
      net: t.net + l.net,
    }),
    { kinerja: 0, disiplin: 0, sanction: 0, gross: 0, tax: 0, net: 0 },
  );
  const date = longDate(wibDate(input.issuedAt), lang);
  return {
    kind: 'TPP_DAFTAR_NOMINATIF',
    orientation: 'landscape',
    issuer: ISSUER,
    issuerUnit: input.agencyName,
    title: 'Daftar Nominatif Tambahan Penghasilan Pegawai (TPP)',
    subtitle: [`Bulan ${monthYear(run.period, lang)}`, `${input.agencyName}`],
    facts: [
      ['Nomor run', run.runId],
      ['Jenis', RUN_KIND_WORDS[run.kind as keyof typeof RUN_KIND_WORDS] ?? run.kind],
      ['Status', RUN_STATUS_WORDS[run.status] ?? run.status],
      ['Jumlah pegawai', String(sorted.length)],
      ['Dasar perhitungan', `Aturan TPP ${run.period.slice(0, 4)} versi ${run.ruleSetVersion ?? '-'}`],
      [
        'Dicetak oleh',
        `${input.printedBy.name} (NIP ${input.printedBy.nip}), ${wibDateTime(input.issuedAt, lang)}`,
      ],
    ],
    tables: [
      {
        fontSize: 7,
        columns: [
          { header: 'No', weight: 3, align: 'right' },
          { header: 'Nama / NIP', weight: 20 },
          { header: 'Gol.', weight: 5, align: 'center' },
          { header: 'Kelas', weight: 4, align: 'center' },
          { header: 'Predikat', weight: 9 },
          { header: 'TPP Kinerja', weight: 9, align: 'right' },
          { header: 'TPP Disiplin', weight: 9, align: 'right' },
          { header: 'Potongan Hukdis', weight: 8, align: 'right' },
          { header: 'Bruto', weight: 9, align: 'right' },
          { header: 'PPh 21', weight: 8, align: 'right' },
          { header: 'Neto', weight: 9, align: 'right' },
          { header: 'Tanda Tangan', weight: 8 },
        ],
        rows: sorted.map((l, i) => [
          String(i + 1),
          `${l.name}\nNIP ${l.nip}`,
          l.breakdown.grade,
          String(l.breakdown.jobClass),
          PREDIKAT_WORDS[l.breakdown.predikat]?.[lang] ?? l.breakdown.predikat,
          money(l.breakdown.kinerja),
          money(l.breakdown.disiplin),
          money(l.breakdown.sanctionAmount),
          money(l.gross),
          money(l.tax),
          money(l.net),
          `${i + 1}.`,
        ]),
        totals: [
          '',
          'JUMLAH',
          '',
          '',
          '',
          money(sum.kinerja),
          money(sum.disiplin),
          money(sum.sanction),
          money(sum.gross),
          money(sum.tax),
          money(sum.net),
          '',
        ],
      },
    ],
    paragraphs: [
      `Jumlah yang dibayarkan (neto): ${rupiah(sum.net, lang)}. Jumlah bruto ${rupiah(sum.gross, lang)}, ` +
        `PPh Pasal 21 ${rupiah(sum.tax, lang)}. Semua angka dalam rupiah.`,
    ],
    signatures: [
      {
        placeAndDate: 'Mengetahui,',
        role: `Kepala ${input.agencyName}`,
        name: input.head?.name,
        nip: input.head?.nip,
      },
      {
        placeAndDate: `Semarang, ${date}`,
        role: 'Bendahara Pengeluaran',
      },
    ],
    verification: {
      code: input.code,
      url: verificationUrl(input.baseUrl, input.code),
      note: 'Dokumen ini diterbitkan oleh Sinergi. Keaslian dan keberlakuannya dapat diperiksa dengan memindai kode QR atau membuka',
    },
    pageWord: 'Halaman',
    issuedAt: input.issuedAt,
  };
};
