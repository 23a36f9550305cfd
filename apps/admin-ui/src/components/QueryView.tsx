import type { UseQueryResult } from '@tanstack/react-query';
import { Button, Empty, Result, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describeProblem } from '../api/problem';

/** Loading, error and empty states for one query, so no page shows a blank or a half-drawn screen. */
export function QueryView<T>({
  query,
  children,
  isEmpty,
  empty,
}: {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
}) {
  const { t } = useTranslation();
  if (query.isPending) return <Skeleton active aria-busy="true" aria-label={t('states.loading')} />;
  if (query.isError)
    return (
      <Result
        status="warning"
        title={t('states.error')}
        subTitle={describeProblem(query.error, t)}
        extra={<Button onClick={() => void query.refetch()}>{t('states.retry')}</Button>}
      />
    );
  if (isEmpty?.(query.data)) return <>{empty ?? <Empty description={t('states.empty')} />}</>;
  return <>{children(query.data)}</>;
}
