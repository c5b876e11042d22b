/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2), JSON only, over the same complaints:
 * service = complaint category, service request = complaint, service_request_id = tracking code.
 *
 * - Statuses: open | closed (rules.ts `open311Status`), with `status_notes` (the answer, the
 *   rejection reason, or a note on the step) and `expected_datetime` (the answer's due date, or
 *   its estimate before verification).
 * - api_key is optional and not checked (no keys are issued; public writes are throttled by the
 *   stack); jurisdiction_id is ignored (one jurisdiction).
 * - POST answers the tracking code as service_request_id and, as an extension, the reporter
 *   secret (`reporter_secret`), shown once.
 * - CONFIDENTIAL complaints are never listed or shown; no reporter identity is ever returned.
 */
import { getAgencies } from '../employees/store.js';
import { NotFound, ValidationError } from '../platform/errors.js';
import type { Deps } from '../platform/http.js';
import { tryParse } from '../platform/validation.js';
import type { Category } from './categories.js';
import type { RequestBody, RequestsQuery } from './open311-schemas.js';
import { submitComplaint } from './public.js';
import {
  isTrackingCode,
  normaliseCode,
  OPEN311_STATUS_NOTES,
  open311Status,
  PRIVACIES,
  type Status,
} from './rules.js';
import { submitBody } from './schemas.js';
import * as store from './store.js';
import type { PublicComplaint } from './views.js';

export const SPEC = 'http://wiki.open311.org/GeoReport_v2';
export const MAX_REQUESTS = 1000;
export const DEFAULT_DAYS = 90;

// ── errors ───────────────────────────────────────────────────────────────────

/** An Open311 error: 400 with a description naming the Open311 field. */
const bad = (field: string, why: string) =>
  new ValidationError('VALIDATION', {}, [{ path: field, code: 'invalid', message: why }]);

/** Our field paths → the Open311 names a client sent. */
const OPEN311_FIELD: Array<[RegExp, string]> = [
  [/^body\.category/, 'service_code'],
  [/^body\.description/, 'description'],
  [/^body\.location/, 'lat/long/address_string'],
  [/^body\.photoUrls/, 'media_url'],
  [/^body\.reporter\.email/, 'email'],
  [/^body\.reporter\.phone/, 'phone'],
  [/^body\.reporter\.name/, 'first_name/last_name'],
  [/^body\.privacy/, 'attribute[privacy]'],
];
const open311Field = (path: string) => OPEN311_FIELD.find(([re]) => re.test(path))?.[1] ?? path;

// ── discovery and services ───────────────────────────────────────────────────

export const discovery = (baseUrl: string, changeset: string) => ({
  changeset,
  contact: 'Meja Pengaduan Kota Semarang (Diskominfo)',
  key_service: 'Tidak perlu api_key / no api_key needed',
  endpoints: [
    {
      specification: SPEC,
      url: `${baseUrl}/open311/v2`,
      changeset,
      type: 'production',
      formats: ['application/json'],
    },
  ],
});

export const serviceOf = (c: Category) => ({
  service_code: c.code,
  service_name: c.name,
  description: c.description,
  metadata: true,
  type: 'realtime',
  keywords: c.keywords.join(', '),
  group: c.group,
});

export const serviceDefinition = (c: Category) => ({
  service_code: c.code,
  attributes: [
    {
      variable: true,
      code: 'kelurahan',
      datatype: 'string',
      required: false,
      datatype_description:
        'Nama kelurahan; wajib bila tanpa lat/long (with address_string when there is no lat/long)',
      order: 1,
      description: 'Kelurahan',
    },
    {
      variable: true,
      code: 'privacy',
      datatype: 'singlevaluelist',
      required: false,
      datatype_description: 'PUBLIC (bawaan), ANONYMOUS, atau CONFIDENTIAL',
      order: 2,
      description: 'Privasi laporan',
      values: [
        { key: 'PUBLIC', name: 'Publik' },
        { key: 'ANONYMOUS', name: 'Anonim (identitas disembunyikan)' },
        { key: 'CONFIDENTIAL', name: 'Rahasia (laporan tidak dipublikasikan)' },
      ],
    },
  ],
});

export const listServices = async (deps: Deps) =>
  (await store.listCategories(deps.db)).filter((c) => c.active).map(serviceOf);

