/**
 * The web app's build. `virtual:sinergi-routes` is the typed client's route table, computed from
 * functions/catalog.ts at build time (method, path and which inputs each route takes), so the
 * browser gets the routes without every zod schema of the API.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { tsImport } from 'tsx/esm/api';
import { defineConfig, type Plugin } from 'vite';

const VIRTUAL = 'virtual:sinergi-routes';

const routeTable = (): Plugin => ({
  name: 'sinergi-route-table',
  resolveId: (id) => (id === VIRTUAL ? `\0${VIRTUAL}` : undefined),
  load: async (id) => {
    if (id !== `\0${VIRTUAL}`) return undefined;
    const client = fileURLToPath(new URL('../shared/client/index.ts', import.meta.url));
    const mod = (await tsImport(client, import.meta.url)) as { routeTable: unknown };
    return `export default ${JSON.stringify(mod.routeTable)};`;
  },
});

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), routeTable()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // the build's own timing report is noise in `npm start` and test output
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: { proxy: { '/v1': 'http://localhost:3000', '/oidc': 'http://localhost:3000' } },
});
