import type { TablePaginationConfig } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

export interface Paging {
  page: number;
  pageSize: number;
}

type PageChange = (page: number, pageSize: number) => void;

/** A server-paged table's `pagination`: the current page, a page-size changer and "共 N 条"; `overrides` win. */
export function usePaginationProps() {
  const { t } = useTranslation();
  return useCallback(
    (paging: Paging, total: number, onChange: PageChange, overrides?: TablePaginationConfig): TablePaginationConfig => ({
      current: paging.page,
      pageSize: paging.pageSize,
      total,
      showSizeChanger: true,
      showTotal: (count) => t('table.total', { total: count }),
      onChange,
      ...overrides,
    }),
    [t],
  );
}

/**
 * Page and page size kept in the URL (`?page=&pageSize=`), so a reload or a shared link shows the same page.
 * Turning a page keeps the other search params (the filters).
 */
export function useUrlPaging(defaultPageSize = 20) {
  const [params, setParams] = useSearchParams();
  const props = usePaginationProps();
  const paging: Paging = {
    page: Number(params.get('page') ?? 1) || 1,
    pageSize: Number(params.get('pageSize') ?? defaultPageSize) || defaultPageSize,
  };
  const turn: PageChange = (page, pageSize) => {
    const next = new URLSearchParams(params);
    next.set('page', String(page));
    next.set('pageSize', String(pageSize));
    setParams(next);
  };
  return {
    ...paging,
    /** The Table's `pagination` for `total` rows (give `overrides.onChange` where the page writes the URL itself). */
    pagination: (total: number, overrides?: TablePaginationConfig) => props(paging, total, turn, overrides),
  };
}

/**
 * Page and page size kept in the component. A new page size starts again at the first page (unless
 * `resetOnSizeChange` is false); `firstPage()` goes back to it, for a changed filter.
 */
export function usePaging(defaultPageSize = 20, { resetOnSizeChange = true }: { resetOnSizeChange?: boolean } = {}) {
  const [paging, setPaging] = useState<Paging>({ page: 1, pageSize: defaultPageSize });
  const props = usePaginationProps();
  const turn: PageChange = (page, pageSize) =>
    setPaging((previous) => ({ page: resetOnSizeChange && pageSize !== previous.pageSize ? 1 : page, pageSize }));
  const firstPage = useCallback(() => setPaging((previous) => ({ ...previous, page: 1 })), []);
  return {
    /** `{ page, pageSize }`, to send with the list query. */
    paging,
    firstPage,
    /** The Table's `pagination` for `total` rows. */
    pagination: (total: number, overrides?: TablePaginationConfig) => props(paging, total, turn, overrides),
  };
}
