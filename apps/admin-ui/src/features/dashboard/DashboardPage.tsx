import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Collapse, Form, Progress, Row, Select, Table, Typography, type TableColumnsType } from 'antd';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import { formatDateTime } from '../../components/format';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/QueryView';
import { MonthChart, monthLabel, SubUnitChart } from './charts';
import { DrillDownDrawer } from './DrillDownDrawer';
import { LiveIndicator, PeriodFilters, usePeriodSearch } from './Filters';
import { cleanParams, formatFigure, METRIC_SECTIONS, metricLabel, progressPercent, type Dashboard, type DashboardMetric, type DrillTarget, type SubUnitLine } from './model';
import { useLiveDashboard } from './useLiveDashboard';

export default function DashboardPage() {
  const { t } = useTranslation('dashboard');
  const { search, unitId, year, from, to, asOf, update } = usePeriodSearch();
  const params = useMemo(() => cleanParams({ unitId, year, from, to, asOf }), [unitId, year, from, to, asOf]);
  const queryKey = useMemo(() => ['dashboard', params], [params]);
  const queries = useQueryClient();
  const query = useQuery({
    queryKey,
    queryFn: ({ signal }) => api.get<Dashboard>('/dashboard', params, signal),
    // The stream keeps it current; a past view never changes.
    staleTime: Infinity,
  });
  const onPush = useCallback((dashboard: Dashboard) => queries.setQueryData(queryKey, dashboard), [queries, queryKey]);
  // No stream for a past view, nor for a query the server refuses (a unit outside the user's, a bad period).
  const refused = query.error instanceof ApiError && query.error.status >= 400 && query.error.status < 500;
  const live = useLiveDashboard(asOf || refused ? null : params, onPush);
  const fetchedAt = query.dataUpdatedAt ? new Date(query.dataUpdatedAt) : null;

  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const selected = search.get('metric') ?? 'unions_founded';

  return (
    <Page title={t('title')} extra={refused ? undefined : <LiveIndicator state={live.state} lastUpdate={live.lastUpdate ?? fetchedAt} />}>
      <PeriodFilters idPrefix="dashboard" />
      <QueryView query={query}>
        {(data) => (
          <DashboardBody
            data={data}
            params={params}
            selected={selected}
            onSelect={(metric) => update({ metric })}
            onDrill={setDrill}
          />
        )}
      </QueryView>
      <DrillDownDrawer target={drill} onClose={() => setDrill(null)} />
    </Page>
  );
}

