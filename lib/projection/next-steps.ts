import { type ShopContact, usableShopUrl } from '@/lib/branding/branding';
import { needsAttention } from './attention';
import type { TrackingInfo } from './types';

// The way forward on a parcel's problem: the button that does what the action box asks, and how
// to reach the shop. Every link leads somewhere real; where the shop gave no contact, the
// courier's page stands in.

export type Money = { currency: string; value: number };

export type ContactLink = { kind: 'email' | 'phone' | 'help'; href: string; text: string };

export type PrimaryStep =
  /** None of our carriers' APIs hands out a payment link: their tracking page takes payment. */
  | { kind: 'payDuties'; href: string | null; amount: Money | null }
  | { kind: 'reroute'; href: string }
  | { kind: 'contactCourier'; href: string };

export type WayForward = { primary: PrimaryStep | null; shop: ContactLink[] };

const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));
const SYMBOLS: Readonly<Record<string, string>> = { '£': 'GBP', '€': 'EUR' };
// "GBP 38.40", "38,40 EUR", "£1,234.50", "1.234,50 €": the forms carriers write an amount due in.
const NUMBER = String.raw`(\d{1,3}(?:[,.]\d{3})+(?:[.,]\d{1,2})?|\d{1,7}(?:[.,]\d{1,2})?)`;
const AMOUNT = new RegExp(
  String.raw`(?:\b([A-Z]{3})|([£€]))\s?${NUMBER}(?![\d.,]\d)|(?<![\d.,])${NUMBER}\s?(?:([A-Z]{3})\b|([£€]))`,
  'g',
);

/** "1,234.50" or "1.234,50" → 1234.5: the last separator before one or two digits is the decimal point. */
function parseAmount(digits: string): number {
  const fraction = /[.,](\d{1,2})$/.exec(digits);
  const whole = (fraction ? digits.slice(0, fraction.index) : digits).replace(/[.,]/g, '');
  return Number(fraction ? `${whole}.${fraction[1]}` : whole);
}

/** The first amount of money a text names, or null; only real ISO 4217 codes count. */
export function moneyIn(text: string): Money | null {
  for (const m of text.matchAll(AMOUNT)) {
    const code = m[1] ?? m[5] ?? SYMBOLS[m[2] ?? m[6] ?? ''];
    const digits = m[3] ?? m[4];
    if (code && digits && CURRENCIES.has(code)) return { currency: code, value: parseAmount(digits) };
  }
  return null;
}

/**
 * The duties due, where the carrier's words name them: the newest checkpoint that asks for
 * payment. At the limited level checkpoints carry our own words, so no amount.
 */
export function dutiesDue(tracking: Pick<TrackingInfo, 'checkpoints'>): Money | null {
  const asking = tracking.checkpoints
    .filter((c) => c.next_action === 'pay_duties')
    .sort((a, b) => Date.parse(b.event_timestamp) - Date.parse(a.event_timestamp));
  for (const c of asking) {
    const money = moneyIn(c.status_details);
    if (money) return money;
  }
  return null;
}

/** The shop's ways to be reached, as links; `subject` names the order in an email. */
export function shopContactLinks(contact: ShopContact, subject?: string): ContactLink[] {
  const links: ContactLink[] = [];
  if (contact.email) {
    const query = subject ? `?subject=${encodeURIComponent(subject)}` : '';
    links.push({ kind: 'email', href: `mailto:${contact.email}${query}`, text: contact.email });
  }
  if (contact.phone)
    links.push({ kind: 'phone', href: `tel:${contact.phone.replace(/[^\d+]/g, '')}`, text: contact.phone });
  const help = usableShopUrl(contact.helpUrl);
  if (help) links.push({ kind: 'help', href: help, text: new URL(help).host });
  return links;
}

const ACTIONABLE = new Set(['pay_duties', 'arrange_redelivery', 'contact_courier', 'contact_merchant']);

/**
 * What a parcel's problem offers: the action's own link (pay, reroute, the courier) and the shop's
 * contact; null when the parcel needs nothing. Without a shop contact and without an action link,
 * the courier's page.
 */
export function wayForward(tracking: TrackingInfo, shop: ContactLink[]): WayForward | null {
  const action = tracking.last_delivery_status.next_action;
  if (!ACTIONABLE.has(action) && !needsAttention(tracking)) return null;
  const courierPage = tracking.courier_info.courier_tracking_url;
  let primary: PrimaryStep | null = null;
  if (action === 'pay_duties')
    primary = { kind: 'payDuties', href: courierPage, amount: dutiesDue(tracking) };
  const reroute = tracking.courier_info.courier_reroute_url ?? courierPage;
  if (action === 'arrange_redelivery' && reroute) primary = { kind: 'reroute', href: reroute };
  if (action === 'contact_courier' && courierPage) primary = { kind: 'contactCourier', href: courierPage };
  if (!primary && shop.length === 0 && courierPage) primary = { kind: 'contactCourier', href: courierPage };
  return { primary, shop };
}

/** Whether a delivered parcel has been delivered long enough to offer "Didn't receive it?". */
export function offerNotReceived(tracking: TrackingInfo, now: Date, afterHours: number): boolean {
  const deliveredAt = tracking.reporting_info.delivery_date;
  return (
    tracking.last_delivery_status.lifecycle_status === 'Delivered' &&
    !tracking.is_return &&
    deliveredAt !== null &&
    now.getTime() - Date.parse(deliveredAt) >= afterHours * 3_600_000
  );
}
