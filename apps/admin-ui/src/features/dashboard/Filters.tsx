import { Badge, Col, DatePicker, Form, Row, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useMe } from '../../auth/session';
import { toIsoDate } from '../../components/format';
import { UnitSelect } from '../../components/UnitSelect';
import type { LiveState } from './useLiveDashboard';

/** The filters live in the address (unitId, year, from, to, asOf, …): a reload or a shared link shows the same view. */
export function usePeriodSearch() {
  const me = useMe();
  const [search, setSearch] = useSearchParams();
  const unitId = search.get('unitId') || me.unit.id;
  const yearText = search.get('year');
  const year = yearText && /^\d{4}$/.test(yearText) ? Number(yearText) : dayjs().year();
  const from = search.get('from') || undefined;
  const to = search.get('to') || undefined;
  const asOf = search.get('asOf') || undefined;
  const update = (patch: Record<string, string | number | undefined | null>) =>
    setSearch(
      (previous) => {
        const next = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(patch)) {
          if (value === undefined || value === null || value === '') next.delete(key);
          else next.set(key, String(value));
        }
        return next;
      },
      { replace: true },
    );
  return { search, unitId, year, from, to, asOf, update };
}

export function PeriodFilters({
  idPrefix,
  withPeriod = true,
  children,
}: {
  idPrefix: string;
  withPeriod?: boolean;
  children?: ReactNode;
}) {
  const { t } = useTranslation('dashboard');
  const { unitId, year, from, to, asOf, update } = usePeriodSearch();
  return (
    <Form layout="vertical" component="div" aria-label={t('filters.legend')} className="dashboard-filters" style={{ marginBottom: 8 }}>
      <Row gutter={12}>
        <Col xs={24} md={12} xl={7}>
          <Form.Item label={t('filters.unit')} htmlFor={`${idPrefix}-unit`}>
            <UnitSelect id={`${idPrefix}-unit`} value={unitId} onChange={(value) => update({ unitId: value })} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6} xl={3}>
          <Form.Item label={t('filters.year')} htmlFor={`${idPrefix}-year`}>
            <DatePicker
              id={`${idPrefix}-year`}
              picker="year"
              allowClear={false}
              style={{ width: '100%' }}
              value={dayjs(`${year}-01-01`)}
              disabledDate={(day) => day.year() < 2000 || day.year() > 2100}
              onChange={(day) => day && update({ year: day.year(), from: undefined, to: undefined })}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Form.Item label={t('filters.asOf')} htmlFor={`${idPrefix}-as-of`} tooltip={t('filters.asOfHint')}>
            <DatePicker
              id={`${idPrefix}-as-of`}
              style={{ width: '100%' }}
              value={asOf ? dayjs(asOf) : null}
              disabledDate={(day) => day.isAfter(dayjs(), 'day')}
              onChange={(day) => update({ asOf: toIsoDate(day) })}
            />
          </Form.Item>
        </Col>
        {withPeriod && (
          <Col xs={24} md={12} xl={7}>
            <Form.Item label={t('filters.period')} htmlFor={`${idPrefix}-from`} tooltip={t('filters.periodHint')}>
              <DatePicker.RangePicker
                id={{ start: `${idPrefix}-from`, end: `${idPrefix}-to` }}
                style={{ width: '100%' }}
                value={from && to ? [dayjs(from), dayjs(to)] : null}
                defaultPickerValue={[dayjs(`${year}-01-01`), dayjs(`${year}-12-01`)]}
                disabledDate={(day) => day.year() !== year}
                onChange={(range) => update({ from: toIsoDate(range?.[0]), to: toIsoDate(range?.[1]) })}
              />
            </Form.Item>
          </Col>
        )}
        {children}
      </Row>
    </Form>
  );
}

const BADGE: Record<LiveState, { status: 'processing' | 'default' | 'warning'; color?: string }> = {
  live: { status: 'processing', color: '#52c41a' },
  connecting: { status: 'processing' },
  reconnecting: { status: 'warning' },
  off: { status: 'default' },
};

/** 实时 / connecting / past view, with the time of the last figures shown. */
export function LiveIndicator({ state, lastUpdate }: { state: LiveState; lastUpdate: Date | null }) {
  const { t } = useTranslation('dashboard');
  return (
    <Space size={12} wrap>
      <span data-testid="live-status" data-state={state} role="status" aria-live="polite">
        <Badge status={BADGE[state].status} color={BADGE[state].color} text={t(`live.${state}`)} />
      </span>
      {lastUpdate && (
        <Typography.Text type="secondary">
          {t('live.lastUpdate')}
          <time data-testid="last-update" dateTime={lastUpdate.toISOString()}>
            {dayjs(lastUpdate).format('HH:mm:ss')}
          </time>
        </Typography.Text>
      )}
    </Space>
  );
}
