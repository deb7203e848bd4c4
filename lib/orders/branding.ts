import 'server-only';
import type { Branding } from '@/lib/branding/branding';
import { accessibleAccent, foregroundOn, normalizeBrandColor } from '@/lib/branding/colors';
import { type BrandFields, getAccount } from '@/lib/db/accounts';
import type { Db } from '@/lib/db/client';

const NEUTRAL_COLOR = accessibleAccent(normalizeBrandColor(null));
const NEUTRAL: Branding = {
  name: 'Order status',
  logoUrl: null,
  color: NEUTRAL_COLOR,
  onColor: foregroundOn(NEUTRAL_COLOR),
};

// Every page view and widget image needs the brand, which changes rarely: an edit shows within
// this time.
const TTL_MS = 10_000;
const cache = new Map<string, { at: number; branding: Branding }>();

async function loadBranding(
  db: Db,
  accountId: number | undefined,
  clientKey?: string | null,
): Promise<Branding> {
  const account = accountId === undefined ? undefined : await getAccount(db, accountId);
  if (!account) return NEUTRAL;
  const brands = account.brands ? (JSON.parse(account.brands) as Record<string, BrandFields>) : {};
  const own = clientKey ? brands[clientKey] : undefined;
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
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.branding;
  const branding = await loadBranding(db, accountId, clientKey);
  if (cache.size >= 10_000) cache.clear();
  cache.set(key, { at: Date.now(), branding });
  return branding;
}
