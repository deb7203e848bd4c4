import 'server-only';
import type { Branding } from '@/lib/branding/branding';
import type { Db } from '@/lib/db/client';
import { type Locale, resolveLocale } from '@/lib/i18n/locales';
import { translatorFor } from '@/lib/i18n/messages';
import { bundle, checkpoint, hoursAgo, input, NOW, orderRow } from '@/lib/projection/fixtures';
import { projectOrder } from '@/lib/projection/project-order';
import type { OrderInfo } from '@/lib/projection/types';
import { previewBranding } from '@/lib/staff/branding-settings';
import type { StaffSession } from '@/lib/staff/session';
import { renderPng } from '@/lib/widget/render';
import { widgetModel } from '@/lib/widget/model';

// The branding editor's previews: a made-up order (no shopper's data) drawn with the editor's
// unsaved brand, as the order page and as the widget.

export type BrandingPreview = { branding: Branding; info: OrderInfo; locale: Locale; now: Date };

function sampleOrder(locale: Locale): OrderInfo {
  return projectOrder(
    input(
      [
        bundle([checkpoint('InTransit', hoursAgo(3)), checkpoint('InboundScan', hoursAgo(20))], {
          announced_delivery_date: NOW.toISOString().slice(0, 10),
        }),
      ],
      { order: orderRow({ order_number: 'PREVIEW-1001' }), locale, t: translatorFor(locale) },
    ),
  );
}

/** The order page's preview: the brand from the editor's query, a sample order in its language. */
export async function orderPagePreview(
  db: Db,
  staff: StaffSession,
  query: unknown,
): Promise<BrandingPreview> {
  const { branding, lang } = await previewBranding(db, staff, query);
  const locale = resolveLocale(lang);
  return { branding, info: sampleOrder(locale), locale, now: NOW };
}

/** The widget's preview as a PNG, drawn like the real one (the account's stored logo included). */
export async function widgetPreview(db: Db, staff: StaffSession, query: unknown): Promise<Buffer> {
  const { branding, info, locale, now } = await orderPagePreview(db, staff, query);
  return renderPng(db, widgetModel(info, branding, locale, translatorFor(locale), now), staff.accountId);
}
