import { formatterFor } from '@/lib/i18n/formatter';
import { translationsFor } from '@/lib/i18n/translations';
import { formatTimeRange } from '@/lib/time/format';
import { isOpenAt, weekSchedule } from '@/lib/projection/opening-hours';
import type { ActionBox } from '@/lib/projection/types';

/** What the shopper can do or expect now: the prediction, the pickup point, the next action. */
export function ActionBoxView({
  box,
  timeZone,
  now,
  locale,
}: {
  box: ActionBox;
  timeZone: string;
  now: Date;
  /** The page's language (next-intl's request locale). */
  locale: string;
}) {
  const t = translationsFor(locale, 'page');
  const format = formatterFor(locale);
  const open = box.type === 'pickup-location' ? isOpenAt(box.opening_hours, now, timeZone) : null;
  return (
    <section className="mt-4 rounded-md border-s-4 border-[var(--brand)] bg-neutral-100 p-3">
      <h3 className="font-semibold">{box.label}</h3>
      <p className="mt-1">{box.label_communication}</p>
      {box.address && <p className="mt-1 font-medium">{box.address}</p>}
      {open !== null && (
        <p className={`mt-1 text-sm font-semibold ${open ? 'text-green-800' : 'text-neutral-800'}`}>
          {open ? t('openNow') : t('closedNow')}
        </p>
      )}
      {box.opening_hours.length > 0 && (
        <table className="mt-2 text-sm">
          <caption className="text-start font-medium">{t('openingHours')}</caption>
          <tbody>
            {weekSchedule(box.opening_hours).map(({ day, hours }) => (
              <tr key={day}>
                <th scope="row" className="pe-4 text-start font-normal">
                  {t(`weekday.${day}`)}
                </th>
                <td>
                  {hours.length === 0
                    ? t('closed')
                    : format.list(
                        hours.map((h) => formatTimeRange(h.open, h.close, locale)),
                        {
                          type: 'unit',
                        },
                      )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {box.label_caption && <p className="mt-2 text-sm text-neutral-700">{box.label_caption}</p>}
    </section>
  );
}