/** `PJU.json` → the category; another format or an unknown code → 404/400 in Open311's words. */
export const stripJson = (file: string, what: string): string => {
  const m = /^(.+)\.(json|xml)$/i.exec(file);
  if (!m) throw new NotFound('NOT_FOUND', { entity: what });
  if ((m[2] as string).toLowerCase() !== 'json')
    throw bad('format', 'only the JSON format (.json) is served');
  return m[1] as string;
};

export const getServiceDefinition = async (deps: Deps, file: string) => {
  const code = stripJson(file, 'service');
  const c = await store.getCategory(deps.db, code.toUpperCase());
  if (!c?.active) throw new NotFound('NOT_FOUND', { entity: 'service' });
  return serviceDefinition(c);
};

// ── requests ─────────────────────────────────────────────────────────────────

const number = (v: string | number | undefined, field: string): number | undefined => {
  if (v === undefined || v === '') return undefined;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n)) throw bad(field, `${field} must be a number`);
  return n;
};

/** POST requests.json: the Open311 fields → our complaint, validated by the same rules as the API. */
export const postRequest = async (deps: Deps, body: RequestBody, idempotencyKey: string | undefined) => {
  const attr = (k: string) => body.attribute?.[k] ?? (body as Record<string, unknown>)[`attribute[${k}]`];
  const privacy = (attr('privacy') as string | undefined)?.toUpperCase() || undefined;
  if (privacy !== undefined && !(PRIVACIES as readonly string[]).includes(privacy)) {
    throw bad('attribute[privacy]', `attribute[privacy] must be one of ${PRIVACIES.join(', ')}`);
  }
  const name = [body.first_name, body.last_name].filter(Boolean).join(' ').trim();
  const reporter = {
    ...(name ? { name } : {}),
    ...(body.email ? { email: body.email } : {}),
    ...(body.phone ? { phone: body.phone } : {}),
  };
  const candidate = {
    category: body.service_code.toUpperCase(),
    description: body.description ?? '',
    location: {
      ...(body.lat !== undefined && body.lat !== '' ? { lat: number(body.lat, 'lat') } : {}),
      ...(body.long !== undefined && body.long !== '' ? { lng: number(body.long, 'long') } : {}),
      ...(body.address_string ? { address: body.address_string } : {}),
      ...(attr('kelurahan') ? { kelurahan: attr('kelurahan') } : {}),
    },
    ...(privacy ? { privacy } : {}),
    ...(Object.keys(reporter).length ? { reporter } : {}),
    ...(body.media_url?.length ? { photoUrls: [body.media_url].flat() } : {}),
  };
  const parsed = tryParse(submitBody, candidate, 'body');
  const rename = (e: ValidationError) =>
    new ValidationError(
      e.code,
      e.params,
      (e.details ?? []).map((d) => ({ ...d, path: open311Field(d.path) })),
    );
  if (!parsed.ok) throw rename(new ValidationError('VALIDATION', {}, parsed.details));
  try {
    const out = await submitComplaint(deps, parsed.value, { idempotencyKey, source: 'OPEN311' });
    return [
      {
        service_request_id: out.trackingCode,
        service_notice: `Lacak di /v1/public/complaints/${out.trackingCode}; perkiraan jawaban ${out.due.expectedAnswer}`,
        account_id: null,
        ...(out.reporterSecret ? { reporter_secret: out.reporterSecret } : {}),
      },
    ];
  } catch (e) {
    if (e instanceof ValidationError) throw rename(e);
    throw e;
  }
};

const statusNotes = (c: PublicComplaint): string => {
  if (c.status === 'REJECTED' && c.rejectedReason) return c.rejectedReason;
  if (c.status === 'MERGED' && c.mergedInto) return `${OPEN311_STATUS_NOTES.MERGED} (${c.mergedInto})`;
  if ((c.status === 'RESPONDED' || c.status === 'CLOSED') && c.answer) return c.answer.text;
  return OPEN311_STATUS_NOTES[c.status];
};

