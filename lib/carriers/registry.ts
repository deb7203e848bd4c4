import 'server-only';
import { demoAdapter } from './demo';
import { dhlAdapter } from './dhl';
import { fedexAdapter } from './fedex';
import { postnlAdapter } from './postnl';
import type { CarrierAdapter } from './types';
import { upsAdapter } from './ups';
import { uspsAdapter } from './usps';

// One adapter per courier code. An adapter without credentials is known but not offered.
const ADAPTERS: readonly CarrierAdapter[] = [
  dhlAdapter,
  upsAdapter,
  fedexAdapter,
  uspsAdapter,
  postnlAdapter,
  demoAdapter,
];

export function adapterFor(courier: string): CarrierAdapter | undefined {
  return ADAPTERS.find((a) => a.courier === courier);
}

/** The couriers whose live refresh is configured in this deployment. */
export function liveRefreshCouriers(): ReadonlySet<string> {
  return new Set(ADAPTERS.filter((a) => a.isConfigured()).map((a) => a.courier));
}