function DashboardBody({
  data,
  params,
  selected,
  onSelect,
  onDrill,
}: {
  data: Dashboard;
  params: Record<string, string>;
  selected: string;
  onSelect: (metric: string) => void;
  onDrill: (target: DrillTarget) => void;
}) {
  const { t, i18n } = useTranslation('dashboard');
  const detailRef = useRef<HTMLDivElement>(null);
  const byKey = useMemo(() => new Map(data.metrics.map((metric) => [metric.key, metric])), [data.metrics]);
  const programmeMetrics = data.metrics.filter((metric) => metric.key.includes(':'));
  const names = useMemo(
    () => new Map(data.subUnits.map((sub) => [sub.unitId, sub.own ? t('detail.own', { name: sub.name }) : sub.name])),
    [data.subUnits, t],
  );
  const drillOf = (metric: DashboardMetric, cell: { subUnitId?: string; month?: string } = {}): DrillTarget => ({
    metric: metric.key,
    label: metricLabel(metric.key, t),
    measure: metric.measure,
    params: cleanParams({ ...params, ...cell }),
    scopeName: cell.subUnitId ? names.get(cell.subUnitId) : undefined,
  });
  const showBreakdown = (key: string) => {
    onSelect(key);
    detailRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };
  const card = (metric: DashboardMetric) => (
    <Col key={metric.key} xs={24} sm={12} lg={8} xxl={6}>
      <MetricCard metric={metric} onDrill={() => onDrill(drillOf(metric))} onBreakdown={() => showBreakdown(metric.key)} />
    </Col>
  );
  const current = byKey.get(selected) ?? data.metrics[0];

  return (
    <>
      {data.asOf && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('live.asOfBanner', { asOf: formatDateTime(data.asOf, i18n.language) })}
        />
      )}
      {METRIC_SECTIONS.map((section) => (
        <section key={section.key} aria-labelledby={`dashboard-section-${section.key}`} style={{ marginBottom: 16 }}>
          <Typography.Title level={3} id={`dashboard-section-${section.key}`} style={{ fontSize: 17, margin: '8px 0 12px' }}>
            {t(`sections.${section.key}`)}
          </Typography.Title>
          <Row gutter={[12, 12]}>{section.metrics.map((key) => byKey.get(key)).filter((m) => m !== undefined).map(card)}</Row>
        </section>
      ))}
      <Collapse
        style={{ marginBottom: 16 }}
        items={[
          {
            key: 'programmes',
            label: t('sections.programmes'),
            forceRender: true,
            children: <Row gutter={[12, 12]}>{programmeMetrics.map(card)}</Row>,
          },
        ]}
      />
      <div ref={detailRef} style={{ scrollMarginTop: 16 }}>
        <Card
          title={t('detail.titleOf', { label: metricLabel(current.key, t) })}
          data-testid="metric-detail"
          styles={{ header: { flexWrap: 'wrap' } }}
        >
          <Form layout="vertical" component="div">
            <Form.Item label={t('detail.metric')} htmlFor="dashboard-metric" style={{ maxWidth: 420 }}>
              <Select
                id="dashboard-metric"
                value={current.key}
                onChange={onSelect}
                showSearch={{ optionFilterProp: 'label' }}
                options={data.metrics.map((metric) => ({ value: metric.key, label: metricLabel(metric.key, t) }))}
              />
            </Form.Item>
          </Form>
          <Typography.Paragraph type="secondary">
            {t('detail.clickHint')} {current.measure === 'basis_points' && t('detail.stockDate', { date: data.stockDate })}
          </Typography.Paragraph>
          <Row gutter={[24, 24]}>
            <Col xs={24} xl={12}>
              <Typography.Title level={4} style={{ fontSize: 15 }}>
                {t('detail.bySubUnit')}
              </Typography.Title>
              <SubUnitChart metric={current} names={names} onSelect={(subUnitId) => onDrill(drillOf(current, { subUnitId }))} />
              <SubUnitTable metric={current} names={names} onDrill={(cell) => onDrill(drillOf(current, cell))} />
            </Col>
            <Col xs={24} xl={12}>
              <Typography.Title level={4} style={{ fontSize: 15 }}>
                {t('detail.byMonth')}
              </Typography.Title>
              <MonthChart metric={current} stockDate={data.stockDate} onSelect={(month) => onDrill(drillOf(current, { month }))} />
              <MonthTable metric={current} onDrill={(month) => onDrill(drillOf(current, { month }))} />
            </Col>
          </Row>
        </Card>
      </div>
    </>
  );
}

function FigureButton({ value, measure, label, onClick, testId }: { value: string | null; measure: DashboardMetric['measure']; label: string; onClick: () => void; testId?: string }) {
  const { i18n } = useTranslation();
  return (
    <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={onClick} title={label} data-testid={testId}>
      {formatFigure(value, measure, i18n.language)}
    </Button>
  );
}

function MetricCard({ metric, onDrill, onBreakdown }: { metric: DashboardMetric; onDrill: () => void; onBreakdown: () => void }) {
  const { t, i18n } = useTranslation('dashboard');
  const label = metricLabel(metric.key, t);
  const percent = progressPercent(metric.progressBasisPoints);
  return (
    <Card
      size="small"
      data-testid={`metric-${metric.key}`}
      title={<span title={label}>{label}</span>}
      extra={
        <Button type="link" size="small" onClick={onBreakdown} aria-label={t('card.breakdownOf', { label })} style={{ paddingInline: 0 }}>
          {t('card.breakdown')}
        </Button>
      }
      style={{ height: '100%' }}
      styles={{ title: { whiteSpace: 'normal', lineHeight: 1.35 } }}
    >
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('card.actual')}
      </Typography.Text>
      <div style={{ display: 'flex', alignItems: 'baseline', gap: 8, flexWrap: 'wrap' }}>
        <Button
          type="link"
          onClick={onDrill}
          title={t('card.drillOf', { label })}
          data-testid="metric-actual"
          className="metric-actual"
          style={{ padding: 0, height: 'auto', fontSize: 24, fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}
        >
          {formatFigure(metric.actual, metric.measure, i18n.language)}
        </Button>
        {metric.numerator !== undefined && (
          <Typography.Text type="secondary" data-testid="metric-ratio">
            {t('card.ratio', { numerator: metric.numerator, denominator: metric.denominator })}
          </Typography.Text>
        )}
      </div>
      <div style={{ marginTop: 4 }}>
        <Typography.Text type="secondary">{t('card.target')}</Typography.Text>
        <span data-testid="metric-target">{metric.target === null ? t('card.noTarget') : formatFigure(metric.target, metric.measure, i18n.language)}</span>
      </div>
      <div data-testid="metric-progress" data-value={metric.progressBasisPoints ?? ''}>
        {percent === null ? (
          <Progress percent={0} showInfo={false} size="small" aria-label={t('card.progress')} />
        ) : (
          <Progress
            percent={Math.min(100, percent)}
            status={percent >= 100 ? 'success' : 'normal'}
            format={() => `${percent.toFixed(2)}%`}
            size="small"
            aria-label={`${t('card.progress')} ${percent.toFixed(2)}%`}
          />
        )}
      </div>
    </Card>
  );
}

