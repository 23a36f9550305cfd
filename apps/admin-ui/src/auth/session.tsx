import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { api, setUnauthorizedHandler } from '../api/client';
import { clearAllDrafts } from '../components/drafts';

export type Role = 'caseworker' | 'supervisor' | 'auditor' | 'admin';

export interface Me {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  unit: { id: string; name: string; level: string };
}

interface SessionState {
  me: Me | null;
  loading: boolean;
  signIn: (username: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);
const ME_KEY = ['auth', 'me'] as const;

/** Everything cached belongs to one user: dropped on sign-in and sign-out, keeping the session query observed. */
const dropOtherUsersData = (queries: QueryClient) => queries.removeQueries({ predicate: (query) => query.queryKey[0] !== 'auth' });

export function SessionProvider({ children }: { children: ReactNode }) {
  const queries = useQueryClient();
  const meQuery = useQuery({
    queryKey: ME_KEY,
    queryFn: async () => {
      try {
        return await api.get<Me>('/auth/me');
      } catch (error) {
        if ((error as { status?: number }).status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
    retry: false,
  });

  useEffect(() => {
    setUnauthorizedHandler(() => {
      if (queries.getQueryData(ME_KEY)) {
        dropOtherUsersData(queries);
        queries.setQueryData(ME_KEY, null);
      }
    });
  }, [queries]);

  const signIn = useCallback(
    async (username: string, password: string) => {
      await api.post('/auth/sign-in', { username, password });
      dropOtherUsersData(queries);
      const me = await api.get<Me>('/auth/me');
      queries.setQueryData(ME_KEY, me);
    },
    [queries],
  );

  const signOut = useCallback(async () => {
    try {
      await api.post('/auth/sign-out');
    } finally {
      clearAllDrafts();
      dropOtherUsersData(queries);
      queries.setQueryData(ME_KEY, null);
    }
  }, [queries]);

  const value = useMemo(
    () => ({ me: meQuery.data ?? null, loading: meQuery.isPending, signIn, signOut }),
    [meQuery.data, meQuery.isPending, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in user; only for pages behind the sign-in gate. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe without a session');
  return me;
}
