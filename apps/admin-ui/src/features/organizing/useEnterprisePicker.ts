import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, type Paged } from '../../api/client';
import type { Enterprise } from './api';

/**
 * Enterprises of one status in a unit (and below) for a multi-select, searched by name on the server: picked ones
 * stay known (and keep their label) when the search changes. `remember` adds one found elsewhere (a prefill).
 */
export function useEnterprisePicker(
  status: Enterprise['status'],
  unitId: string | undefined,
  selected: string[] | undefined,
  label: (enterprise: Enterprise) => string,
) {
  const [search, setSearch] = useState('');
  const [known, setKnown] = useState<Map<string, Enterprise>>(new Map());
  const candidates = useQuery({
    queryKey: ['enterprises', 'list', { status, unitId, search, pageSize: 100 }],
    queryFn: ({ signal }) =>
      api.get<Paged<Enterprise>>('/enterprises', { status, unitId, search: search || undefined, page: 1, pageSize: 100 }, signal),
    enabled: !!unitId,
  });

  useEffect(() => {
    const items = candidates.data?.items ?? [];
    if (items.length) setKnown((map) => new Map([...map, ...items.map((e) => [e.id, e] as const)]));
  }, [candidates.data]);

  const remember = useCallback((enterprise: Enterprise) => setKnown((map) => new Map(map).set(enterprise.id, enterprise)), []);

  const options = useMemo(() => {
    const ids = new Set([...(selected ?? []), ...(candidates.data?.items ?? []).map((e) => e.id)]);
    return [...ids].map((id) => {
      const enterprise = known.get(id);
      return { value: id, label: enterprise ? label(enterprise) : id };
    });
  }, [selected, candidates.data, known, label]);

  return { candidates, known, remember, options, setSearch };
}