export const toRequest = (
  c: PublicComplaint,
  names: { services: Map<string, string>; agencies: Map<string, string> },
) => ({
  service_request_id: c.trackingCode,
  status: open311Status(c.status),
  status_notes: statusNotes(c),
  service_name: names.services.get(c.category) ?? c.category,
  service_code: c.category,
  description: c.description,
  agency_responsible: c.agencyId ? (names.agencies.get(c.agencyId) ?? c.agencyId) : null,
  service_notice: null,
  requested_datetime: c.submittedAt,
  updated_datetime: c.updatedAt,
  expected_datetime: c.expectedAt,
  address: [c.location.address, c.location.kelurahan].filter(Boolean).join(', ') || null,
  address_id: null,
  zipcode: null,
  lat: c.location.lat ?? null,
  long: c.location.lng ?? null,
  media_url: c.photoUrls[0] ?? null,
  /** every media URL of the request (GeoReport v2 has one `media_url`: the first is kept there) */
  media_urls: c.photoUrls,
});

const names = async (deps: Deps, items: readonly PublicComplaint[]) => {
  const [categories, agencies] = await Promise.all([
    store.listCategories(deps.db),
    getAgencies(deps.db, [...new Set(items.map((c) => c.agencyId).filter((a): a is string => !!a))]),
  ]);
  return {
    services: new Map(categories.map((c) => [c.code, c.name])),
    agencies: new Map([...agencies.values()].map((a) => [a.agencyId, a.name])),
  };
};

/** A W3C datetime with its time zone (2026-03-17T09:00:00+07:00 or …Z). */
const datetime = (v: string | undefined, field: string): Date | undefined => {
  if (v === undefined || v === '') return undefined;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v))
    throw bad(field, `${field} must be a W3C datetime with a time zone, e.g. 2026-03-17T09:00:00+07:00`);
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw bad(field, `${field} is not a valid datetime`);
  return d;
};

const list = (v: string | undefined) =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

const OPEN: readonly Status[] = ['SUBMITTED', 'VERIFIED', 'IN_PROGRESS', 'RESPONDED'];
const CLOSED: readonly Status[] = ['CLOSED', 'REJECTED', 'MERGED'];

/**
 * GET requests.json. `service_request_id` (comma list) wins over every other filter, as the spec
 * says; otherwise the date range (default the last 90 days), service_code (comma list) and status
 * (open, closed), newest first, at most 1,000.
 */
export const getRequests = async (deps: Deps, q: RequestsQuery) => {
  const ids = list(q.service_request_id);
  let items: PublicComplaint[];
  if (ids.length > 0) {
    const codes = ids.map(normaliseCode).filter(isTrackingCode).slice(0, MAX_REQUESTS);
    items = await store.getFeedItems(deps.db, codes);
  } else {
    const end = datetime(q.end_date, 'end_date') ?? deps.clock();
    const start =
      datetime(q.start_date, 'start_date') ?? new Date(end.getTime() - DEFAULT_DAYS * 24 * 3_600_000);
    if (start > end) throw bad('start_date', 'start_date is after end_date');
    const wanted = list(q.status).map((s) => s.toLowerCase());
    if (wanted.some((s) => s !== 'open' && s !== 'closed'))
      throw bad('status', 'status must be open or closed');
    const statuses = wanted.length === 1 ? (wanted[0] === 'open' ? OPEN : CLOSED) : undefined;
    const services = list(q.service_code).map((s) => s.toUpperCase());
    const partitions = services.length > 0 ? services : [undefined];
    items = [];
    for (const category of partitions) {
      let cursor: string | undefined;
      do {
        const page = await store.listFeed(
          deps.db,
          { category, statuses, from: start.toISOString(), to: end.toISOString() },
          { limit: 100, cursor },
        );
        items.push(...page.items);
        cursor = page.cursor;
      } while (cursor && items.length < MAX_REQUESTS);
    }
  }
  items.sort((a, b) => b.submittedAt.localeCompare(a.submittedAt));
  const shown = items.slice(0, MAX_REQUESTS);
  const n = await names(deps, shown);
  return shown.map((c) => toRequest(c, n));
};

/** GET requests/{id}.json: an array of one, as the spec has it; 404 for unknown or confidential. */
export const getRequest = async (deps: Deps, file: string) => {
  const code = normaliseCode(stripJson(file, 'service_request'));
  const c = isTrackingCode(code) ? await store.getFeedItem(deps.db, code) : undefined;
  if (!c) throw new NotFound('NOT_FOUND', { entity: 'service_request' });
  return [toRequest(c, await names(deps, [c]))];
};
