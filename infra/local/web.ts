/**
 * The local twin of CloudFront + S3 web hosting: the built web app (web/dist) on the gateway's
 * origin, hashed assets with a long cache, every other path answered with index.html (the SPA
 * decides), and /config.json telling the app which OpenID Provider to use.
 * `ensureWebBuilt` builds web/dist with Vite when it is missing or older than its sources.
 */
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { ROOT } from './env.js';

export const WEB_DIR = join(ROOT, 'web');
export const WEB_DIST = join(WEB_DIR, 'dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

/** What CloudFront's response headers policy sends with the app (see the README). */
export const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy':
    "default-src 'self'; img-src 'self' data: https:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
};

/** Paths that belong to the API or the gateway, never to the app (an unknown one stays a 404). */
const NOT_APP = /^\/(v1|open311|oidc|docs)(\/|$)|^\/openapi\.json$/;

export interface WebOptions {
  root?: string;
  /** served as /config.json */
  config: unknown;
}

/** Serves the app for GET/HEAD requests no API route took; answers false when it is not the app's. */
export const webHandler = (options: WebOptions) => {
  const root = options.root ?? WEB_DIST;
  return (req: IncomingMessage, res: ServerResponse, path: string): boolean => {
    const method = req.method ?? 'GET';
    if ((method !== 'GET' && method !== 'HEAD') || NOT_APP.test(path)) return false;
    if (path === '/config.json') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(method === 'HEAD' ? undefined : JSON.stringify(options.config));
      return true;
    }
    let file: string | undefined;
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return false;
    }
    const candidate = normalize(join(root, decoded));
    if (candidate.startsWith(root + sep) && existsSync(candidate) && statSync(candidate).isFile())
      file = candidate;
    const isIndex = !file;
    if (isIndex) {
      // a missing asset is a 404, not the app's page
      if (extname(decoded) && decoded !== '/') return false;
      file = join(root, 'index.html');
      if (!existsSync(file)) return false;
    }
    const target = file as string;
    const headers: Record<string, string> = {
      'content-type': TYPES[extname(target)] ?? 'application/octet-stream',
      'cache-control': decoded.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...(target.endsWith('.html') ? SECURITY_HEADERS : { 'x-content-type-options': 'nosniff' }),
    };
    res.writeHead(200, headers);
    res.end(method === 'HEAD' ? undefined : readFileSync(target));
    return true;
  };
};

/** The newest file below `path` (files only: swapping web/dist in touches the web/ folder itself). */
const newest = (path: string): number => {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'dist' || entry.startsWith('.dist-') || entry === 'node_modules') continue;
    max = Math.max(max, newest(join(path, entry)));
  }
  return max;
};

/** The sources web/dist is built from: the app, the client, the catalog and the schemas it reads. */
const SOURCES = [WEB_DIR, join(ROOT, 'shared'), join(ROOT, 'functions', 'catalog.ts'), join(ROOT, 'data')];

export const webIsCurrent = (): boolean => {
  const built = join(WEB_DIST, 'index.html');
  if (!existsSync(built)) return false;
  const builtAt = statSync(built).mtimeMs;
  return SOURCES.every((s) => newest(s) <= builtAt);
};

/** Builds web/dist with Vite (in this process) unless it is current. Answers whether it built. */
export const ensureWebBuilt = async (log: (line: string) => void = () => undefined): Promise<boolean> => {
  if (webIsCurrent()) return false;
  log('Building the web app (web/dist)…');
  const started = Date.now();
  const { build } = await import('vite');
  // built beside, then swapped in: a second build at the same time (another test worker) never
  // leaves a half-written web/dist behind
  const outDir = join(WEB_DIR, `.dist-${process.pid}`);
  // a production build even when this process runs with NODE_ENV=test (vitest): React's JSX
  // transform and its build follow NODE_ENV, and the development build is three times the size
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(WEB_DIR, 'vite.config.ts'), logLevel: 'warn', build: { outDir } });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  rmSync(WEB_DIST, { recursive: true, force: true });
  renameSync(outDir, WEB_DIST);
  log(`Built the web app in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return true;
};
