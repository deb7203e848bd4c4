import 'server-only';
import { createHash } from 'node:crypto';
import { ImageResponse } from 'next/og';
import type { Db } from '@/lib/db/client';
import { STORED_LOGO_PATH } from '@/lib/branding/branding';
import { getConfig } from '@/lib/config';
import { brandLogoByHash } from '@/lib/db/brand-assets';
import { processCache } from '@/lib/process-state';
import { translatorFor } from '@/lib/i18n/messages';
import { getBranding } from '@/lib/orders/branding';
import { readOrderInfo, type ReadRequest } from '@/lib/orders/read-order';
import { WidgetCard } from './card';
import { widgetFonts } from './fonts';
import { WIDGET_HEIGHT, WIDGET_WIDTH } from './size';
import { type WidgetModel, widgetModel } from './model';

/** Bump when the card's look changes, so every client fetches the new image. */
export const WIDGET_VERSION = 4;

// Rendered cards by ETag; least recently used go first beyond WIDGET_CACHE_MB.
const cache = () =>
  processCache<string, Buffer>('widget', () => ({
    maxSize: Math.max(1, getConfig().WIDGET_CACHE_MB * 1024 * 1024),
    sizeCalculation: (png) => Math.max(1, png.length),
  }));

/**
 * The card as a PNG. A stored logo is handed to the renderer as a data URL from the database, so
 * it never fetches anything, not even from this server.
 */
export async function renderPng(db: Db, model: WidgetModel, accountId?: number): Promise<Buffer> {
  const hash = model.logo ? STORED_LOGO_PATH.exec(model.logo)?.[1] : undefined;
  const logo = hash ? await brandLogoByHash(db, hash, accountId) : undefined;
  const logoSrc = logo && `data:${logo.contentType};base64,${logo.data.toString('base64')}`;
  const draw = async (src: string | undefined) => {
    const image = new ImageResponse(<WidgetCard model={model} logoSrc={src} />, {
      width: WIDGET_WIDTH,
      height: WIDGET_HEIGHT,
      fonts: await widgetFonts(),
    });
    return Buffer.from(await image.arrayBuffer());
  };
  if (!logoSrc) return draw(undefined);
  // A logo the renderer cannot draw costs the logo, not the card (the renderer may throw, or
  // answer an empty body).
  const png = await draw(logoSrc).catch(() => null);
  return png && png.length > 0 ? png : draw(undefined);
}

export type WidgetResult = {
  etag: string;
  locale: string;
  png: Buffer | null;
  /** Whether the card came from the cache of rendered cards (no new rendering). */
  cached: boolean;
  liveRefresh?: string;
};

/**
 * GET /v4/track/orders/info-widget/: the same lookup and access rules as the info API, drawn as a
 * PNG. The card holds no PII at any level, so its ETag is the same for every access level. `png` is
 * null when `ifNoneMatch` matches.
 */
export async function renderWidget(
  db: Db,
  request: ReadRequest & { ifNoneMatch: string | null },
): Promise<WidgetResult> {
  const now = request.now ?? new Date();
  // The card is the same at every access level, so a proof attempt on a locked order may still be
  // answered with it: that is the limited view, which a lockout never takes away.
  const projected = await readOrderInfo(db, { ...request, now, limitedWhenLocked: true, channel: 'widget' });
  const branding = await getBranding(db, projected.accountId, projected.info.client_key);
  const model = widgetModel(projected.info, branding, projected.locale, translatorFor(projected.locale), now);
  // The model is everything the picture is drawn from (selected parcel, texts, dates, brand), so
  // the ETag and the cache key change exactly when the picture does.
  const identity = `${WIDGET_VERSION}|${JSON.stringify(model)}`;
  const etag = `"w${createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`;
  const result = { etag, locale: projected.locale, liveRefresh: projected.liveRefresh };
  if (request.ifNoneMatch?.split(/\s*,\s*/).some((tag) => tag.replace(/^W\//, '') === etag)) {
    return { ...result, png: null, cached: false };
  }
  const hit = cache().get(etag);
  if (hit) return { ...result, png: hit, cached: true };
  const png = await renderPng(db, model, projected.accountId);
  cache().set(etag, png);
  return { ...result, png, cached: false };
}
