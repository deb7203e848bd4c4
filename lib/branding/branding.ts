import { accessibleAccent, foregroundOn, normalizeBrandColor } from './colors';

export type Branding = {
  name: string;
  logoUrl: string | null;
  /** The merchant's colour, adjusted to reach WCAG AA against white and under its text colour. */
  color: string;
  onColor: string;
};

/** How shoppers reach the shop when something went wrong; each part may be missing. */
export type ShopContact = {
  email: string | null;
  phone: string | null;
  helpUrl: string | null;
  /** The shop's own website: the way back to the shop. */
  websiteUrl: string | null;
};

/** Our own stored logos (lib/db/brand-assets.ts), named by their hash. */
export const STORED_LOGO_PATH = /^\/brand\/logo\/([0-9a-f]{64})\.(png|jpg|svg)$/;

/**
 * A logo URL the pages may show: one of our stored logos, or https (the page's CSP and
 * mixed-content rules allow nothing else).
 */
export function usableLogoUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  return url.startsWith('https://') || STORED_LOGO_PATH.test(url) ? url : null;
}

/** A shop's help page or website fit for a link: https only, whatever an older row holds. */
export function usableShopUrl(url: string | null): string | null {
  return url && /^https:\/\/\S+$/i.test(url) ? url : null;
}

/** The brand as shown, from the merchant's values: the colour made readable, the text colour on it. */
export function brandingFrom(values: {
  name: string;
  color: string | null | undefined;
  logoUrl?: string | null;
}): Branding {
  const color = accessibleAccent(normalizeBrandColor(values.color));
  return { name: values.name, logoUrl: usableLogoUrl(values.logoUrl), color, onColor: foregroundOn(color) };
}
