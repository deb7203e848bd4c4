import 'server-only';
import { createHash } from 'node:crypto';
import { ImageResponse } from 'next/og';
import type { Db } from '@/lib/db/client';
import { translatorFor } from '@/lib/i18n/messages';
import { getBranding } from '@/lib/orders/branding';
import { readOrderInfo, type ReadRequest } from '@/lib/orders/read-order';
import { createMemoryCache, type WidgetCache } from './cache';
import { WIDGET_HEIGHT, WIDGET_WIDTH, WidgetCard } from './card';
import { widgetFonts } from './fonts';
import { type WidgetModel, widgetModel } from './model';

/** Bump when the card's look changes, so every client fetches the new image. */
export const WIDGET_VERSION = 2;

const globalForCache = globalThis as unknown as { __widgetCache?: WidgetCache };
function cache(): WidgetCache {
  globalForCache.__widgetCache ??= createMemoryCache(Number(process.env.WIDGET_CACHE_MB ?? 32) * 1024 * 1024);
  return globalForCache.__widgetCache;
}

export async function renderPng(model: WidgetModel): Promise<Buffer> {
  const image = new ImageResponse(<WidgetCard model={model} />, {
    width: WIDGET_WIDTH,
    height: WIDGET_HEIGHT,
    fonts: await widgetFonts(),
  });
  return Buffer.from(await image.arrayBuffer());
}

export type WidgetResult = { etag: string; locale: string; png: Buffer | null; liveRefresh?: string };

/**
 * GET /v4/track/orders/info-widget/: the same lookup and access rules as the info API, drawn as a
 * PNG. The card holds no PII at any level, so its ETag (data version, language, brand, widget
 * version, day) is the same for every access level. `png` is null when `ifNoneMatch` matches.
 */
export async function renderWidget(
  db: Db,
  request: ReadRequest & { ifNoneMatch: string | null },
): Promise<WidgetResult> {
  const now = request.now ?? new Date();
  const projected = await readOrderInfo(db, { ...request, now });
  const branding = await getBranding(db, projected.accountId, projected.info.client_key);
  const identity = [
    WIDGET_VERSION,
    projected.version,
    projected.locale,
    JSON.stringify(branding),
    now.toISOString().slice(0, 10),
  ];
  const etag = `"w${createHash('sha256').update(identity.join('|')).digest('base64url').slice(0, 27)}"`;
  if (request.ifNoneMatch?.split(/\s*,\s*/).some((tag) => tag.replace(/^W\//, '') === etag)) {
    return { etag, locale: projected.locale, png: null, liveRefresh: projected.liveRefresh };
  }
  let png = cache().get(etag);
  if (!png) {
    png = await renderPng(
      widgetModel(projected.info, branding, projected.locale, translatorFor(projected.locale)),
    );
    cache().set(etag, png);
  }
  return { etag, locale: projected.locale, png, liveRefresh: projected.liveRefresh };
}
