import { useEffect, useRef, useState } from 'react';
import { withQuery } from '../../api/client';
import type { Dashboard } from './model';

export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'off';

const MAX_BACKOFF_MS = 30_000;

/**
 * The dashboard pushed by the server (`GET /api/dashboard/stream`, Server-Sent Events of type `dashboard` carrying
 * what GET /api/dashboard answers, once on connecting and again whenever the figures change). The session cookie
 * goes with it (same origin). The browser reconnects by itself after a dropped connection; after a refused one
 * (the stream closed for good) it is reopened here, waiting longer each time. Closed on unmount and whenever
 * the query changes; `query` null (a past view, as of a date) means no stream.
 */
export function useLiveDashboard(query: Record<string, string> | null, onDashboard: (dashboard: Dashboard) => void) {
  const [state, setState] = useState<LiveState>(query ? 'connecting' : 'off');
  const [lastUpdate, setLastUpdate] = useState<Date | null>(null);
  const handler = useRef(onDashboard);
  handler.current = onDashboard;
  const key = query ? JSON.stringify(query) : null;

  useEffect(() => {
    if (key === null) {
      setState('off');
      return;
    }
    const url = withQuery('/api/dashboard/stream', JSON.parse(key) as Record<string, string>);
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let stopped = false;

    const open = () => {
      if (stopped) return;
      setState(failures ? 'reconnecting' : 'connecting');
      const current = new EventSource(url, { withCredentials: true });
      source = current;
      current.addEventListener('dashboard', (event) => {
        try {
          const dashboard = JSON.parse((event as MessageEvent<string>).data) as Dashboard;
          failures = 0;
          handler.current(dashboard);
          setLastUpdate(new Date());
          setState('live');
        } catch {
          // A malformed push is skipped; the next one replaces it.
        }
      });
      current.onopen = () => {
        failures = 0;
        setState('live');
      };
      current.onerror = () => {
        if (stopped) return;
        if (current.readyState === EventSource.CLOSED) {
          // Refused (an error status) or closed for good: reopen it ourselves, later each time.
          current.close();
          failures += 1;
          setState('reconnecting');
          timer = setTimeout(open, Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(failures, 5)));
        } else {
          // The browser is already reconnecting.
          setState('reconnecting');
        }
      };
    };
    open();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      source?.close();
    };
  }, [key]);

  return { state, lastUpdate };
}
