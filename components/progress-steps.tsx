import { getTranslations } from 'next-intl/server';

const STEPS = [1, 2, 3, 4, 5] as const;

/** The five-step progress bar; the current step is announced to screen readers. */
export async function ProgressSteps({ step, warning }: { step: number; warning: boolean }) {
  const t = await getTranslations('page');
  return (
    <ol aria-label={t('progressLabel')} className="mt-3 grid grid-cols-5 gap-1">
      {STEPS.map((s) => {
        const done = s <= step;
        const label = t(`steps.${s}`);
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
