declare module 'virtual:sinergi-routes' {
  import type { RouteTable } from '../../../shared/client/types.js';

  const table: RouteTable;
  export default table;
}
