import 'server-only';
import { CarrierError } from './types';

// OAuth 2.0 client credentials, as UPS, FedEx and USPS use it: one token per client, kept until
// shortly before it expires, fetched once even when many calls need it at the same moment, and
// renewed once when the carrier answers 401 to a token it gave out.

export type OAuthSettings = {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** `basic`: credentials in an Authorization header (UPS); `form`: in the form body (FedEx, USPS). */
  credentials: 'basic' | 'form';
  scope?: string;
};

export type OAuthClient = {
  token(signal: AbortSignal): Promise<string>;
  /** Forget the token (the carrier said 401). */
  invalidate(): void;
};

const EARLY_RENEWAL_MS = 60_000;

export function createOAuthClient(settings: () => OAuthSettings): OAuthClient {
  let cached: { token: string; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function fetchToken(signal: AbortSignal): Promise<string> {
    const s = settings();
    const body = new URLSearchParams({ grant_type: 'client_credentials' });
    if (s.scope) body.set('scope', s.scope);
    const headers: Record<string, string> = {
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
    };
    if (s.credentials === 'basic') {
      headers.Authorization = `Basic ${Buffer.from(`${s.clientId}:${s.clientSecret}`).toString('base64')}`;
    } else {
      body.set('client_id', s.clientId);
      body.set('client_secret', s.clientSecret);
    }
    let res: Response;
    try {
      res = await fetch(s.tokenUrl, { method: 'POST', headers, body, signal });
    } catch (error) {
      throw new CarrierError('unavailable', `token endpoint did not answer: ${(error as Error).name}`);
    }
    if (res.status === 401 || res.status === 403 || res.status === 400) {
      throw new CarrierError('auth', `token endpoint refused the client (${res.status})`);
    }
    if (res.status === 429) throw new CarrierError('rate_limited', 'token endpoint rate limit');
    if (!res.ok) throw new CarrierError('unavailable', `token endpoint answered ${res.status}`);
    const json = (await res.json().catch(() => null)) as {
      access_token?: unknown;
      expires_in?: unknown;
    } | null;
    if (!json || typeof json.access_token !== 'string')
      throw new CarrierError('bad_response', 'token response without access_token');
    const lifetimeS = Number(json.expires_in ?? 3600);
    cached = {
      token: json.access_token,
      expiresAt: Date.now() + (Number.isFinite(lifetimeS) ? lifetimeS : 3600) * 1000,
    };
    return json.access_token;
  }

  return {
    async token(signal) {
      if (cached && cached.expiresAt - EARLY_RENEWAL_MS > Date.now()) return cached.token;
      pending ??= fetchToken(signal).finally(() => (pending = undefined));
      return pending;
    },
    invalidate() {
      cached = undefined;
    },
  };
}

/** Calls with the current token; on a 401 renews the token once and calls again. */
export async function withToken(
  client: OAuthClient,
  signal: AbortSignal,
  call: (token: string) => Promise<Response>,
): Promise<Response> {
  const first = await call(await client.token(signal));
  if (first.status !== 401) return first;
  client.invalidate();
  return call(await client.token(signal));
}
