import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOAuthClient } from './oauth';
import { CarrierError } from './types';

// A token endpoint and an API that honours only the newest token, on loopback.
describe('OAuth client credentials', () => {
  let base: string;
  let issued = 0;
  let close: () => void;

  beforeAll(async () => {
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        if (req.url === '/token') {
          const form = new URLSearchParams(body);
          const basic = req.headers.authorization === `Basic ${Buffer.from('id:secret').toString('base64')}`;
          const formAuth = form.get('client_id') === 'id' && form.get('client_secret') === 'secret';
          if (form.get('grant_type') !== 'client_credentials' || !(basic || formAuth)) {
            res.writeHead(401).end('{"error":"invalid_client"}');
            return;
          }
          issued++;
          res
            .writeHead(200, { 'Content-Type': 'application/json' })
            .end(JSON.stringify({ access_token: `t${issued}`, expires_in: 3599 }));
          return;
        }
        const ok = req.headers.authorization === `Bearer t${issued}`;
        res.writeHead(ok ? 200 : 401).end(ok ? 'ok' : 'expired');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    close = () => server.close();
  });
  afterAll(() => close());

  const signal = () => AbortSignal.timeout(1000);
  const client = (credentials: 'basic' | 'form', clientSecret = 'secret') =>
    createOAuthClient({ clientId: 'id', clientSecret, baseUrl: base }, { path: '/token', credentials });

  it('fetches a token once and keeps it, even for concurrent callers', async () => {
    const before = issued;
    const c = client('basic');
    const tokens = await Promise.all([c.token(signal()), c.token(signal()), c.token(signal())]);
    expect(new Set(tokens).size).toBe(1);
    expect(await c.token(signal())).toBe(tokens[0]);
    expect(issued - before).toBe(1);
  });

  it('sends credentials in the form body when the carrier wants that', async () => {
    expect(await client('form').token(signal())).toMatch(/^t\d+$/);
  });

  it('renews the token once when the API answers 401', async () => {
    const stale = client('basic');
    await stale.token(signal());
    await client('basic').token(signal()); // another client made the first token stale
    const res = await stale.fetch(`${base}/api`, { headers: {}, signal: signal() });
    expect(res.status).toBe(200);
  });

  it('reports refused credentials as an auth error', async () => {
    const error = await client('basic', 'wrong')
      .token(signal())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CarrierError);
    expect((error as CarrierError).kind).toBe('auth');
  });
});
