import 'server-only';
import { type CarrierSettings, getConfig } from '@/lib/config';
import { perProcess } from '@/lib/process-state';
import { createDemoAdapter } from './demo';
import { createDhlAdapter } from './dhl';
import { createFedexAdapter } from './fedex';
import { createPostnlAdapter } from './postnl';
import type { CarrierAdapter } from './types';
import { createUpsAdapter } from './ups';
import { createUspsAdapter } from './usps';

type Carriers = { settings: CarrierSettings; adapters: readonly CarrierAdapter[] };

// One adapter per courier code. An adapter without credentials is known but not offered.
function build(settings: CarrierSettings): Carriers {
  return {
    settings,
    adapters: [
      createDhlAdapter(settings.dhl),
      createUpsAdapter(settings.ups),
      createFedexAdapter(settings.fedex),
      createUspsAdapter(settings.usps),
      createPostnlAdapter(settings.postnl),
      createDemoAdapter(settings.demo),
    ],
  };
}

// Built once per process, so each OAuth client keeps its token between requests.
const state = () => perProcess<{ carriers?: Carriers }>('carriers', () => ({}));
const current = () => (state().carriers ??= build(getConfig().carriers));

export function adapterFor(courier: string): CarrierAdapter | undefined {
  return current().adapters.find((a) => a.courier === courier);
}

/** The couriers whose live refresh is configured in this deployment. */
export function liveRefreshCouriers(): ReadonlySet<string> {
  return new Set(
    current()
      .adapters.filter((a) => a.isConfigured())
      .map((a) => a.courier),
  );
}

/** The carrier settings in effect (live refresh reads its budget here). */
export function carrierSettings(): CarrierSettings {
  return current().settings;
}

/** This process's carriers from these settings rather than the deployment's, until undone (tests). */
export function useCarrierSettings(settings: CarrierSettings): () => void {
  const previous = state().carriers;
  state().carriers = build(settings);
  return () => {
    state().carriers = previous;
  };
}
