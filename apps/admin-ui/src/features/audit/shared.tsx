import { DownloadOutlined } from '@ant-design/icons';
import { Button, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, downloadUrl, newIdempotencyKey } from '../../api/client';
import { clearDraft, loadDraft, saveDraft } from '../../components/drafts';
import { useProgrammes, type FundSource, type PoolView } from './api';

const SOURCE_COLORS: Record<FundSource, string> = {
  government_allocation: 'red',
  union_funds: 'volcano',
  social_donations: 'green',
  medical_mutual_aid: 'blue',
};

export function SourceTag({ source }: { source: FundSource }) {
  const { t } = useTranslation('audit');
  return <Tag color={SOURCE_COLORS[source]}>{t(`sources.${source}`)}</Tag>;
}

/** A pool's name: unrestricted, or restricted to a programme (by its name) or to a kind of programme. */
export function usePoolLabel() {
  const { t } = useTranslation('audit');
  const programmes = useProgrammes();
  return useCallback(
    (pool: string | null | undefined) => {
      if (!pool) return '—';
      if (pool === 'general') return t('pools.general');
      if (pool.startsWith('programme:')) {
        const id = pool.slice('programme:'.length);
        return t('pools.programme', { name: programmes.data?.find((p) => p.id === id)?.name ?? id.slice(0, 8) });
      }
      if (pool.startsWith('purpose:')) return t('pools.purpose', { kind: t(`programmeKinds.${pool.slice('purpose:'.length)}`) });
      return pool;
    },
    [t, programmes.data],
  );
}

export function PoolList({ pools }: { pools: PoolView[] }) {
  const label = usePoolLabel();
  if (pools.length <= 1) return <>{pools[0] ? label(pools[0].pool) : '—'}</>;
  return <>{pools.map((pool) => <Tag key={pool.pool}>{label(pool.pool)}</Tag>)}</>;
}

/**
 * One Idempotency-Key per attempt of a money form, kept with the form's draft so a retry after a lost answer
 * (even across a reload) reuses it. A new key after success, or after the server refused the attempt (nothing was
 * recorded then, so a corrected form is a new attempt).
 */
export function useAttemptKey(draftKey: string) {
  const storeKey = `${draftKey}.idempotencyKey`;
  const [key, setKey] = useState<string>(() => {
    const kept = loadDraft<string>(storeKey);
    if (typeof kept === 'string' && kept) return kept;
    const fresh = newIdempotencyKey();
    saveDraft(storeKey, fresh);
    return fresh;
  });
  const renew = useCallback(() => {
    const fresh = newIdempotencyKey();
    saveDraft(storeKey, fresh);
    setKey(fresh);
  }, [storeKey]);
  const settle = useCallback(
    (error?: unknown) => {
      if (!error || (error instanceof ApiError && error.status >= 400 && error.status < 500)) renew();
    },
    [renew],
  );
  const drop = useCallback(() => clearDraft(storeKey), [storeKey]);
  return { key, settle, drop };
}

type Query = Record<string, string | number | boolean | undefined | null>;

/** A download link to an export route (the session cookie goes with it). */
export function DownloadLink({ path, query, label, ariaLabel, testId, disabled, disabledReason, primary }: {
  path: string;
  query?: Query;
  label: string;
  ariaLabel?: string;
  testId?: string;
  disabled?: boolean;
  disabledReason?: string;
  primary?: boolean;
}) {
  const button = (
    <Button
      icon={<DownloadOutlined />}
      href={disabled ? undefined : downloadUrl(path, query)}
      disabled={disabled}
      aria-label={ariaLabel}
      data-testid={testId}
      type={primary ? 'primary' : 'default'}
    >
      {label}
    </Button>
  );
  return disabled && disabledReason ? <Tooltip title={disabledReason}>{button}</Tooltip> : button;
}

export function Mono({ children, copyable }: { children: string | null | undefined; copyable?: boolean }) {
  if (!children) return <>—</>;
  return (
    <Typography.Text code copyable={copyable} style={{ fontSize: 12, wordBreak: 'break-all' }}>
      {children}
    </Typography.Text>
  );
}

export function ShortId({ value }: { value: string | null | undefined }) {
  if (!value) return <>—</>;
  return (
    <Tooltip title={value}>
      <Typography.Text code copyable={{ text: value }} style={{ fontSize: 12 }}>
        {value.slice(0, 8)}
      </Typography.Text>
    </Tooltip>
  );
}

/** An instant as the federation's books read it: Beijing time, to the second (the as-of cut is 23:59:59.999 there). */
export function formatBeijing(iso: string, language: string): string {
  const english = language === 'en';
  const text = new Intl.DateTimeFormat(english ? 'en-GB' : 'zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: english ? 'short' : 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(new Date(iso));
  return english ? `${text} (Beijing time)` : `${text}（北京时间）`;
}
