/**
 * The local twin of Cognito's managed login: a certified OpenID Provider (oidc-provider) on the
 * gateway's origin under /oidc, authorization code with PKCE for the web app's public client.
 * Its sign-in page lets a newcomer pick a demo user (one per role, or search by NIP or name);
 * tokens carry the claims of shared/employees/claims.ts, as the pre-token trigger adds them in AWS.
 * The gateway verifies its ID tokens by the provider's JWKS, as the JWT authorizer does.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JWK } from 'jose';
import Provider, { type Configuration } from 'oidc-provider';
import { tokenClaims } from '../../shared/employees/claims.js';
import { type EmployeeRecord, getEmployee, searchByName } from '../../shared/employees/store.js';
import type { Db } from '../../shared/platform/dynamo.js';
import { ROLES } from '../../shared/platform/roles.js';
import { LOCAL_AUDIENCE } from './keys.js';
import { getDemoUsers } from './seed.js';

export const OIDC_PATH = '/oidc';
/** The web app's client id; the same value as the local tokens' audience, so one audience check serves both. */
export const OIDC_CLIENT_ID = LOCAL_AUDIENCE;

export interface LocalOidc {
  issuer: string;
  /** handles /oidc/...; answers false for any other path */
  handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean>;
}

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

const readForm = (req: IncomingMessage): Promise<URLSearchParams> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= 16 * 1024) chunks.push(c);
    });
    req.on('end', () => resolve(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });

const ROLE_WORDS: Record<string, string> = {
  EMPLOYEE: 'Pegawai (ASN)',
  AGENCY_ADMIN: 'Admin perangkat daerah',
  HR_ADMIN: 'BKPP (kepegawaian)',
  FINANCE: 'BPKAD (keuangan)',
  COMPLAINT_DESK: 'Meja pengaduan kota',
  COMPLAINT_OFFICER: 'Petugas pengaduan dinas',
  AUDITOR: 'Inspektorat (auditor)',
};

const page = (title: string, body: string) => `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} – Sinergi (lokal)</title>
<style>
body{font-family:system-ui,Arial,sans-serif;margin:0;color:#0b0c0c;line-height:1.45}
header{background:#0b3d6e;color:#fff;padding:.75rem 1rem;border-bottom:8px solid #ffdd00;font-weight:700}
main{max-width:720px;margin:0 auto;padding:1rem}
h1{font-size:1.8rem;margin:.5rem 0 1rem}
.note{border-left:8px solid #0b3d6e;background:#eef4fa;padding:.5rem 1rem}
label{display:block;font-weight:700;margin:.5rem 0 .25rem}
input[type=search]{font:inherit;width:100%;max-width:28em;border:2px solid #0b0c0c;padding:.4rem}
button{font:inherit;font-weight:600;background:#00703c;color:#fff;border:0;padding:.5rem .9rem;margin:.25rem 0;cursor:pointer;box-shadow:0 2px 0 #002d18}
button.secondary{background:#f3f2f1;color:#0b0c0c;box-shadow:0 2px 0 #929191}
ul{list-style:none;padding:0}li{border-bottom:1px solid #b1b4b6;padding:.5rem 0;display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:center;justify-content:space-between}
small{color:#484949;display:block}
:focus{outline:3px solid #ffdd00;box-shadow:inset 0 0 0 2px #0b0c0c}
</style></head>
<body><header>Sinergi · Masuk (penyedia identitas lokal)</header><main>${body}</main></body></html>`;

const userRow = (uid: string, e: EmployeeRecord, role?: string) => `<li>
<span>${role ? `<strong>${esc(ROLE_WORDS[role] ?? role)}</strong>` : ''}<span>${esc(e.name)}</span><small>NIP ${esc(e.nip)} · ${esc(e.agencyId)}</small></span>
<form method="post" action="${OIDC_PATH}/interaction/${esc(uid)}/login"><input type="hidden" name="nip" value="${esc(e.nip)}">
<button type="submit" aria-label="Masuk sebagai ${esc(e.name)}${role ? ` (${esc(ROLE_WORDS[role] ?? role)})` : ''}">Masuk</button></form></li>`;