function SubUnitTable({ metric, names, onDrill }: { metric: DashboardMetric; names: Map<string, string>; onDrill: (cell: { subUnitId?: string }) => void }) {
  const { t, i18n } = useTranslation('dashboard');
  const label = metricLabel(metric.key, t);
  const columns: TableColumnsType<SubUnitLine> = [
    { title: t('detail.unit'), dataIndex: 'unitId', render: (id: string) => names.get(id) },
    {
      title: t('detail.actual'),
      dataIndex: 'actual',
      align: 'right',
      render: (_, line) => (
        <>
          <FigureButton value={line.actual} measure={metric.measure} label={`${label} · ${names.get(line.unitId)}`} onClick={() => onDrill({ subUnitId: line.unitId })} testId={`sub-unit-actual-${line.unitId}`} />
          {line.numerator !== undefined && (
            <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>
              ({line.numerator}/{line.denominator})
            </Typography.Text>
          )}
        </>
      ),
    },
    { title: t('detail.target'), dataIndex: 'target', align: 'right', render: (value: string | null) => formatFigure(value, metric.measure, i18n.language) },
    {
      title: t('detail.progress'),
      dataIndex: 'progressBasisPoints',
      width: 160,
      render: (value: string | null) => {
        const percent = progressPercent(value);
        return percent === null ? '—' : <Progress percent={Math.min(100, percent)} format={() => `${percent.toFixed(1)}%`} size="small" status={percent >= 100 ? 'success' : 'normal'} />;
      },
    },
  ];
  const percent = progressPercent(metric.progressBasisPoints);
  return (
    <Table<SubUnitLine>
      rowKey="unitId"
      size="small"
      style={{ marginTop: 12 }}
      columns={columns}
      dataSource={metric.bySubUnit}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid="sub-unit-table"
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0}>
            <Typography.Text strong>{t('detail.total')}</Typography.Text>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={1} align="right">
            <FigureButton value={metric.actual} measure={metric.measure} label={label} onClick={() => onDrill({})} />
          </Table.Summary.Cell>
          <Table.Summary.Cell index={2} align="right">
            {formatFigure(metric.target, metric.measure, i18n.language)}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={3}>{percent === null ? '—' : `${percent.toFixed(1)}%`}</Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}

function MonthTable({ metric, onDrill }: { metric: DashboardMetric; onDrill: (month: string) => void }) {
  const { t, i18n } = useTranslation('dashboard');
  const label = metricLabel(metric.key, t);
  const columns: TableColumnsType<{ key: string }> = [
    { title: t('detail.month'), key: 'row', fixed: 'left', render: () => (metric.measure === 'basis_points' ? t('detail.stock') : t('detail.monthly')) },
    ...metric.byMonth.map((month) => ({
      title: monthLabel(month.month, i18n.language),
      key: month.month,
      align: 'right' as const,
      render: () => (
        <FigureButton value={month.actual} measure={metric.measure} label={`${label} · ${month.month}`} onClick={() => onDrill(month.month)} testId={`month-actual-${month.month}`} />
      ),
    })),
  ];
  return (
    <Table<{ key: string }>
      rowKey="key"
      size="small"
      style={{ marginTop: 12 }}
      columns={columns}
      dataSource={[{ key: 'actual' }]}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid="month-table"
    />
  );
}
