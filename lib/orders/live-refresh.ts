import 'server-only';
import { type CircuitBreakerPolicy, circuitBreaker, ConsecutiveBreaker, handleWhen } from 'cockatiel';
import { adapterFor, carrierSettings } from '@/lib/carriers/registry';
import { type CarrierAdapter, type CarrierEvent, CarrierError, type KnownState } from '@/lib/carriers/types';
import type { Db } from '@/lib/db/client';
import type { TrackingRow } from '@/lib/db/schema';
import type { EventInput } from '@/lib/schemas/event';
import { log } from '@/lib/log';
import { perProcess } from '@/lib/process-state';
import { TERMINAL_STATUS_CODES } from '@/lib/status/vocabulary';
import { ingestEvents } from './ingest-events';
import { updateWatchState } from './watch-state';

export type LiveRefreshStatus = 'updated' | 'unchanged' | 'skipped' | 'failed';
type Outcome = Exclude<LiveRefreshStatus, 'skipped'>;

const MIN_INTERVAL_MS = 60_000;

// Per courier: stop calling a carrier that keeps failing, and respect its 429s. Per tracking:
// concurrent requests share one carrier call. Once per process, whichever path asks.
const { breakers, paused, inflight } = perProcess('live-refresh', () => ({
  breakers: new Map<string, CircuitBreakerPolicy>(),
  paused: new Map<string, { until: number; strikes: number }>(),
  inflight: new Map<number, Promise<Outcome>>(),
}));

function breakerFor(courier: string): CircuitBreakerPolicy {
  let breaker = breakers.get(courier);
  if (!breaker) {
    // A 429 is the carrier's quota, not a fault: the pause handles it without opening the circuit.
    const failure = handleWhen((e) => !(e instanceof CarrierError && e.kind === 'rate_limited'));
    breaker = circuitBreaker(failure, { halfOpenAfter: 30_000, breaker: new ConsecutiveBreaker(5) });
    breakers.set(courier, breaker);
  }
  return breaker;
}

/** Forget breakers, pauses and in-flight calls (tests; a deployment reloading carrier settings). */
export function resetLiveRefreshState() {
  breakers.clear();
  paused.clear();
  inflight.clear();
}

function toEventInput(tracking: TrackingRow, e: CarrierEvent): EventInput {
  return {
    courier: tracking.courier,
    tracking_number: tracking.tracking_number,
    event_status: e.status_code,
    event_timestamp: e.event_timestamp,
    location: e.location,
    event_details: e.details,
    // Every adapter asks its carrier for English (DHL, PostNL, UPS, FedEx; USPS writes nothing else).
    event_details_language: 'en',
    delivery_location_type: e.delivery_location_type ?? null,
    delivery_extra_info: e.signer ? `Signed by ${e.signer}` : null,
    exception_type: e.exception_type ?? null,
    estimated_delivery_date: e.estimated_delivery ?? null,
    pickup_location: e.pickup_location ?? null,
    raw_code: e.raw_code,
    raw_text: e.raw_text,
  };
}

async function refreshTracking(
  db: Db,
  tracking: TrackingRow,
  adapter: CarrierAdapter,
  signal: AbortSignal,
  now: Date,
): Promise<Outcome> {
  const courier = tracking.courier;
  const pause = paused.get(courier);
  if (pause && pause.until > Date.now()) return 'failed';
  try {
    // The tracking's zone is the order's unless set apart (write-order copies it down).
    const known = new Map<string, KnownState>([
      [
        tracking.tracking_number,
        {
          statusCode: tracking.status_code,
          lastEventAt: tracking.last_event_at,
          timeZone: tracking.timezone,
        },
      ],
    ]);
    const [result] = await breakerFor(courier).execute(() =>
      adapter.fetchTrackings([tracking.tracking_number], signal, known),
    );
    paused.delete(courier);
    const events = result?.found ? result.events.map((e) => toEventInput(tracking, e)) : [];
    const { stored } = events.length
      ? await ingestEvents(db, tracking.account_id, events, { source: `carrier:${courier}`, now })
      : { stored: 0 };
    await db
      .updateTable('trackings')
      .set({ last_refreshed_at: new Date().toISOString() })
      .where('id', '=', tracking.id)
      .execute();
    // Nothing new, but a threshold may have passed since the sweep last came by: the staff member
    // who just pressed refresh sees the watchlist agree with the page.
    if (stored === 0 && tracking.watch_due_at !== null && tracking.watch_due_at <= now.toISOString())
      await updateWatchState(db, [tracking.id], now);
    return stored > 0 ? 'updated' : 'unchanged';
  } catch (error) {
    if (error instanceof CarrierError && error.kind === 'rate_limited') {
      const strikes = (pause?.strikes ?? 0) + 1;
      const waitS = error.retryAfterS ?? Math.min(60 * 2 ** (strikes - 1), 3600);
      paused.set(courier, { until: Date.now() + waitS * 1000, strikes });
    }
    log.warn({ courier, tracking: tracking.public_id, err: (error as Error).message }, 'live refresh failed');
    return 'failed';
  }
}

/**
 * Fetches fresh events for the trackings whose courier is configured, that were not refreshed in
 * the last minute and are not finished; all calls in parallel within one budget. Never throws:
 * a slow, failing or rate-limiting carrier yields `failed` and the stored data stands.
 */
export async function liveRefresh(
  db: Db,
  trackings: readonly TrackingRow[],
  now = new Date(),
): Promise<LiveRefreshStatus> {
  const eligible = trackings.filter(
    (t) =>
      adapterFor(t.courier)?.isConfigured() &&
      !(t.status_code && TERMINAL_STATUS_CODES.has(t.status_code)) &&
      (!t.last_refreshed_at || now.getTime() - Date.parse(t.last_refreshed_at) >= MIN_INTERVAL_MS),
  );
  if (eligible.length === 0) return 'skipped';
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve('failed');
    }, carrierSettings().liveRefreshBudgetMs);
  });
  try {
    const outcomes = await Promise.all(
      eligible.map((tracking) => {
        let call = inflight.get(tracking.id);
        if (!call) {
          call = refreshTracking(db, tracking, adapterFor(tracking.courier)!, controller.signal, now).finally(
            () => inflight.delete(tracking.id),
          );
          inflight.set(tracking.id, call);
        }
        return Promise.race([call, deadline]);
      }),
    );
    if (outcomes.includes('updated')) return 'updated';
    return outcomes.includes('failed') ? 'failed' : 'unchanged';
  } finally {
    clearTimeout(timer);
  }
}
