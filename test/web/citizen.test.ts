/**
 * The web app in a real Chromium, against the local origin `npm start` serves (the API, the local
 * OpenID Provider, the built app): a citizen reports, follows, writes, rates and reopens; a
 * confidential report stays hidden from another browser; the desk signs in by OIDC + PKCE and
 * sees the report in its queue. Every page: axe-core with 0 serious/critical findings, and
 * screenshots at phone and desktop width in test-artifacts/web/.
 */
import { createServer } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type KeyPair, mintToken, newKeyPair } from '../../infra/local/keys.js';
import { type Site, startSite } from '../../infra/local/site.js';
import { createApi } from '../../shared/client/index.js';
import { tokenClaims } from '../../shared/employees/claims.js';
import type { EmployeeRecord } from '../../shared/employees/store.js';
import { db } from '../../shared/platform/dynamo.js';
import { seedComplaintSetup } from '../support/complaints.js';
import { freshTable } from '../support/db.js';
import { NIP, seedOrg } from '../support/org.js';
import { launch, scan, screenshots, writeAxeSummary } from './browser.js';

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

let site: Site;
let keys: KeyPair;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let employees: EmployeeRecord[];
/** a browser step on a loaded 2-core machine; each wait inside is bounded by the page's 15 s */
const STEP = 120_000;
const WIB_DATE =
  /\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4}, \d{2}\.\d{2} WIB/;

/** what the reporter kept from the confirmation page */
const kept = { code: '', secret: '', link: '' };

const staffApi = async (nip: string) => {
  const e = employees.find((x) => x.nip === nip) as EmployeeRecord;
  const token = await mintToken(keys, tokenClaims(e));
  return createApi({ baseUrl: site.url, getToken: () => token });
};

const look = async (name: string) => {
  expect(await scan(page, name), `axe on ${name}`).toEqual([]);
  await screenshots(page, name);
};

