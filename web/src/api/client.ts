/**
 * The one way the web app reaches the API: the typed client derived from functions/catalog.ts.
 * A route renamed or a field changed in the catalog fails `npm run typecheck` on the screens.
 */
import table from 'virtual:sinergi-routes';
import { createClient } from '../../../shared/client/client.js';
import { currentToken } from '../auth/session.js';
import { currentLanguage } from '../shared/i18n/language.js';

export { ApiError, isApiError } from '../../../shared/client/errors.js';
export type { BodyOf, ResponseOf } from '../../../shared/client/types.js';

export const api = createClient(table, {
  baseUrl: '',
  getToken: currentToken,
  language: currentLanguage,
});
