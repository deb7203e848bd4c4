import type { LifecycleStatus } from '@/lib/status/vocabulary';

export const PROGRESS_STEPS = [1, 2, 3, 4, 5] as const;
type ProgressStep = (typeof PROGRESS_STEPS)[number];

/**
 * The `page.steps` message key of a progress step, shared by the page and the widget. Step 4 is
 * where "out for delivery", "ready for pickup" and "delivery attempted" all land: while the parcel
 * is at one of the latter, step 4 says so instead of "Out for delivery", which did not happen.
 */
export function stepLabelKey(
  step: ProgressStep,
  currentStep: number,
  lifecycle: LifecycleStatus | undefined,
): `${ProgressStep}` | 'readyForPickup' | 'deliveryAttempted' {
  if (step === 4 && currentStep === 4) {
    if (lifecycle === 'AvailableForPickup') return 'readyForPickup';
    if (lifecycle === 'FailedAttempt') return 'deliveryAttempted';
  }
  return `${step}`;
}