beforeAll(async () => {
  await freshTable();
  employees = await seedOrg(db());
  await seedComplaintSetup(db());
  keys = await newKeyPair();
  site = await startSite({ port: await freePort(), keys, db: () => db() });
  browser = await launch();
  context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'id-ID' });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
}, 180_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page) {
    await screenshots(page, `failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(
      () => undefined,
    );
  }
});

afterAll(async () => {
  writeAxeSummary();
  await browser?.close();
  await site?.close();
});

describe('a citizen, without an account', () => {
  it(
    'reports a street light that is out: errors first, then the code and secret shown once',
    async () => {
      await page.goto(`${site.url}/`);
      await expect.poll(() => page.title()).toContain('Laporkan masalah');
      await look('home');

      await page.getByRole('link', { name: /Mulai melapor/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Laporkan masalah' }).waitFor();
      await page.getByRole('button', { name: 'Kirim laporan' }).click();
      const summary = page.getByRole('alert').filter({ hasText: 'Ada yang perlu diperbaiki' });
      await summary.waitFor();
      await expect
        .poll(() => summary.getByRole('link').allTextContents())
        .toEqual([
          'Pilih jenis masalah',
          'Ceritakan masalahnya',
          'Tulis alamat atau patokan lokasinya',
          'Pilih kecamatan',
          'Pilih siapa yang boleh melihat laporan Anda',
        ]);
      await look('report-errors');
      // a line of the summary takes the citizen to its field
      await summary.getByRole('link', { name: 'Pilih kecamatan' }).click();
      expect(await page.locator(':focus').getAttribute('id')).toBe('kecamatan');

      await page.getByRole('radio', { name: 'Penerangan jalan umum mati' }).check();
      await page
        .getByLabel('Ceritakan masalahnya')
        .fill(
          'Lampu jalan di depan masjid mati sejak seminggu, jalan gelap dan rawan begal pada malam hari.',
        );
      await page.getByLabel('Alamat atau patokan').fill('Jl. Ngesrep Timur V depan Masjid Al-Ikhlas');
      await page.getByLabel('Kecamatan').selectOption({ label: 'Banyumanik' });
      await page.getByLabel('Kelurahan').selectOption({ label: 'Sumurboto' });
      await page.getByRole('radio', { name: 'Rahasia' }).check();
      await page.getByLabel('Nomor HP').fill('081234567890');
      await screenshots(page, 'report-filled');
      await page.getByRole('button', { name: 'Kirim laporan' }).click();

      await page.getByRole('heading', { name: 'Laporan Anda sudah kami terima' }).waitFor();
      kept.code = (await page.getByTestId('tracking-code').textContent()) ?? '';
      kept.secret = (await page.getByTestId('reporter-secret').textContent()) ?? '';
      expect(kept.code).toMatch(/^[A-Z0-9]{8,}$/);
      expect(kept.secret).toHaveLength(20);
      await page.getByText('Kode rahasia hanya ditampilkan sekali').waitFor();
      kept.link =
        (await page.getByRole('link', { name: new RegExp(`/lacak/${kept.code}`) }).getAttribute('href')) ??
        '';
      // the secret travels in the fragment, never in the query string
      expect(new URL(kept.link).search).toBe('');
      expect(new URL(kept.link).hash).toBe(`#rahasia=${kept.secret}`);
      expect(await page.getByText(WIB_DATE).count()).toBeGreaterThan(0);
      await look('report-sent');

      // shown once: a reload no longer has it
      await page.reload();
      await page.getByText('hanya menampilkan kode rahasia sekali').waitFor();
      expect(await page.getByTestId('reporter-secret').count()).toBe(0);
    },
    STEP,
  );

  it(
    'follows the report with the saved link and adds information',
    async () => {
      await page.goto(kept.link);
      await page.getByRole('heading', { level: 1, name: `Laporan ${kept.code}` }).waitFor();
      await page.getByText('Diterima, menunggu diperiksa').waitFor();
      await page.getByText('Perkiraan jawaban paling lambat').waitFor();
      expect(await page.locator('dd').filter({ hasText: WIB_DATE }).count()).toBeGreaterThan(0);
      expect(await page.getByText('IN_PROGRESS').count()).toBe(0);
      await page.getByLabel('Tambahkan keterangan').fill('Malam ini lampu sebelahnya ikut mati.');
      await page.getByRole('button', { name: 'Kirim keterangan' }).click();
      await page.getByRole('listitem').filter({ hasText: 'Malam ini lampu sebelahnya ikut mati.' }).waitFor();
      await look('track');
    },
    STEP,
  );

  it(
    'a confidential report is not visible to another browser without its secret',
    async () => {
      const other = await browser.newContext({ viewport: { width: 390, height: 844 } });
      try {
        const stranger = await other.newPage();
        stranger.setDefaultTimeout(15_000);
        await stranger.goto(`${site.url}/lacak/${kept.code}`);
        await stranger.getByText('Laporan dengan kode ini tidak ditemukan').waitFor();
        expect(await stranger.getByText('Lampu jalan di depan masjid').count()).toBe(0);
      } finally {
        await other.close();
      }
    },
    STEP,
  );
});

