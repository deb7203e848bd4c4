import { translationsFor } from '@/lib/i18n/translations';
import { formatterFor } from '@/lib/i18n/formatter';
import { needsAttention } from '@/lib/projection/attention';
import { wayForward } from '@/lib/projection/next-steps';
import { parcelView } from '@/lib/projection/parcel-state';
import type { TrackingInfo } from '@/lib/projection/types';
import { formatDay } from '@/lib/time/format';
import { ActionBoxView } from './action-box-view';
import { CheckpointTimeline, type HistoryLinks } from './checkpoint-timeline';
import { type ForwardContext, ParcelForward } from './next-step-links';
import { ItemList } from './item-list';
import { ProgressSteps } from './progress-steps';

/** One parcel: status, progress, estimate, what to do, notices, courier links, history, items. */
export function ParcelCard({
  tracking,
  index,
  total,
  timeZone,
  now,
  replaced = false,
  history,
  forward,
  locale,
  detailsLanguages,
}: {
  tracking: TrackingInfo;
  index: number;
  total: number;
  timeZone: string;
  now: Date;
  /** A cancelled label the shop replaced by another parcel: history, not a problem to act on. */
  replaced?: boolean;
  /** Links through a history longer than one response carries. */
  history?: HistoryLinks;
  /** The way forward on a problem, with the shop's contact (the shopper page only). */
  forward?: ForwardContext;
  /** The page's language (next-intl's request locale). */
  locale: string;
  /** Per checkpoint, the language of the source's own words (OrderPageExtras). */
  detailsLanguages?: ReadonlyArray<string | null>;
}) {
  const t = translationsFor(locale, 'page');
  const tAnswer = translationsFor(locale, 'answer');
  const format = formatterFor(locale);
  const status = tracking.last_delivery_status;
  const warning = !replaced && needsAttention(tracking);
  const { notShipped, journey, box, notice, showsDetails } = parcelView(tracking, replaced, now);
  const way = forward && !replaced ? wayForward(tracking, forward.shop) : null;
  // The way forward's own button leads to the reroute page: no second link beside it.
  const rerouteButton = way?.primary?.kind === 'reroute';
  const deliveredAt = tracking.reporting_info.delivery_date;
  const headingId = `parcel-${tracking.tracking_id}`;
  return (
    <article aria-labelledby={headingId} className="rounded-lg bg-white p-4 shadow-sm">
      {total > 1 && <p className="text-sm text-neutral-700">{t('parcelHeading', { index, total })}</p>}
      <h2 id={headingId} className="text-xl font-semibold">
        {notShipped
          ? tAnswer('notShippedHeading')
          : journey?.ownReturn && journey.step === 1
            ? tAnswer('ownReturn', { step: '1' })
            : status.status_text}
      </h2>
      {showsDetails && <p className="text-neutral-700">{status.status_details}</p>}
      {notShipped && (
        <p className="text-neutral-700">
          {tAnswer('notShippedDetail', { courier: tracking.courier_info.courier_name })}
        </p>
      )}
      <ProgressSteps
        locale={locale}
        step={status.step}
        lifecycle={status.lifecycle_status}
        warning={warning}
        journey={journey}
      />
      {journey?.refundedAt && (
        <p className="mt-3 font-medium">
          {tAnswer('refundProcessedOn', { date: formatDay(journey.refundedAt, locale, timeZone) })}
        </p>
      )}

      {deliveredAt && (
        <p className="mt-3 font-medium">
          {t('deliveredOn', {
            date: format.dateTime(new Date(deliveredAt), { dateStyle: 'full', timeStyle: 'short', timeZone }),
          })}
        </p>
      )}
      {notice === 'delayed' && (
        <p className="mt-3 rounded bg-amber-100 p-2 text-amber-950">{t('delayedNotice')}</p>
      )}
      {notice === 'replaced' && <p className="mt-3 rounded bg-neutral-200 p-2">{t('replacedNotice')}</p>}
      {notice === 'exception' && (
        <p className="mt-3 rounded bg-red-100 p-2 text-red-950">{t('exceptionNotice')}</p>
      )}
      {box && <ActionBoxView locale={locale} box={box} timeZone={timeZone} now={now} />}
      {forward && !replaced && (
        <ParcelForward locale={locale} tracking={tracking} now={now} way={way} forward={forward} />
      )}

      <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-neutral-700">{t('trackingNumber')}</dt>
        <dd className="font-mono break-all">
          {/* Left to right inside right-to-left text, whatever its first character. */}
          <bdi dir="ltr">{tracking.tracking_number}</bdi>
        </dd>
      </dl>
      <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1">
        {tracking.courier_info.courier_tracking_url && !notShipped && (
          <a
            href={tracking.courier_info.courier_tracking_url}
            rel="noopener noreferrer"
            target="_blank"
            className="font-medium text-[var(--brand)] underline underline-offset-4"
          >
            {t('trackAtCourier', { courier: tracking.courier_info.courier_name })}
          </a>
        )}
        {tracking.courier_info.courier_reroute_url && !notShipped && !rerouteButton && (
          <a
            href={tracking.courier_info.courier_reroute_url}
            rel="noopener noreferrer"
            target="_blank"
            className="font-medium text-[var(--brand)] underline underline-offset-4"
          >
            {t('reroute')}
          </a>
        )}
      </p>

      <h3 className="mt-4 font-semibold">{t('timelineHeading')}</h3>
      <CheckpointTimeline
        locale={locale}
        checkpoints={tracking.checkpoints}
        timeZone={timeZone}
        history={history}
        detailsLanguages={detailsLanguages}
      />

      {tracking.articles.length > 0 && (
        <>
          <h3 className="mt-4 font-semibold">{t('itemsHeading')}</h3>
          <ItemList locale={locale} articles={tracking.articles} />
        </>
      )}
    </article>
  );
}
