import { translationsFor } from '@/lib/i18n/translations';
import { formatterFor } from '@/lib/i18n/formatter';
import { RTL_LOCALES } from '@/lib/i18n/locales';
import type { CheckpointInfo } from '@/lib/projection/types';

const VISIBLE = 3;

const baseLanguage = (tag: string) => tag.split('-')[0]!.toLowerCase();

/** Older checkpoints than the response carries (SPEC §2's cap) are a page further back. */
export type HistoryLinks = { older: number; olderHref: string; latestHref: string | null };

/** Newest first; older updates fold into a <details> so "show more" needs no JavaScript. */
export function CheckpointTimeline({
  checkpoints,
  timeZone,
  history,
  locale,
  detailsLanguages = [],
}: {
  checkpoints: CheckpointInfo[];
  timeZone: string;
  history?: HistoryLinks;
  /** The page's language (next-intl's request locale). */
  locale: string;
  /** Per checkpoint: the language of its details when they are the source's words. */
  detailsLanguages?: ReadonlyArray<string | null>;
}) {
  const t = translationsFor(locale, 'page');
  const tStatus = translationsFor(locale, 'status');
  const format = formatterFor(locale);
  const newestFirst = checkpoints.map((c, i) => ({ c, language: detailsLanguages[i] ?? null })).reverse();
  const link = 'mt-2 inline-block font-medium text-[var(--brand)] underline underline-offset-4';
  const latest = history?.latestHref ? (
    <a href={history.latestHref} className={link}>
      {t('latestUpdates')}
    </a>
  ) : null;
  const older =
    history && history.older > 0 ? (
      <a href={history.olderHref} className={link}>
        {t('olderUpdates', { count: history.older })}
      </a>
    ) : null;
  if (newestFirst.length === 0)
    return (
      <>
        {latest}
        <p className="mt-2 text-neutral-700">{t('noEvents')}</p>
      </>
    );
  const item = ({ c, language }: { c: CheckpointInfo; language: string | null }, i: number) => (
    <li key={`${c.event_timestamp}-${i}`} className="border-s-2 border-neutral-300 ps-3 pb-3">
      <p className="font-medium">{c.status_text}</p>
      <p className="text-sm text-neutral-700">
        <time dateTime={c.event_timestamp}>
          {format.dateTime(new Date(c.event_timestamp), {
            dateStyle: 'medium',
            timeStyle: 'short',
            timeZone,
          })}
        </time>
        {c.location && (
          <>
            {' · '}
            {/* Written in the page's language (the country's name, its commas): in its direction, so
                a Latin street before a Hebrew country name reads in order, commas where they belong. */}
            <bdi dir={RTL_LOCALES.has(locale) ? 'rtl' : 'ltr'}>{c.location}</bdi>
          </>
        )}
      </p>
      {/* The source's words in another language than the page: ours first, theirs on demand, never
          translated by machine. Either way they keep their own direction. */}
      {c.status_details &&
        (language && baseLanguage(language) !== baseLanguage(locale) ? (
          <>
            <p className="text-sm text-neutral-700">{tStatus(`${c.status_code}.details`)}</p>
            <details className="text-sm text-neutral-700">
              <summary className="min-h-6 cursor-pointer underline-offset-4 hover:underline">
                {t('carrierWords')}
              </summary>
              <p lang={language} dir="auto">
                {c.status_details}
              </p>
            </details>
          </>
        ) : (
          <p lang={language ?? undefined} dir="auto" className="text-sm text-neutral-700">
            {c.status_details}
          </p>
        ))}
    </li>
  );
  const folded = newestFirst.slice(VISIBLE);
  return (
    <>
      {latest}
      <ol className="mt-2">{newestFirst.slice(0, VISIBLE).map(item)}</ol>
      {folded.length > 0 && (
        <details className="mt-1">
          <summary className="cursor-pointer font-medium text-[var(--brand)] underline underline-offset-4">
            {t('showEarlier', { count: folded.length })}
          </summary>
          <ol className="mt-2">{folded.map((c, i) => item(c, i + VISIBLE))}</ol>
          {older}
        </details>
      )}
      {folded.length === 0 && older}
    </>
  );
}
