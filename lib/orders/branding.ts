import 'server-only';
import type { Branding } from '@/lib/branding/branding';
import { accessibleAccent, foregroundOn, normalizeBrandColor } from '@/lib/branding/colors';
import { getAccount } from '@/lib/db/accounts';
import type { Db } from '@/lib/db/client';

const NEUTRAL: Branding = {
  name: 'Order status',
  logoUrl: null,
  color: accessibleAccent(normalizeBrandColor(null)),
  onColor: '#ffffff',
};

/** The account's brand for pages and the widget; neutral when the account is unknown. */
export async function getBranding(db: Db, accountId: number | undefined): Promise<Branding> {
  const account = accountId === undefined ? undefined : await getAccount(db, accountId);
  if (!account) return NEUTRAL;
  const color = accessibleAccent(normalizeBrandColor(account.brand_primary_color));
  return {
    name: account.brand_name ?? account.name,
    logoUrl: account.brand_logo_url?.startsWith('https://') ? account.brand_logo_url : null,
    color,
    onColor: foregroundOn(color),
  };
}
