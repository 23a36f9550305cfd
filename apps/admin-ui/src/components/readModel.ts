import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { ApiError } from '../api/client';

/**
 * The read side follows the log a moment behind a write. After a command, poll the record until it shows the write
 * (or give up quietly and show what there is), so the page never shows the state before the user's own step.
 * A failed read stops the wait unless `keepTrying` says the record may just not be projected yet (by default: 404).
 */
export async function waitForReadModel<T>(
  read: () => Promise<T>,
  caughtUp: (value: T) => boolean,
  {
    attempts = 15,
    intervalMs = 200,
    keepTrying = (error: unknown) => error instanceof ApiError && error.status === 404,
  }: { attempts?: number; intervalMs?: number; keepTrying?: (error: unknown) => boolean } = {},
): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      if (caughtUp(await read())) return;
    } catch (error) {
      if (!keepTrying(error)) return;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * The read side catches up with a command a moment later: refetch the queries under a key now and again shortly
 * (0.7 s and 2 s later), so the page shows what was just recorded without the user pressing reload.
 */
export function useRefreshSoon(defaultQueryKey?: readonly unknown[]) {
  const queries = useQueryClient();
  return useCallback(
    (queryKey: readonly unknown[] | undefined = defaultQueryKey) => {
      const again = () => void queries.invalidateQueries({ queryKey });
      again();
      setTimeout(again, 700);
      setTimeout(again, 2000);
    },
    [queries, defaultQueryKey],
  );
}

/**
 * The revision to send as If-Match: the read model's, or the newer one the last command answered (the read model
 * may lag a command just sent). Give `sent` each command's answered revision.
 */
export function useKnownRevision(readRevision: number) {
  const [answered, setAnswered] = useState(-1);
  const sent = useCallback((revision: number) => setAnswered((known) => Math.max(known, revision)), []);
  return [Math.max(readRevision, answered), sent] as const;
}