describe('the complaint desk, signed in through the local OpenID Provider', () => {
  it(
    'signs in with authorization code + PKCE and sees the report in its queue',
    async () => {
      await page.goto(`${site.url}/`);
      await page.getByRole('button', { name: 'Masuk (pegawai)' }).first().click();
      await page.getByRole('heading', { name: 'Masuk ke Sinergi' }).waitFor();
      expect(page.url()).toContain('/oidc/interaction/');
      await page.getByLabel('Cari pegawai menurut NIP atau nama').fill(NIP.desk);
      await page.getByRole('button', { name: 'Cari' }).click();
      await page.getByRole('heading', { name: /Hasil pencarian/ }).waitFor();
      await look('oidc-sign-in');
      await page.getByRole('button', { name: /^Masuk sebagai / }).click();

      await page.getByRole('heading', { name: 'Laporan menunggu diperiksa' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/meja');
      await page.getByRole('rowheader', { name: kept.code }).waitFor();
      await page
        .getByRole('row')
        .filter({ hasText: kept.code })
        .getByText('Penerangan jalan umum mati')
        .waitFor();
      await page
        .getByRole('row')
        .filter({ hasText: kept.code })
        .getByText(/Hari ini|Masih ada waktu|Terlambat/)
        .waitFor();
      await look('desk-queue');

      // verify and route it to the agency
      await page.getByRole('link', { name: kept.code }).click();
      await page.getByRole('heading', { level: 1, name: `Laporan ${kept.code}` }).waitFor();
      await page.getByText('Lampu jalan di depan masjid mati').waitFor();
      await page.getByRole('button', { name: 'Verifikasi dan teruskan' }).click();
      await page.getByRole('alert').filter({ hasText: 'Tulis judul singkat' }).waitFor();
      await page.getByLabel('Judul singkat').fill('Lampu jalan mati di Jl. Ngesrep Timur V');
      await page.getByLabel('Dinas yang menangani').selectOption({ label: 'Dinas Pekerjaan Umum' });
      await page.getByRole('radio', { name: 'Sederhana, tanpa pemeriksaan' }).check();
      await look('desk-detail');
      await page.getByRole('button', { name: 'Verifikasi dan teruskan' }).click();
      await page.getByText(`Laporan ${kept.code} sudah diproses.`).waitFor();
      await expect.poll(() => page.getByRole('rowheader', { name: kept.code }).count()).toBe(0);
    },
    STEP,
  );
});

describe('after the agency answers', () => {
  it(
    'the reporter rates the answer (not solved) and reopens the report',
    async () => {
      // the agency acts through the API (its screens come with the next issue)
      const officer = await staffApi(NIP.officer);
      const verified = await officer.getComplaint({ id: kept.code });
      expect(verified).toMatchObject({ status: 'VERIFIED', agencyId: 'DPU', complexity: 'SIMPLE' });
      const ack = await officer.acknowledgeComplaint({ id: kept.code }, { version: verified.version });
      await officer.respondComplaint(
        { id: kept.code },
        { answer: 'Lampu sudah diganti oleh tim PJU pada hari Selasa.', version: ack.version },
      );

      await page.goto(kept.link);
      await page.getByText('Sudah dijawab').first().waitFor();
      await page.getByText('Lampu sudah diganti oleh tim PJU').waitFor();
      await page.getByRole('button', { name: 'Kirim penilaian' }).click();
      await page.getByRole('alert').filter({ hasText: 'Pilih nilai dari 1 sampai 5' }).waitFor();
      await page.getByRole('radio', { name: '2', exact: true }).check();
      await page.getByRole('radio', { name: 'Belum selesai' }).check();
      await look('track-answered');
      await page.getByRole('button', { name: 'Kirim penilaian' }).click();
      await page.getByText('Anda memberi nilai 2 dari 5 (masalah belum selesai).').waitFor();

      await page
        .getByLabel('Mengapa laporan perlu dibuka kembali?')
        .fill('Lampunya mati lagi keesokan malamnya.');
      await page.getByRole('button', { name: 'Buka kembali laporan' }).click();
      await page.getByRole('listitem').filter({ hasText: 'Dibuka kembali oleh pelapor' }).waitFor();
      await screenshots(page, 'track-reopened');
    },
    STEP,
  );

  it(
    'reads the page in English on request',
    async () => {
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: `Report ${kept.code}` }).waitFor();
      await page.getByRole('listitem').filter({ hasText: 'Reopened by the reporter' }).waitFor();
      await page.getByRole('button', { name: 'Indonesia' }).click();
    },
    STEP,
  );
});
