import { routes } from '../../functions/catalog.js';
import { type Gateway, startGateway } from '../../infra/local/gateway.js';
import { type KeyPair, mintToken, newKeyPair } from '../../infra/local/keys.js';
import { guardedLoader } from '../../infra/local/write-guard.js';
import { tokenClaims } from '../../shared/employees/claims.js';
import type { EmployeeRecord } from '../../shared/employees/store.js';
import { checkAnswer, warmUpContract } from './contract.js';

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers
  json: any;
}

export interface TestGateway {
  gateway: Gateway;
  keys: KeyPair;
  token(e: EmployeeRecord): Promise<string>;
  call(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> },
    /** every answer is checked against the OpenAPI document (test/support/contract.ts) */
  ): Promise<Answer>;
  close(): Promise<void>;
}

/** The local gateway over this process's handlers (pointed at the test table), with fresh keys. */
export const startTestGateway = async (): Promise<TestGateway> => {
  warmUpContract();
  const keys = await newKeyPair();
  // each area with its write grant, as in AWS (a write outside it fails with AccessDeniedException)
  const gateway = await startGateway({ routes, verifyKey: keys.publicKey, loadHandler: guardedLoader });
  return {
    gateway,
    keys,
    token: (e) => mintToken(keys, tokenClaims(e)),
    call: async (method, path, options = {}) => {
      const headers: Record<string, string> = { ...(options.headers ?? {}) };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      let body: string | undefined = options.raw;
      if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      }
      const res = await fetch(`${gateway.url}${path}`, { method, headers, body });
      const text = await res.text();
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      const answer = { status: res.status, headers: res.headers, text, json };
      checkAnswer(method, path, answer); // every answer matches the document, or the test fails
      return answer;
    },
    close: () => gateway.close(),
  };
};
