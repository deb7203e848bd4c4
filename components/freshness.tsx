'use client';

import { QueryClient, QueryClientProvider, useMutation, useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { statusFingerprint } from '@/lib/projection/status-fingerprint';
import type { OrderInfo } from '@/lib/projection/types';
import { relativeTime } from '@/lib/time/relative';

type Labels = {
  lastUpdate: string;
  noUpdateYet: string;
  refresh: string;
  refreshing: string;
  statusChanged: string;
  checkedNow: string;
  refreshFailed: string;
  /** A refresh that asked no carrier (`skipped`), with and without a last change to name. */
  refreshSkipped: string;
  refreshSkippedNoData: string;
};

type Props = {
  /** The info API URL with this page's lookup and proof. */
  apiPath: string;
  /** This page's path and query without proofs: what Refresh reloads before the scripts run. */
  reload: { path: string; query: Record<string, string> };
  lastEventAt: string | null;
  /** statusFingerprint of the order as rendered: a different one means a new status. */
  fingerprint: string;
  locale: string;
  labels: Labels;
};

const MINUTE = 60_000;
const noSubscription = () => () => {};

/** The order, and what the server's live refresh did (`X-Live-Refresh`) when one was asked for. */
async function fetchOrder(url: string): Promise<{ data: OrderInfo; refresh: string | null }> {
  const res = await fetch(url, { headers: { accept: 'application/json' }, cache: 'no-store' });
  if (!res.ok) throw new Error(`info answered ${res.status}`);
  return { data: await res.json(), refresh: res.headers.get('X-Live-Refresh') };
}

function FreshnessInner({ apiPath, reload, lastEventAt, fingerprint, locale, labels }: Props) {
  const router = useRouter();
  const [now, setNow] = useState(() => Date.now());
  const [announcement, setAnnouncement] = useState('');
  // False while hydrating (as the server rendered it), true from the render after.
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  /** Announces and shows a new status; false when nothing changed. */
  const onData = (data: OrderInfo) => {
    if (statusFingerprint(data) === fingerprint) return false;
    const newest = data.trackings.map((t) => t.last_delivery_status).find((s) => s.event_timestamp);
    setAnnouncement(labels.statusChanged.replace('{status}', newest?.status_text ?? ''));
    router.refresh();
    return true;
  };

  // A quiet check every minute while the tab is visible; hidden tabs do not poll.
  useQuery({
    queryKey: ['order', apiPath],
    queryFn: async () => {
      const { data } = await fetchOrder(apiPath);
      onData(data);
      return data;
    },
    refetchInterval: MINUTE,
    refetchIntervalInBackground: false,
    staleTime: MINUTE,
    initialData: null,
  });

  // "Checked just now" only when a carrier was asked: a skipped refresh (no live connection,
  // checked a moment ago, or finished) says when the data last changed instead.
  const outcomeText = (outcome: string | null) => {
    if (outcome === 'updated' || outcome === 'unchanged') return labels.checkedNow;
    if (outcome === 'failed') return labels.refreshFailed;
    return lastEventAt
      ? labels.refreshSkipped.replace('{relative}', relativeTime(lastEventAt, Date.now(), locale))
      : labels.refreshSkippedNoData;
  };

  // A click always answers: otherwise a refresh that found nothing new looks like a dead button.
  // Cleared first so that the same answer twice is announced twice.
  const refresh = useMutation({
    mutationFn: () => fetchOrder(`${apiPath}&live_refresh=true`),
    onMutate: () => setAnnouncement(''),
    onSuccess: ({ data, refresh: outcome }) => {
      // A new status has re-rendered the page already (onData).
      if (onData(data)) return;
      setAnnouncement(outcomeText(outcome));
      // New events with the same status still belong in the history.
      router.refresh();
    },
    onError: () => setAnnouncement(labels.refreshFailed),
  });

  return (
    <FreshnessView
      lastUpdate={lastUpdateText(lastEventAt, now, locale, labels)}
      labels={labels}
      reload={reload}
      pending={refresh.isPending}
      onRefresh={hydrated ? () => refresh.mutate() : undefined}
      announcement={announcement}
    />
  );
}

function lastUpdateText(lastEventAt: string | null, now: number, locale: string, labels: Labels) {
  return lastEventAt
    ? labels.lastUpdate.replace('{relative}', relativeTime(lastEventAt, now, locale))
    : labels.noUpdateYet;
}

/**
 * Until the page's scripts run (they load after its first paint) or without them, Refresh is a
 * form that loads the page again with the latest stored data; then it asks for a live refresh in
 * place, and the form says so with `data-hydrated` (which the browser tests wait for).
 */
function FreshnessView({
  lastUpdate,
  labels,
  reload,
  pending,
  onRefresh,
  announcement,
}: {
  lastUpdate: string;
  labels: Labels;
  reload: Props['reload'];
  pending: boolean;
  onRefresh?: () => void;
  announcement: string;
}) {
  return (
    <form
      method="get"
      action={reload.path}
      onSubmit={(event) => {
        if (!onRefresh) return;
        event.preventDefault();
        onRefresh();
      }}
      data-hydrated={onRefresh ? '' : undefined}
      className="mt-2 flex flex-wrap items-center gap-3 text-sm text-neutral-700"
    >
      {Object.entries(reload.query).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <p>{lastUpdate}</p>
      <button
        type="submit"
        disabled={pending}
        className="rounded-md border border-[var(--brand)] px-3 py-1 font-medium text-[var(--brand)] disabled:opacity-70"
      >
        {pending ? labels.refreshing : labels.refresh}
      </button>
      <p aria-live="polite" role="status">
        {announcement}
      </p>
    </form>
  );
}

/** "Last courier update 4 minutes ago", a Refresh button (live refresh) and a quiet minute poll. */
export function Freshness(props: Props) {
  // Polling and refreshing happen in the browser. The server renders the same markup without a
  // query client and its observers, which it would otherwise build for every request; hydration
  // compares the markup only, and the browser's first render builds the client.
  const [client] = useState(() =>
    typeof window === 'undefined' ? null : new QueryClient({ defaultOptions: { queries: { retry: 1 } } }),
  );
  const [renderedAt] = useState(() => Date.now());
  if (!client) {
    const { lastEventAt, locale, labels, reload } = props;
    return (
      <FreshnessView
        lastUpdate={lastUpdateText(lastEventAt, renderedAt, locale, labels)}
        labels={labels}
        reload={reload}
        pending={false}
        announcement=""
      />
    );
  }
  return (
    <QueryClientProvider client={client}>
      <FreshnessInner {...props} />
    </QueryClientProvider>
  );
}
