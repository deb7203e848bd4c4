import { randomUUID } from 'node:crypto';
import { expect, inject } from 'vitest';
import { createStaffAuth, createStaffLockout } from '@/lib/access/staff-auth';
import { createToken } from '@/lib/access/tokens';
import { createAccount } from '@/lib/db/accounts';
import { createDb, type Db } from '@/lib/db/client';
import { getInstanceSecret } from '@/lib/db/staff';
import { createStaffUser } from '@/lib/staff/users';

export const dbKind = inject('dbKind');
export const skipReason = inject('skipReason');
export const baseUrl = inject('baseUrl');
export const serverKind = inject('serverKind');

/** The server's database, opened by the test process to create accounts and tokens. */
export function openDb(): Db {
  return createDb(inject('databaseUrl'));
}

let ipCounter = 0;
/** A client address of its own, so one test's rate limits never touch another's. */
export function freshIp(): string {
  ipCounter++;
  return `198.${(process.pid % 200) + 18}.${Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 1}`;
}

/** A page as a browser asks for it, from an address of its own; redirects not followed. */
export function browserPage(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    redirect: 'manual',
    headers: { 'x-forwarded-for': freshIp(), ...headers },
  });
}

/** A page as a browser asks for it, with a staff session cookie when given. */
export function staffPage(path: string, cookie?: string | null): Promise<Response> {
  return browserPage(path, cookie ? { cookie } : {});
}

export type CallResult = { status: number; headers: Headers; body: any };

export async function call(
  path: string,
  options: {
    method?: string;
    token?: string;
    ip?: string;
    body?: unknown;
    rawBody?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<CallResult> {
  const headers: Record<string, string> = { 'x-forwarded-for': options.ip ?? freshIp(), ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(`${baseUrl}${path}`, { method: options.method ?? 'GET', headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON; keep the text
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

export function info(
  params: Record<string, string | number | boolean | undefined>,
  options: Parameters<typeof call>[1] = {},
) {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) search.set(k, String(v));
  return call(`/v4/track/orders/info/?${search}`, options);
}

/** The English shopper page of a sampleOrder, opened with its postal code (the full view). */
export async function orderPage(accountId: number, orderNumber: string): Promise<string> {
  const q = new URLSearchParams({
    account: String(accountId),
    order_number: orderNumber,
    postal_code: '10557',
    lang: 'en',
  });
  const r = await call(`/track?${q}`);
  expect(r.status).toBe(200);
  return r.body as string;
}

export type Tenant = { id: number; linkSecret: string; read: string; write: string; readWrite: string };

export async function newTenant(db: Db, name = 'Test shop'): Promise<Tenant> {
  const account = await createAccount(db, { name: `${name} ${randomUUID().slice(0, 8)}` });
  const [read, write, readWrite] = await Promise.all([
    createToken(db, account.id, ['read'], 'test read'),
    createToken(db, account.id, ['write'], 'test write'),
    createToken(db, account.id, ['read', 'write'], 'test rw'),
  ]);
  return {
    id: account.id,
    linkSecret: account.link_secret,
    read: read.token,
    write: write.token,
    readWrite: readWrite.token,
  };
}

/** A realistic order body; `tag` keeps identifiers unique between tests. */
export function sampleOrder(tag: string, overrides: Record<string, unknown> = {}) {
  return {
    order_number: `ORD-${tag}`,
    external_order_id: randomUUID(),
    external_reference: `REF-${tag}`,
    customer_number: `CUST-${tag}`,
    order_date: '2026-11-20T10:15:00+01:00',
    recipient_name: 'Erika Mustermann',
    recipient_email: `Erika.${tag}@Example.com`,
    destination_country_iso3: 'DEU',
    language_iso2: 'de',
    timezone: 'Europe/Berlin',
    shipping_address: {
      first_name: 'Erika',
      last_name: 'Mustermann',
      address_line: 'Heidestraße 17',
      postal_code: '10557',
      city: 'Berlin',
      country_iso3: 'DEU',
      phone: '+49 30 1234567',
    },
    articles: [{ article_name: 'Rain jacket', sku: 'RJ-1', quantity: 1, unit_price: '129.00' }],
    trackings: [
      {
        tracking_number: `00340434${tag}1`,
        courier: 'dhl',
        recipient_postal_code: '10557',
        announced_delivery_date: '2099-01-02',
      },
      { tracking_number: `1Z999AA1${tag}2`, courier: 'ups', recipient_postal_code: '10557' },
    ],
    ...overrides,
  };
}

export function uniqueTag(): string {
  return randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase();
}

/** The id of the account's order with this number, as the server stored it. */
export async function orderIdOf(db: Db, accountId: number, orderNumber: string): Promise<number> {
  const row = await db
    .selectFrom('orders')
    .select('id')
    .where('account_id', '=', accountId)
    .where('order_number', '=', orderNumber)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A new staff user of the account, made as the CLI makes one, signed in: its session cookie. */
export async function signedInStaff(db: Db, accountId: number, role: 'admin' | 'agent'): Promise<string> {
  const auth = createStaffAuth(db, {
    secret: await getInstanceSecret(db, 'staff_auth'),
    lockout: createStaffLockout({ maxFailures: 5, minutes: 15 }),
  });
  const email = `${role}.${randomUUID().slice(0, 8)}@example.com`;
  const password = `${role} password ${randomUUID()}`;
  await createStaffUser(db, auth, { account: accountId, email, role, password });
  const signIn = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': freshIp(), origin: baseUrl },
    body: JSON.stringify({ email, password }),
  });
  if (signIn.status !== 200) throw new Error(`staff sign-in answered ${signIn.status}`);
  return signIn.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}
