/**
 * The Sinergi API client for Node.js and bundlers that can afford the catalog (tests, scripts,
 * mobile teams): `createApi({ baseUrl }).getMe()`. The web app uses `createClient` with a route
 * table computed at build time instead (same types, smaller download).
 */
import { routes } from '../../functions/catalog.js';
import { type ClientOptions, createClient, routeTableOf } from './client.js';

export { type ClientOptions, createClient, routeTableOf } from './client.js';
export { ApiError, type ApiErrorDetail, isApiError } from './errors.js';
export type * from './types.js';

export const routeTable = routeTableOf(routes);
export const createApi = (options: ClientOptions = {}) => createClient(routeTable, options);
