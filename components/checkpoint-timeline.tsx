import { getFormatter, getTranslations } from 'next-intl/server';
import type { CheckpointInfo } from '@/lib/projection/types';

const VISIBLE = 3;

/** Newest first; older updates fold into a <details> so "show more" needs no JavaScript. */
export async function CheckpointTimeline({
  checkpoints,
  timeZone,
}: {
  checkpoints: CheckpointInfo[];
  timeZone: string;
}) {
  const t = await getTranslations('page');
  const format = await getFormatter();
  const newestFirst = [...checkpoints].reverse();
  if (newestFirst.length === 0) return <p className="mt-2 text-neutral-700">{t('noEvents')}</p>;
  const item = (c: CheckpointInfo, i: number) => (
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
            <bdi>{c.location}</bdi>
          </>
        )}
      </p>
      {/* Carrier free text is in the carrier's language: let it keep its own direction. */}
      {c.status_details && (
        <p dir="auto" className="text-sm text-neutral-700">
          {c.status_details}
        </p>
      )}
    </li>
  );
  const older = newestFirst.slice(VISIBLE);
  return (
    <>
      <ol className="mt-2">{newestFirst.slice(0, VISIBLE).map(item)}</ol>
      {older.length > 0 && (
        <details className="mt-1">
          <summary className="cursor-pointer font-medium text-[var(--brand)] underline underline-offset-4">
            {t('showEarlier', { count: older.length })}
          </summary>
          <ol className="mt-2">{older.map((c, i) => item(c, i + VISIBLE))}</ol>
        </details>
      )}
    </>
  );
}
