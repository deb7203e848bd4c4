import 'server-only';
import { type Branding, brandingFrom, type ShopContact, STORED_LOGO_PATH } from '@/lib/branding/branding';
import { LOGO_TYPES, type LogoExtension } from '@/lib/branding/logo';
import { brandLogoByHash, type StoredLogo } from '@/lib/db/brand-assets';
import { clientBrands, getAccount } from '@/lib/db/accounts';
import type { Db } from '@/lib/db/client';
import { processCache } from '@/lib/process-state';
import { accountsWithTracking } from '@/lib/db/order-queries';

type Brand = { branding: Branding; contact: ShopContact };

const NEUTRAL: Brand = {
  branding: brandingFrom({ name: 'Order status', color: null }),
  contact: { email: null, phone: null, helpUrl: null, websiteUrl: null },
};

// Every page view and widget image needs the brand, which changes rarely: an edit made elsewhere
// (another instance, the CLI) shows within this time; the branding editor clears it on its own
// instance. Keys include a client key the request names, hence the bound.
const cache = () => processCache<string, Brand>('branding', () => ({ max: 10_000, ttl: 10_000 }));

async function loadBrand(db: Db, accountId: number | undefined, clientKey?: string | null): Promise<Brand> {
  const account = accountId === undefined ? undefined : await getAccount(db, accountId);
  if (!account) return NEUTRAL;
  // The client key comes from the query: only the account's own entries count, never
  // Object.prototype's (`client_key=constructor` named the shop "Object").
  const own = clientKey ? clientBrands(account).get(clientKey) : undefined;
  return {
    branding: brandingFrom({
      name: own?.name ?? account.brand_name ?? account.name,
      color: own?.primary_color ?? account.brand_primary_color,
      logoUrl: own?.logo_url ?? account.brand_logo_url,
    }),
    contact: {
      email: own?.support_email ?? account.support_email,
      phone: own?.support_phone ?? account.support_phone,
      helpUrl: own?.help_url ?? account.help_url,
      websiteUrl: own?.website_url ?? account.website_url,
    },
  };
}

async function getBrand(db: Db, accountId: number | undefined, clientKey?: string | null): Promise<Brand> {
  const key = `${accountId}|${clientKey ?? ''}`;
  const hit = cache().get(key);
  if (hit) return hit;
  const brand = await loadBrand(db, accountId, clientKey);
  cache().set(key, brand);
  return brand;
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
  return (await getBrand(db, accountId, clientKey)).branding;
}

/** How shoppers reach the shop (client key's own, else the account's), for the problem states of the pages. */
export async function getShopContact(
  db: Db,
  accountId: number | undefined,
  clientKey?: string | null,
): Promise<ShopContact> {
  return (await getBrand(db, accountId, clientKey)).contact;
}

/**
 * Forgets every cached brand of this process, so a saved change shows on the next page view and
 * widget: the widget's rendered cards need no clearing, as their key is drawn from the brand.
 */
export function clearBrandingCache(): void {
  cache().clear();
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

/** A stored logo by its file name (`<sha256>.<extension>`), or undefined for any other name. */
export async function getStoredLogo(db: Db, file: string): Promise<StoredLogo | undefined> {
  const match = STORED_LOGO_PATH.exec(`/brand/logo/${file}`);
  if (!match) return undefined;
  const logo = await brandLogoByHash(db, match[1]!);
  // The extension must name the stored type: one URL, one type.
  return logo && LOGO_TYPES[match[2] as LogoExtension] === logo.contentType ? logo : undefined;
}
