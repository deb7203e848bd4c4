import 'server-only';
import type { Branding } from '@/lib/branding/branding';
import { accessibleAccent, foregroundOn, normalizeBrandColor } from '@/lib/branding/colors';
import { type BrandFields, getAccount } from '@/lib/db/accounts';
import type { Db } from '@/lib/db/client';
import { processCache } from '@/lib/process-state';
import { accountsWithTracking } from '@/lib/db/order-queries';

const NEUTRAL_COLOR = accessibleAccent(normalizeBrandColor(null));
const NEUTRAL: Branding = {
  name: 'Order status',
  logoUrl: null,
  color: NEUTRAL_COLOR,
  onColor: foregroundOn(NEUTRAL_COLOR),
};

// Every page view and widget image needs the brand, which changes rarely: an edit shows within
// this time. Keys include a client key the request names, hence the bound.
const cache = () => processCache<string, Branding>('branding', () => ({ max: 10_000, ttl: 10_000 }));

async function loadBranding(
  db: Db,
  accountId: number | undefined,
  clientKey?: string | null,
): Promise<Branding> {
  const account = accountId === undefined ? undefined : await getAccount(db, accountId);
  if (!account) return NEUTRAL;
  const brands = account.brands ? (JSON.parse(account.brands) as Record<string, BrandFields>) : {};
  // The client key comes from the query: only the account's own entries count, never
  // Object.prototype's (`client_key=constructor` named the shop "Object").
  const own = clientKey && Object.hasOwn(brands, clientKey) ? brands[clientKey] : undefined;
  const color = accessibleAccent(normalizeBrandColor(own?.primary_color ?? account.brand_primary_color));
  const logo = own?.logo_url ?? account.brand_logo_url;
  return {
    name: own?.name ?? account.brand_name ?? account.name,
    // Only https logos: the page's CSP and mixed-content rules allow nothing else.
    logoUrl: logo?.startsWith('https://') ? logo : null,
    color,
    onColor: foregroundOn(color),
  };
}

/**
 * The brand for pages and the widget: the account's, with the client key's own fields on top for
 * multi-brand accounts; neutral when the account is unknown.
 */
export async function getBranding(
  db: Db,
  accountId: number | undefined,
  clientKey?: string | null,
): Promise<Branding> {
  const key = `${accountId}|${clientKey ?? ''}`;
  const hit = cache().get(key);
  if (hit) return hit;
  const branding = await loadBranding(db, accountId, clientKey);
  cache().set(key, branding);
  return branding;
}

/**
 * The shops that have a tracking with this number, by their brand name, for asking a shopper
 * which one they ordered from. Naming them tells no more than that each ships a parcel with this
 * number, which the shopper already holds.
 */
export async function shopsWithTracking(
  db: Db,
  courier: string,
  trackingNumber: string,
): Promise<Array<{ account: number; name: string }>> {
  const accounts = await accountsWithTracking(db, courier, trackingNumber);
  return Promise.all(
    accounts.map(async (account) => ({ account, name: (await getBranding(db, account)).name })),
  );
}
