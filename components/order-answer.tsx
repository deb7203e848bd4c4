import { getLocale } from 'next-intl/server';
import { translationsFor } from '@/lib/i18n/translations';
import { formatterFor } from '@/lib/i18n/formatter';
import type { OrderAnswer, Window } from '@/lib/projection/answer';
import { formatDay, formatTimeOfDay } from '@/lib/time/format';

/** The answer first: when and where, above the parcels, in one heading and one line. */
export async function OrderAnswerView({ answer, locale }: { answer: OrderAnswer; locale: string }) {
  const t = translationsFor(await getLocale(), 'answer');
  const tRoot = translationsFor(await getLocale());
  const format = formatterFor(await getLocale());
  const { timeZone } = answer;
  const day = (date: string) => formatDay(date, locale, timeZone);
  const time = (value: string) => formatTimeOfDay(value, locale);
  const when = (w: Window, today?: 'today' | 'tomorrow' | 'later') => {
    const days =
      today === 'today'
        ? t('today')
        : today === 'tomorrow'
          ? t('tomorrow')
          : w.start === w.end
            ? t('onDay', { date: day(w.start) })
            : t('betweenDays', { start: day(w.start), end: day(w.end) });
    return w.from && w.to ? t('dayWindow', { day: days, from: time(w.from), to: time(w.to) }) : days;
  };

  let title: string;
  let detail: string | null = null;
  let link: { href: string; label: string } | null = null;
  switch (answer.kind) {
    case 'arriving':
      title = t('arriving', { when: when(answer, answer.day) });
      break;
    case 'underway':
      title = t('underway');
      detail = t('underwayDetail');
      break;
    case 'delayed':
      title = t('delayed');
      detail = t('delayedDetail');
      break;
    case 'pickup':
      title = answer.until ? t('pickupUntil', { date: day(answer.until) }) : t('pickup');
      detail = answer.place && t('pickupAt', { place: answer.place });
      link = answer.directionsUrl
        ? {
            href: answer.directionsUrl,
            label: answer.place ? t('directions', { place: answer.place }) : t('directionsPlain'),
          }
        : null;
      break;
    case 'held':
      title = t('held', { date: day(answer.until) });
      detail = answer.place ? t('heldAt', { place: answer.place }) : t('heldDetail');
      break;
    case 'action':
      title =
        answer.action === 'none'
          ? t('problem')
          : t('actionNeeded', { action: tRoot(`nextAction.${answer.action}`) });
      break;
    case 'delivered':
      title = t('delivered', { to: answer.to ?? 'other' });
      detail = [
        format.dateTime(new Date(answer.at), { dateStyle: 'full', timeStyle: 'short', timeZone }),
        answer.detail,
      ]
        .filter(Boolean)
        .join(' · ');
      break;
    case 'preparing':
      title = t('preparing');
      detail = answer.expected
        ? t('preparingExpected', { when: when(answer.expected) })
        : t('preparingDetail');
      break;
    case 'return':
      if (answer.refundedAt) {
        title = t('refundProcessed');
        detail = day(answer.refundedAt);
      } else {
        title = answer.ownReturn
          ? t('ownReturn', { step: String(answer.step) })
          : t('sentBack', { step: String(answer.step) });
      }
      break;
  }

  return (
    <section
      aria-labelledby="order-answer"
      className="my-3 rounded-lg border-s-4 border-[var(--brand)] bg-white p-4 shadow-sm"
    >
      <h2 id="order-answer" className="text-xl font-semibold">
        {title}
      </h2>
      {detail && <p className="mt-1">{detail}</p>}
      {link && (
        <a
          href={link.href}
          rel="noopener noreferrer"
          target="_blank"
          className="mt-2 inline-block font-medium text-[var(--brand)] underline underline-offset-4"
        >
          {link.label}
        </a>
      )}
    </section>
  );
}
