/**
 * Complaints: p50/p99 of the public submit and of tracking under concurrent load through the
 * gateway, and the complaint-sla job over 50,000 stored complaints of which 500 are due (as time
 * and as the number of items it read: it must read the due ones, not the table).
 */
import { performance } from 'node:perf_hooks';
import { runComplaintSla } from '../functions/jobs/complaint-sla.js';
import { defaultCategories } from '../shared/complaints/categories.js';
import type { Complaint } from '../shared/complaints/lifecycle.js';
import * as life from '../shared/complaints/lifecycle.js';
import { newCode, newSecret } from '../shared/complaints/secrets.js';
import { categoryItem, complaintItem, listCategories } from '../shared/complaints/store.js';
import { batchWrite } from '../shared/platform/dynamo.js';
import { type BenchContext, type Figure, measure, round } from './lib.js';

const body = (i: number) => ({
  category: 'JALAN_RUSAK',
  description: `Jalan berlubang di depan rumah nomor ${i}, membahayakan pengendara motor pada malam hari.`,
  location: {
    lat: -7.0 - (i % 100) / 1000,
    lng: 110.4 + (i % 100) / 1000,
    kelurahan: 'Tembalang',
    address: 'Jl. Bench',
  },
  reporter: { name: 'Warga Bench', phone: '081234567890' },
});

/** 50,000 complaints, `due` of them with a step already due at `now`, the rest weeks away. */
const complaints = (total: number, due: number, now: Date): Complaint[] => {
  const calendars = {};
  const sl = defaultCategories(now)[0]?.serviceLevel;
  if (!sl) throw new Error('no default category');
  const { stored } = newSecret();
  const codes = new Set<string>();
  while (codes.size < total) codes.add(newCode());
  return [...codes].map((id, i) => {
    const filedAt =
      i < due ? new Date(now.getTime() - 10 * 86_400_000) : new Date(now.getTime() + 2 * 3_600_000);
    const c = life.submit(
      {
        id,
        privacy: 'PUBLIC',
        category: 'JALAN_RUSAK',
        description: 'Jalan berlubang (bench).',
        location: { lat: -7.0, lng: 110.4 },
        photoUrls: [],
        source: 'WEB',
        secret: stored,
        hasReporterDetails: false,
        serviceLevel: sl,
        defaultComplexity: 'SIMPLE',
      },
      { now: filedAt, calendars },
    ).complaint;
    return life.verify(
      c,
      {
        title: 'Bench',
        classification: 'PENGADUAN',
        category: 'JALAN_RUSAK',
        agencyId: 'DPU',
        complexity: 'SIMPLE',
        serviceLevel: sl,
      },
      '199211112018032011',
      { now: new Date(filedAt.getTime() + 3_600_000), calendars },
    ).complaint;
  });
};

export const benchComplaints = async (ctx: BenchContext): Promise<Figure[]> => {
  const figures: Figure[] = [];
  if ((await listCategories(ctx.db)).length === 0) {
    await batchWrite(
      ctx.db,
      defaultCategories(new Date()).map((c) => ({ put: categoryItem(c) })),
    );
  }
  const iterations = ctx.quick ? 100 : 1000;
  const concurrency = 16;
  const codes: string[] = [];
  ctx.log(`complaints: ${iterations} public submits, ${concurrency} in flight`);
  const submit = await measure(
    async (i) => {
      const res = await fetch(`${ctx.gatewayUrl}/v1/public/complaints`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body(i)),
      });
      const json = (await res.json()) as { trackingCode?: string };
      if (res.status !== 201 || !json.trackingCode) throw new Error(`submit answered ${res.status}`);
      codes.push(json.trackingCode);
    },
    { iterations, concurrency },
  );
  figures.push(
    {
      name: 'POST /v1/public/complaints p50',
      value: round(submit.p50),
      unit: 'ms',
      note: `${concurrency} concurrent`,
    },
    {
      name: 'POST /v1/public/complaints p99',
      value: round(submit.p99),
      unit: 'ms',
      note: `${submit.count} requests, ${submit.errors} errors`,
    },
  );

  ctx.log(`complaints: ${iterations} trackings, ${concurrency} in flight`);
  const track = await measure(
    async (i) => {
      const res = await fetch(`${ctx.gatewayUrl}/v1/public/complaints/${codes[i % codes.length]}`);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`tracking answered ${res.status}`);
    },
    { iterations, concurrency },
  );
  figures.push(
    {
      name: 'GET /v1/public/complaints/{code} p50',
      value: round(track.p50),
      unit: 'ms',
      note: `${concurrency} concurrent`,
    },
    {
      name: 'GET /v1/public/complaints/{code} p99',
      value: round(track.p99),
      unit: 'ms',
      note: `${track.count} requests, ${track.errors} errors`,
    },
  );

  const total = ctx.quick ? 5_000 : 50_000;
  const due = ctx.quick ? 50 : 500;
  const now = new Date();
  ctx.log(`complaints: loading ${total} complaints (${due} due) into a fresh table (untimed)`);
  const fresh = await ctx.freshTable();
  try {
    const items = complaints(total, due, now).map((c) => ({ put: complaintItem(c) }));
    for (let i = 0; i < items.length; i += 5_000) await batchWrite(fresh, items.slice(i, i + 5_000));
    const t = performance.now();
    const counts = await runComplaintSla({ db: fresh }, now);
    const ms = performance.now() - t;
    figures.push(
      {
        name: `complaint-sla over ${total} complaints, ${due} due: time`,
        value: round(ms),
        unit: 'ms',
        note: `${counts.due} escalated, ${counts.escalations} steps recorded`,
      },
      {
        name: `complaint-sla over ${total} complaints, ${due} due: items read`,
        value: counts.itemsRead,
        unit: 'items',
        target: `≈ ${due} (the due ones), never ${total}`,
        ok: counts.itemsRead >= due && counts.itemsRead < due + 50,
      },
    );
  } finally {
    ctx.useCityTable();
  }
  return figures;
};
