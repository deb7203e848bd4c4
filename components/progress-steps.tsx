import { getTranslations } from 'next-intl/server';
import { PROGRESS_STEPS, stepLabelKey } from '@/lib/projection/progress';
import type { LifecycleStatus } from '@/lib/status/vocabulary';

/** The five-step progress bar; the current step is announced to screen readers. */
export async function ProgressSteps({
  step,
  lifecycle,
  warning,
}: {
  step: number;
  lifecycle: LifecycleStatus;
  warning: boolean;
}) {
  const t = await getTranslations('page');
  return (
    <ol aria-label={t('progressLabel')} className="mt-3 grid grid-cols-5 gap-1">
      {PROGRESS_STEPS.map((s) => {
        const done = s <= step;
        const label = t(`steps.${stepLabelKey(s, step, lifecycle)}`);
        return (
          <li
            key={s}
            aria-current={s === step ? 'step' : undefined}
            className="min-w-0 text-center text-[0.6875rem] leading-tight sm:text-xs"
          >
            <span
              aria-hidden="true"
              className={`block h-2 rounded-full ${done ? (warning && s === step ? 'bg-amber-600' : 'bg-[var(--brand)]') : 'bg-neutral-300'}`}
            />
            {/* Long German compounds would run into the next column at phone widths; break them
                (hyphenated in the page's <html lang>) instead. */}
            <span
              className={`mt-1 block hyphens-auto [overflow-wrap:anywhere] ${s === step ? 'font-semibold' : 'text-neutral-700'}`}
            >
              <span className="sr-only">{t('stepLabel', { step: s, label })}</span>
              <span aria-hidden="true">{label}</span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
