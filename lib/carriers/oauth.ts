import 'server-only';
import type { ClientCredentialsSettings } from '@/lib/config';
import { CarrierError } from './types';

// OAuth 2.0 client credentials, as UPS, FedEx and USPS use it: one token per client, kept until
// shortly before it expires, fetched once even when many calls need it at the same moment, and
// renewed once when the carrier answers 401 to a token it gave out.

/** How a carrier's token endpoint wants to be asked. */
export type TokenEndpoint = {
  /** Below the carrier's base URL. */
  path: string;
  /** `basic`: credentials in an Authorization header (UPS); `form`: in the form body (FedEx, USPS). */
  credentials: 'basic' | 'form';
  scope?: string;
};

export type OAuthClient = {
  token(signal: AbortSignal): Promise<string>;
  /** A call with the current token as bearer; on a 401 the token is renewed once and the call repeated. */
  fetch(
    url: string,
    init: RequestInit & { headers: Record<string, string>; signal: AbortSignal },
  ): Promise<Response>;
};

const EARLY_RENEWAL_MS = 60_000;

export function createOAuthClient(settings: ClientCredentialsSettings, endpoint: TokenEndpoint): OAuthClient {
  let cached: { token: string; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function fetchToken(signal: AbortSignal): Promise<string> {
    const clientId = settings.clientId ?? '';
    const clientSecret = settings.clientSecret ?? '';
    const body = new URLSearchParams({ grant_type: 'client_credentials' });
    if (endpoint.scope) body.set('scope', endpoint.scope);
    const headers: Record<string, string> = {
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
    };
    if (endpoint.credentials === 'basic') {
      headers.Authorization = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
    } else {
      body.set('client_id', clientId);
      body.set('client_secret', clientSecret);
    }
    let res: Response;
    try {
      res = await fetch(`${settings.baseUrl}${endpoint.path}`, { method: 'POST', headers, body, signal });
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

  async function token(signal: AbortSignal): Promise<string> {
    if (cached && cached.expiresAt - EARLY_RENEWAL_MS > Date.now()) return cached.token;
    pending ??= fetchToken(signal).finally(() => (pending = undefined));
    return pending;
  }

  const call = async (url: string, init: Parameters<OAuthClient['fetch']>[1]) =>
    fetch(url, {
      ...init,
      headers: { ...init.headers, Authorization: `Bearer ${await token(init.signal)}` },
    });

  return {
    token,
    async fetch(url, init) {
      const first = await call(url, init);
      if (first.status !== 401) return first;
      cached = undefined;
      return call(url, init);
    },
  };
}
