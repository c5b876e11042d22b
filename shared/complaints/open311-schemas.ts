/** The Open311 GeoReport v2 contract (zod only: the catalog imports it). See open311.ts. */
import * as z from 'zod/mini';

const str = z.optional(z.string().check(z.maxLength(5000)));
const num = z.optional(z.union([z.number(), z.string().check(z.maxLength(40))]));

export const fileParam = z.object({ file: z.string().check(z.minLength(1), z.maxLength(120)) });

/** Form fields or JSON. Form clients send `attribute[kelurahan]`; JSON clients may send `attribute: {}`. */
export const requestBody = z.object({
  api_key: str,
  jurisdiction_id: str,
  service_code: z.string().check(z.minLength(1), z.maxLength(60)),
  lat: num,
  long: num,
  address_string: str,
  address_id: str,
  email: str,
  device_id: str,
  account_id: str,
  first_name: str,
  last_name: str,
  phone: str,
  description: str,
  /** one URL; a JSON client may send several (the request keeps up to 5) */
  media_url: z.optional(
    z.union([
      z.string().check(z.maxLength(5000)),
      z.array(z.string().check(z.maxLength(5000))).check(z.maxLength(5)),
    ]),
  ),
  attribute: z.optional(z.record(z.string(), z.string())),
  'attribute[kelurahan]': str,
  'attribute[privacy]': str,
});
export type RequestBody = z.output<typeof requestBody>;

export const requestsQuery = z.object({
  api_key: str,
  jurisdiction_id: str,
  service_request_id: z.optional(z.string().check(z.maxLength(2000))),
  service_code: z.optional(z.string().check(z.maxLength(500))),
  start_date: z.optional(z.string().check(z.maxLength(40))),
  end_date: z.optional(z.string().check(z.maxLength(40))),
  status: z.optional(z.string().check(z.maxLength(20))),
});
export type RequestsQuery = z.output<typeof requestsQuery>;

/** Open311 clients add api_key and jurisdiction_id anywhere; unknown query keys are ignored. */
export const anyQuery = z.object({ api_key: str, jurisdiction_id: str });

// ── answers (GeoReport v2 JSON) ────────────────────────────────────────────────

export const discovery = z.object({
  changeset: z.string(),
  contact: z.string(),
  key_service: z.string(),
  endpoints: z.array(
    z.object({
      specification: z.string(),
      url: z.string(),
      changeset: z.string(),
      type: z.enum(['production', 'test']),
      formats: z.array(z.string()),
    }),
  ),
});

export const service = z.object({
  service_code: z.string(),
  service_name: z.string(),
  description: z.string(),
  metadata: z.boolean(),
  type: z.enum(['realtime', 'batch', 'blackbox']),
  keywords: z.string(),
  group: z.string(),
});
export const serviceList = z.array(service);

export const serviceDefinition = z.object({
  service_code: z.string(),
  attributes: z.array(
    z.object({
      variable: z.boolean(),
      code: z.string(),
      datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
      required: z.boolean(),
      datatype_description: z.string(),
      order: z.int(),
      description: z.string(),
      values: z.optional(z.array(z.object({ key: z.string(), name: z.string() }))),
    }),
  ),
});

/** The answer to a submission: the tracking code as service_request_id, and the reporter secret once. */
export const submitted = z.array(
  z.object({
    service_request_id: z.string(),
    service_notice: z.string(),
    account_id: z.null(),
    reporter_secret: z.optional(z.string()),
  }),
);

export const serviceRequest = z.object({
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  status_notes: z.string(),
  service_name: z.string(),
  service_code: z.string(),
  description: z.string(),
  agency_responsible: z.nullable(z.string()),
  service_notice: z.null(),
  requested_datetime: z.string(),
  updated_datetime: z.string(),
  expected_datetime: z.nullable(z.string()),
  address: z.nullable(z.string()),
  address_id: z.null(),
  zipcode: z.null(),
  lat: z.nullable(z.number()),
  long: z.nullable(z.number()),
  /** the first photo (GeoReport v2) */
  media_url: z.nullable(z.string()),
  /** every photo of the request (an extension: GeoReport v2 has room for one) */
  media_urls: z.array(z.string()),
});
export const serviceRequests = z.array(serviceRequest);
