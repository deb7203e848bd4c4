import { translationsFor } from '@/lib/i18n/translations';
import { type ReturnJourney, returnSteps } from '@/lib/projection/parcel-state';
import { PROGRESS_STEPS, stepLabelKey } from '@/lib/projection/progress';
import type { LifecycleStatus } from '@/lib/status/vocabulary';

/**
 * The progress bar: the five delivery steps, or a return's own four (five once the shop reports
 * the refund); the current step is announced to screen readers.
 */
export function ProgressSteps({
  step,
  lifecycle,
  warning,
  journey,
  locale,
}: {
  step: number;
  lifecycle: LifecycleStatus;
  warning: boolean;
  /** Set for a parcel on its way back to the shop: its steps replace the delivery's. */
  journey?: ReturnJourney | null;
  /** The page's language (next-intl's request locale). */
  locale: string;
}) {
  const t = translationsFor(locale, 'page');
  const tAnswer = translationsFor(locale, 'answer');
  const steps = journey
    ? returnSteps(journey).map((s) => ({ s, label: tAnswer(`returnSteps.${s}`) }))
    : PROGRESS_STEPS.map((s) => ({ s, label: t(`steps.${stepLabelKey(s, step, lifecycle)}`) }));
  const current = journey?.step ?? step;
  return (
    <ol
      aria-label={journey ? tAnswer('returnProgressLabel') : t('progressLabel')}
      className={`mt-3 grid gap-1 ${steps.length === 4 ? 'grid-cols-4' : 'grid-cols-5'}`}
    >
      {steps.map(({ s, label }) => {
        const done = s <= current;
        return (
          <li
            key={s}
            aria-current={s === current ? 'step' : undefined}
            className="min-w-0 text-center text-[0.6875rem] leading-tight sm:text-xs"
          >
            <span
              aria-hidden="true"
              className={`block h-2 rounded-full ${done ? (warning && s === current ? 'bg-amber-600' : 'bg-[var(--brand)]') : 'bg-neutral-300'}`}
            />
            {/* Long German compounds would run into the next column at phone widths; break them
                (hyphenated in the page's <html lang>) instead. */}
            <span
              className={`mt-1 block hyphens-auto [overflow-wrap:anywhere] ${s === current ? 'font-semibold' : 'text-neutral-700'}`}
            >
              <span className="sr-only">
                {journey
                  ? tAnswer('returnStepLabel', { step: s, total: steps.length, label })
                  : t('stepLabel', { step: s, label })}
              </span>
              <span aria-hidden="true">{label}</span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
