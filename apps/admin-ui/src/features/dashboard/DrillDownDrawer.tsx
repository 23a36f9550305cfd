import { useQuery } from '@tanstack/react-query';
import { Alert, Descriptions, Drawer, Grid, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { describeProblem } from '../../api/problem';
import { DateText } from '../../components/Money';
import { useUnits } from '../../components/UnitSelect';
import { usePaging } from '../../components/paging';
import { casePath, factMeasure, formatFigure, type CaseView, type DrillDown, type DrillTarget, type FactView } from './model';

const PAGE_SIZE = 20;

/** The cases (and their events) behind one figure: GET /api/statistics/:metric/cases with the cell's query. */
export function DrillDownDrawer({ target, onClose }: { target: DrillTarget | null; onClose: () => void }) {
  const { t } = useTranslation('dashboard');
  const screens = Grid.useBreakpoint();
  return (
    <Drawer
      open={target !== null}
      onClose={onClose}
      size={screens.md ? 760 : '100%'}
      title={target ? t('drill.title', { label: target.label }) : ''}
      destroyOnHidden
      closable={{ 'aria-label': t('drill.close') }}
    >
      {target && (
        <div data-testid="drill-down">
          <DrillDownBody key={JSON.stringify(target)} target={target} />
        </div>
      )}
    </Drawer>
  );
}

function DrillDownBody({ target }: { target: DrillTarget }) {
  const { t, i18n } = useTranslation('dashboard');
  const { paging: { page }, pagination } = usePaging(PAGE_SIZE);
  // Every case shows its events; a row folded by hand stays folded.
  const [folded, setFolded] = useState<ReadonlySet<string>>(new Set());
  const units = useUnits();
  const unitNames = useMemo(() => new Map((units.data ?? []).map((unit) => [unit.id, unit.name])), [units.data]);
  const query = useQuery({
    queryKey: ['statistics', 'cases', target.metric, target.params, page],
    queryFn: ({ signal }) =>
      api.get<DrillDown>(`/statistics/${encodeURIComponent(target.metric)}/cases`, { ...target.params, page, pageSize: PAGE_SIZE }, signal),
    placeholderData: (previous) => previous,
  });
  const data = query.data;
  const rate = target.measure === 'basis_points';
  const language = i18n.language;
  const unitName = (id: string) => unitNames.get(id) ?? id.slice(0, 8);

  const columns: TableColumnsType<CaseView> = [
    { title: t('drill.kind'), dataIndex: 'subjectKind', render: (kind: string) => t(`kinds.${kind}`, { defaultValue: kind }) },
    {
      title: t('drill.case'),
      key: 'case',
      render: (_, item) => <CaseLink kind={item.subjectKind} id={item.subjectId} />,
    },
    { title: t('drill.unit'), dataIndex: 'unitId', render: (id: string) => unitName(id) },
    {
      title: t('drill.share'),
      key: 'share',
      align: 'right',
      render: (_, item) =>
        rate ? (
          <Tag color={item.inNumerator ? 'green' : 'default'}>{item.inNumerator ? t('drill.inNumerator') : t('drill.notInNumerator')}</Tag>
        ) : (
          formatFigure(item.quantity, target.measure === 'fen' ? 'fen' : 'count', language)
        ),
    },
  ];
  const factColumns: TableColumnsType<FactView> = [
    { title: t('drill.eventType'), dataIndex: 'eventType', render: (type: string) => t(`events.${type}`, { defaultValue: type }) },
    { title: t('drill.case'), key: 'subject', render: (_, fact) => <CaseLink kind={fact.subjectKind} id={fact.subjectId} /> },
    { title: t('drill.occurredOn'), dataIndex: 'occurredOn', render: (value: string) => <DateText value={value} /> },
    { title: t('drill.validUntil'), dataIndex: 'validUntil', render: (value: string | null) => (value ? <DateText value={value} /> : '—') },
    { title: t('drill.recordedAt'), dataIndex: 'recordedAt', render: (value: string) => <DateText value={value} withTime /> },
    {
      title: t('drill.quantity'),
      dataIndex: 'quantity',
      align: 'right',
      render: (value: string, fact) => formatFigure(value, factMeasure(fact.eventType), language),
    },
    { title: t('drill.position'), dataIndex: 'position' },
  ];

  if (query.isError) return <Alert type="error" showIcon role="alert" title={describeProblem(query.error, t)} />;
  const scope = target.params.subUnitId ? (target.scopeName ?? unitName(target.params.subUnitId)) : t('drill.wholeUnit', { name: unitName(target.params.unitId ?? '') });
  return (
    <>
      <Descriptions size="small" bordered column={{ xs: 1, sm: 1, md: 2 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('drill.scope')}>{scope}</Descriptions.Item>
        <Descriptions.Item label={t('drill.period')}>
          {data ? (
            <>
              <DateText value={data.from} /> – <DateText value={data.to} />
            </>
          ) : (
            '…'
          )}
        </Descriptions.Item>
        {target.params.month && <Descriptions.Item label={t('drill.month')}>{target.params.month}</Descriptions.Item>}
        {data?.asOf && (
          <Descriptions.Item label={t('drill.asOf')}>
            <DateText value={data.asOf} withTime />
          </Descriptions.Item>
        )}
        {rate && data && (
          <Descriptions.Item label={t('drill.stockDate')}>
            <DateText value={data.stockDate} />
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('drill.value')}>
          {data ? (
            <span data-testid="drill-value">
              {formatFigure(data.value, target.measure, language)}
              {data.numerator !== undefined && ` (${data.numerator} / ${data.denominator})`}
            </span>
          ) : (
            '…'
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('drill.cases')}>
          {data ? <span data-testid="drill-total">{data.total}</span> : '…'}
        </Descriptions.Item>
      </Descriptions>
      <Table<CaseView>
        rowKey={caseKey}
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={query.isFetching}
        scroll={{ x: 'max-content' }}
        expandable={{
          expandedRowKeys: (data?.items ?? []).map(caseKey).filter((key) => !folded.has(key)),
          onExpand: (expanded, item) =>
            setFolded((previous) => {
              const next = new Set(previous);
              if (expanded) next.delete(caseKey(item));
              else next.add(caseKey(item));
              return next;
            }),
          expandedRowRender: (item) => (
            <div>
              <Typography.Text type="secondary">{t('drill.events')}</Typography.Text>
              <Table<FactView>
                rowKey={(fact) => `${fact.eventId}:${fact.seq}`}
                size="small"
                columns={factColumns}
                dataSource={item.facts}
                pagination={false}
                scroll={{ x: 'max-content' }}
              />
            </div>
          ),
        }}
        pagination={pagination(data?.total ?? 0, { showSizeChanger: false })}
      />
    </>
  );
}

const caseKey = (item: CaseView) => `${item.subjectKind}:${item.subjectId}`;

function CaseLink({ kind, id }: { kind: string; id: string }) {
  const { t } = useTranslation('dashboard');
  const path = casePath(kind, id);
  if (!path) return <Typography.Text type="secondary">{t('drill.pseudonymous', { id: id.slice(0, 8) })}</Typography.Text>;
  return (
    <Link to={path} aria-label={`${t(`kinds.${kind}`, { defaultValue: kind })} ${id.slice(0, 8)}`}>
      {t('drill.open')} {id.slice(0, 8)}
    </Link>
  );
}
