/**
 * The one esbuild configuration: the stack hands `lambdaBundling` to every NodejsFunction, and the
 * bundle-size benchmark calls esbuild's JS API with `esbuildOptionsFor(entry)`, so what is measured
 * is what is deployed. The function entries are derived from the catalog, never listed by hand.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BundlingOptions, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';
import { jobs, routes } from '../functions/catalog.js';
import { AREA_FUNCTIONS, type AreaFunction, type JobDef, type RouteDef } from '../shared/platform/route.js';

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const LOCK_FILE = join(PROJECT_ROOT, 'package-lock.json');

const TARGET = 'node24';
/** The Node.js 24 runtime ships AWS SDK v3: keep it out of the bundle. */
const EXTERNAL = ['@aws-sdk/*'];
const MAIN_FIELDS = ['module', 'main'];
/** ESM bundles have no `require`; CommonJS dependencies that call it get one from createRequire. */
const BANNER = "import { createRequire } from 'node:module';const require = createRequire(import.meta.url);";

export const lambdaBundling = {
  minify: true,
  sourceMap: true,
  format: OutputFormat.ESM,
  target: TARGET,
  externalModules: EXTERNAL,
  mainFields: MAIN_FIELDS,
  banner: BANNER,
} satisfies BundlingOptions;

/** Files a function reads at run time, shipped beside its bundle (the PDF fonts of the documents area). */
export const FILES_BESIDE: Partial<Record<string, { dir: string; files: string[] }>> = {
  documents: {
    dir: 'fonts',
    files: ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) =>
      join(PROJECT_ROOT, 'node_modules', 'dejavu-fonts-ttf', 'ttf', f),
    ),
  },
};

/** lambdaBundling, plus a hook that copies the function's run-time files into its bundle. */
export const bundlingFor = (name: string): BundlingOptions => {
  const beside = FILES_BESIDE[name];
  if (!beside) return lambdaBundling;
  return {
    ...lambdaBundling,
    commandHooks: {
      beforeBundling: () => [],
      beforeInstall: () => [],
      afterBundling: (_input: string, output: string) => [
        `mkdir -p "${output}/${beside.dir}"`,
        ...beside.files.map((f) => `cp "${f}" "${output}/${beside.dir}/"`),
      ],
    },
  };
};

/**
 * The same build through esbuild's JS API. NodejsFunction names ESM output `index.mjs`; with
 * `write: false` the output stays in memory (`result.outputFiles`, with its `.map` beside it).
 */
export const esbuildOptionsFor = (entry: string): BuildOptions & { entryPoints: string[] } => ({
  entryPoints: [entry],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: TARGET,
  minify: lambdaBundling.minify,
  sourcemap: lambdaBundling.sourceMap,
  external: EXTERNAL,
  mainFields: MAIN_FIELDS,
  banner: { js: BANNER },
  outfile: 'index.mjs',
  write: false,
  metafile: true,
  logLevel: 'warning',
});

export interface FunctionEntry {
  name: string;
  /** absolute path of the TypeScript entry (it exports `handler`) */
  entry: string;
}

const allRoutes = (): RouteDef[] => Object.values(routes) as RouteDef[];
export const allJobs = (): [string, JobDef][] => Object.entries(jobs as Record<string, JobDef>);

/** The areas that have at least one route in the catalog, in AREA_FUNCTIONS order. */
export const areasWithRoutes = (): AreaFunction[] => {
  const used = new Set(allRoutes().map((r) => r.fn));
  return AREA_FUNCTIONS.filter((fn) => used.has(fn));
};

export const areaEntries = (): FunctionEntry[] =>
  areasWithRoutes().map((name) => ({ name, entry: join(PROJECT_ROOT, 'functions', `${name}.ts`) }));

export const jobEntries = (): FunctionEntry[] =>
  allJobs().map(([name]) => ({ name, entry: join(PROJECT_ROOT, 'functions', 'jobs', `${name}.ts`) }));

/** The Cognito pre-token-generation trigger. */
export const preTokenEntry: FunctionEntry = {
  name: 'pre-token',
  entry: join(PROJECT_ROOT, 'functions', 'pre-token.ts'),
};

/** Every Lambda the stack deploys: what the bundle-size benchmark measures. */
export const allEntries = (): FunctionEntry[] => [
  ...areaEntries(),
  ...jobEntries(),
  preTokenEntry,
  userSyncEntry,
];

/** The table stream's consumer that keeps Cognito users in step with employee records. */
export const userSyncEntry: FunctionEntry = {
  name: 'user-sync',
  entry: join(PROJECT_ROOT, 'functions', 'user-sync.ts'),
};
