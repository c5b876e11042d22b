/**
 * The runtime configuration, read from /config.json on the same origin: locally `npm start` serves
 * it (the local OpenID Provider); in AWS the deployment writes it beside the app (Cognito's
 * managed login). The same build runs in both.
 */
export interface RuntimeConfig {
  oidc: { authority: string; clientId: string; scope?: string };
}

let loaded: Promise<RuntimeConfig> | undefined;

export const runtimeConfig = (): Promise<RuntimeConfig> => {
  loaded ??= fetch('/config.json', { headers: { accept: 'application/json' } }).then((res) => {
    if (!res.ok) throw new Error(`config.json: HTTP ${res.status}`);
    return res.json() as Promise<RuntimeConfig>;
  });
  return loaded;
};
