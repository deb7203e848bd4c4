import { formatPath, type WarningEntry } from '@/lib/errors';
import { courierInfo, isKnownCourier } from '@/lib/status/couriers';

/**
 * A courier code the portal has no name or links for is accepted (a merchant may ship with any
 * courier), but said once per code, at the first place the body names it: a typo such as `dhll`
 * would otherwise show shoppers a made-up courier without anyone noticing.
 */
export function unknownCourierWarnings(
  couriers: Iterable<{ code: string; path: Array<string | number> }>,
): WarningEntry[] {
  const warnings = new Map<string, WarningEntry>();
  for (const { code, path } of couriers) {
    if (isKnownCourier(code) || warnings.has(code)) continue;
    warnings.set(code, {
      code: 'unknown_courier',
      detail: `Unknown courier "${code}": accepted and shown to shoppers as "${courierInfo(code, '').name}", without a link to the courier's tracking page.`,
      attr: formatPath(path),
    });
  }
  return [...warnings.values()];
}
