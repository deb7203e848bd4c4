import 'server-only';
import { getAccount } from '@/lib/db/accounts';
import type { Db } from '@/lib/db/client';
import { DEFAULT_LINK_LIFETIME_S, signLink } from '@/lib/access/signature';
import { DomainError } from '@/lib/errors';
import { RTL_LOCALES } from '@/lib/i18n/locales';
import { translatorFor } from '@/lib/i18n/messages';
import type { LinkQuery } from '@/lib/schemas/info-query';
import { widgetTexts } from '@/lib/widget/model';
import { WIDGET_CSS_HEIGHT, WIDGET_CSS_WIDTH } from '@/lib/widget/size';
import { findByLookup, orderRow } from './load-order';
import { type Lookup, requireLookup, signedLookup } from './lookup';
import { presentOrder } from './present-order';

export type SignedLink = {
  url: string;
  widget_url: string;
  s: string;
  expires_at: string;
  email_html: string;
};

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The lookup as query parameters, always with the account so the link names one order. */
function lookupParams(lookup: Lookup, accountId: number): URLSearchParams {
  const params = new URLSearchParams();
  if (lookup.type === 'tracking_number') {
    params.set('tracking_number', lookup.value);
    params.set('courier', lookup.courier);
  } else {
    params.set(lookup.type, lookup.value);
  }
  if (lookup.type === 'order_number' && lookup.clientKey) params.set('client_key', lookup.clientKey);
  params.set('account', String(accountId));
  return params;
}

/** The lookup's query parameters with `lang` and a signature that lasts until `expires`. */
function signedParams(secret: string, lookup: Lookup, accountId: number, expires: number, lang?: string) {
  const s = signLink(secret, signedLookup(lookup, accountId), expires);
  const params = lookupParams(lookup, accountId);
  if (lang) params.set('lang', lang);
  params.set('s', s);
  return { params, s };
}

/**
 * Where the tracking page sends a shopper whose postal code or email matched: the same lookup with
 * a short-lived signature instead of the proof, so the proof stays out of the address bar, the
 * history and shared links. Relative, as the page redirects to it. A lookup by order number names
 * the order's brand, like a minted link.
 */
export async function unlockedPageUrl(
  db: Db,
  accountId: number,
  lookup: Lookup,
  options: { clientKey: string | null; lang: string; lifetimeS: number; now?: Date },
): Promise<string> {
  const account = await getAccount(db, accountId);
  if (!account) throw new DomainError('not_found', 'notFound');
  const named =
    lookup.type === 'order_number' && options.clientKey
      ? { ...lookup, clientKey: options.clientKey }
      : lookup;
  const expires = Math.floor((options.now ?? new Date()).getTime() / 1000) + options.lifetimeS;
  return `/track?${signedParams(account.link_secret, named, accountId, expires, options.lang).params}`;
}

/**
 * A signed tracking-page URL and widget URL for an order of the account (SPEC §2 "The signature").
 * The order must exist, so a typo does not end up in thousands of emails.
 */
export async function mintLink(
  db: Db,
  accountId: number,
  query: LinkQuery,
  options: { baseUrl: string; now?: Date },
): Promise<SignedLink> {
  let lookup = requireLookup(query);
  if (lookup.account !== undefined && lookup.account !== accountId)
    throw new DomainError('not_found', 'notFound');
  const account = await getAccount(db, accountId);
  const found = account ? await findByLookup(db, lookup, accountId) : undefined;
  if (!account || !found) throw new DomainError('not_found', 'notFound');
  const order = await orderRow(db, found);
  // A link by order number always names the order's brand, so it opens that order and never a
  // later one with the same number under another client key.
  if (lookup.type === 'order_number' && order?.client_key) {
    lookup = { ...lookup, clientKey: order.client_key };
  }
  const now = options.now ?? new Date();
  const expires = Math.floor(now.getTime() / 1000) + (query.expires_in ?? DEFAULT_LINK_LIFETIME_S);
  const { params, s } = signedParams(account.link_secret, lookup, accountId, expires, query.lang);
  const url = `${options.baseUrl}/track?${params}`;
  const widgetUrl = `${options.baseUrl}/v4/track/orders/info-widget/?${params}`;
  // The status as the card shows it now, in words, for mail clients that block images.
  const { info, locale } = await presentOrder(db, found, { level: 'limited', lang: query.lang, now });
  const t = translatorFor(locale);
  const number = order?.order_number ?? lookup.value;
  const { headline, detail } = widgetTexts(info, locale, t, now);
  return {
    url,
    widget_url: widgetUrl,
    s,
    expires_at: new Date(expires * 1000).toISOString(),
    email_html: emailHtml({
      url,
      widgetUrl,
      alt: t('widget.alt', { number }),
      status: detail
        ? t('widgetCard.emailStatusDetail', { number, status: headline, detail: detail.text })
        : t('widgetCard.emailStatus', { number, status: headline }),
      track: t('widgetCard.trackYourOrder'),
      locale,
    }),
  };
}

/**
 * The card, linked to the page, with the status in words and a link under it: many mail clients
 * block images and show little or nothing of an alt text. The size attributes keep the layout
 * from jumping while the image loads; `display:block` drops the gap under an inline image.
 */
function emailHtml(p: {
  url: string;
  widgetUrl: string;
  alt: string;
  status: string;
  track: string;
  locale: string;
}) {
  const href = escapeHtml(p.url);
  const dir = RTL_LOCALES.has(p.locale) ? 'rtl' : 'ltr';
  return (
    `<a href="${href}" style="display:block"><img src="${escapeHtml(p.widgetUrl)}" alt="${escapeHtml(p.alt)}" width="${WIDGET_CSS_WIDTH}" height="${WIDGET_CSS_HEIGHT}" style="display:block;border:0;max-width:100%;height:auto"></a>` +
    `<p lang="${p.locale}" dir="${dir}" style="margin:8px 0 0;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.4">${escapeHtml(p.status)}<br><a href="${href}">${escapeHtml(p.track)}</a></p>`
  );
}