export const startLocalOidc = async (options: {
  /** the gateway's public origin, e.g. http://localhost:3000 */
  origin: string;
  db: () => Db;
  signingKey: JWK;
}): Promise<LocalOidc> => {
  const issuer = `${options.origin}${OIDC_PATH}`;
  const configuration: Configuration = {
    clients: [
      {
        client_id: OIDC_CLIENT_ID,
        token_endpoint_auth_method: 'none',
        application_type: 'web',
        redirect_uris: [`${options.origin}/auth/callback`],
        post_logout_redirect_uris: [`${options.origin}/`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        id_token_signed_response_alg: 'ES256',
      },
    ],
    jwks: { keys: [{ ...options.signingKey, alg: 'ES256', use: 'sig' }] as never },
    pkce: { required: () => true },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    claims: { openid: ['sub', 'nip', 'agencyId', 'cognito:groups', 'cognito:username', 'name'] },
    // the claims go in the ID token (as Cognito's do), not only in userinfo
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    ttl: { IdToken: 8 * 3600, AccessToken: 8 * 3600, Session: 8 * 3600, Grant: 8 * 3600, Interaction: 3600 },
    interactions: { url: (_ctx, interaction) => `${OIDC_PATH}/interaction/${interaction.uid}` },
    // a first-party client: no consent screen, as with Cognito's managed login
    loadExistingGrant: async (ctx) => {
      const session = ctx.oidc.session;
      const client = ctx.oidc.client;
      if (!session || !client || !session.accountId) return undefined;
      const existing = session.grantIdFor(client.clientId);
      if (existing) {
        const grant = await ctx.oidc.provider.Grant.find(existing);
        if (grant) return grant;
      }
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope('openid');
      await grant.save();
      session.ensureClientContainer(client.clientId);
      session.grantIdFor(client.clientId, grant.jti as string);
      return grant;
    },
    findAccount: async (_ctx, nip) => {
      const e = await getEmployee(options.db(), nip);
      if (!e) return undefined;
      const claims = tokenClaims(e);
      return {
        accountId: nip,
        claims: async () => ({
          sub: `local-${nip}`,
          nip: claims.nip,
          ...(claims.agencyId ? { agencyId: claims.agencyId } : {}),
          'cognito:groups': claims.groups,
          'cognito:username': nip,
          name: e.name,
        }),
      };
    },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = page(
        'Gagal masuk',
        `<h1>Gagal masuk</h1><p>${esc(String(out.error_description ?? out.error))}</p><p><a href="/">Kembali ke Sinergi</a></p>`,
      );
    },
  };
  const provider = new Provider(issuer, configuration);
  const callback = provider.callback();

  const signInPage = async (uid: string, q: string): Promise<string> => {
    const db = options.db();
    const demo = await getDemoUsers(db);
    const roleRows: string[] = [];
    for (const role of ROLES) {
      const nip = demo?.roles[role];
      const e = nip ? await getEmployee(db, nip) : undefined;
      if (e) roleRows.push(userRow(uid, e, role));
    }
    let results = '';
    if (q) {
      const found: EmployeeRecord[] = [];
      if (/^\d{18}$/.test(q)) {
        const e = await getEmployee(db, q);
        if (e) found.push(e);
      } else if (q.trim().length >= 2) {
        const page1 = await searchByName(db, q, undefined, { limit: 10 });
        for (const s of page1.items) {
          const e = await getEmployee(db, s.nip);
          if (e) found.push(e);
        }
      }
      results = `<h2>Hasil pencarian “${esc(q)}”</h2>${
        found.length
          ? `<ul>${found.map((e) => userRow(uid, e)).join('')}</ul>`
          : '<p>Tidak ada pegawai yang cocok.</p>'
      }`;
    }
    return page(
      'Masuk',
      `<h1>Masuk ke Sinergi</h1>
<p class="note">Ini penyedia identitas <strong>lokal</strong> untuk mencoba Sinergi di komputer sendiri: pilih pegawai contoh, tanpa kata sandi. Di AWS, halaman ini adalah login Cognito.</p>
<form method="get" action="${OIDC_PATH}/interaction/${esc(uid)}" role="search">
<label for="q">Cari pegawai menurut NIP atau nama</label>
<input type="search" id="q" name="q" value="${esc(q)}" autocomplete="off">
<button type="submit" class="secondary">Cari</button></form>
${results}
${roleRows.length ? `<h2>Satu pegawai contoh untuk setiap peran</h2><ul>${roleRows.join('')}</ul>` : ''}`,
    );
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> => {
    if (path !== OIDC_PATH && !path.startsWith(`${OIDC_PATH}/`)) return false;
    const interaction = /^\/oidc\/interaction\/([\w-]+)(\/login)?$/.exec(path);
    if (interaction) {
      const uid = interaction[1] as string;
      try {
        const details = await provider.interactionDetails(req, res);
        if (details.uid !== uid) throw new Error('interaction mismatch');
        if (interaction[2] && req.method === 'POST') {
          const form = await readForm(req);
          const nip = form.get('nip') ?? '';
          if (!(await getEmployee(options.db(), nip))) throw new Error('unknown employee');
          await provider.interactionFinished(
            req,
            res,
            { login: { accountId: nip } },
            { mergeWithLastSubmission: false },
          );
          return true;
        }
        const q = new URL(req.url ?? '/', 'http://localhost').searchParams.get('q')?.trim() ?? '';
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(await signInPage(uid, q));
      } catch (e) {
        res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
        res.end(
          page(
            'Gagal masuk',
            `<h1>Sesi masuk tidak berlaku</h1><p>${esc((e as Error).message)}. Mulai lagi dari <a href="/">Sinergi</a>.</p>`,
          ),
        );
      }
      return true;
    }
    // oidc-provider reads its routes below the mount path, as when mounted by connect or express
    const original = req.url ?? '/';
    (req as IncomingMessage & { originalUrl?: string }).originalUrl = original;
    req.url = original.slice(OIDC_PATH.length) || '/';
    await new Promise<void>((resolve) => {
      res.on('finish', resolve);
      res.on('close', resolve);
      void callback(req, res);
    });
    return true;
  };

  return { issuer, handle };
};
