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

export const anyJson = z.unknown();

/** Open311 clients add api_key and jurisdiction_id anywhere; unknown query keys are ignored. */
export const anyQuery = z.object({ api_key: str, jurisdiction_id: str });
