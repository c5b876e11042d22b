/**
 * Sign-in as in production: OpenID Connect authorization code with PKCE (oidc-client-ts), against
 * the issuer in /config.json (the local OpenID Provider of `npm start`, or Cognito's managed
 * login in AWS). The API gets the ID token, as the JWT authorizer expects.
 */
import type { User, UserManager } from 'oidc-client-ts';
import { runtimeConfig } from '../api/config.js';

let manager: Promise<UserManager> | undefined;
let user: User | null = null;
const listeners = new Set<() => void>();

const getManager = (): Promise<UserManager> => {
  manager ??= Promise.all([import('oidc-client-ts'), runtimeConfig()]).then(
    ([{ UserManager, WebStorageStateStore }, config]) => {
      const m = new UserManager({
        authority: config.oidc.authority,
        client_id: config.oidc.clientId,
        redirect_uri: `${location.origin}/auth/callback`,
        post_logout_redirect_uri: `${location.origin}/`,
        response_type: 'code',
        scope: config.oidc.scope ?? 'openid',
        userStore: new WebStorageStateStore({ store: sessionStorage }),
        automaticSilentRenew: false,
      });
      m.events.addUserLoaded((u) => setUser(u));
      m.events.addUserUnloaded(() => setUser(null));
      return m;
    },
  );
  return manager;
};

const setUser = (next: User | null) => {
  user = next;
  for (const l of listeners) l();
};

/** The ID token for API calls, while it is valid. */
export const currentToken = (): string | undefined =>
  user && !user.expired ? (user.id_token ?? undefined) : undefined;

export interface Session {
  nip: string;
  name?: string;
  groups: string[];
}

export const currentSession = (): Session | null => {
  if (!user || user.expired) return null;
  const p = user.profile as Record<string, unknown>;
  const groups = p['cognito:groups'];
  return {
    nip: String(p.nip ?? p['cognito:username'] ?? p.sub),
    name: typeof p.name === 'string' ? p.name : undefined,
    groups: Array.isArray(groups) ? groups.map(String) : [],
  };
};

export const subscribe = (listener: () => void): (() => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** Restores a session kept in this tab (sessionStorage), without a round trip. */
export const restoreSession = async (): Promise<void> => {
  if (!Object.keys(sessionStorage).some((k) => k.startsWith('oidc.user:'))) return;
  const m = await getManager();
  setUser(await m.getUser());
};

export const signIn = async (returnTo: string): Promise<void> => {
  const m = await getManager();
  await m.signinRedirect({ state: { returnTo } });
};

export const completeSignIn = async (): Promise<string> => {
  const m = await getManager();
  const u = await m.signinRedirectCallback();
  setUser(u);
  const state = u.state as { returnTo?: string } | undefined;
  return state?.returnTo?.startsWith('/') ? state.returnTo : '/';
};

export const signOut = async (): Promise<void> => {
  const m = await getManager();
  await m.removeUser();
  setUser(null);
};
