import { Card, Form, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DateText } from '../../components/Money';
import { Page } from '../../components/Page';
import { UnitSelect } from '../../components/UnitSelect';
import { usePaging } from '../../components/paging';
import { describeProblem } from '../../api/problem';
import { useReviewsDue, type ReviewsDue } from './api';
import { CategoryTags, NS, PersonName, TierTag } from './shared';

type Row = ReviewsDue['items'][number];

export function ReviewsDuePage() {
  const { t } = useTranslation(NS);
  const [withinDays, setWithinDays] = useState(30);
  const [unitId, setUnitId] = useState<string | undefined>();
  const { paging, firstPage, pagination } = usePaging();
  const due = useReviewsDue({ ...paging, withinDays, unitId });

  const columns: TableColumnsType<Row> = [
    {
      title: t('columns.name'),
      key: 'name',
      fixed: 'left',
      render: (_: unknown, row) => (
        <Link to={`/hardship-files/${row.id}`}>
          <PersonName name={row.name} erased={row.personalDataErased} />
        </Link>
      ),
    },
    { title: t('columns.residentId'), dataIndex: 'residentIdMasked', key: 'residentId', render: (v: string | null) => <span className="mono">{v ?? '—'}</span> },
    { title: t('columns.nextReview'), dataIndex: 'nextReviewDue', key: 'due', render: (v: string | null) => <DateText value={v} /> },
    {
      title: t('columns.daysOverdue'),
      dataIndex: 'daysOverdue',
      key: 'overdue',
      render: (days: number, row) => (row.reviewOverdue ? <Tag color="red">{t('reviewsDue.overdue', { count: days })}</Tag> : <Tag color="gold">{t('reviewsDue.dueSoon')}</Tag>),
    },
    { title: t('columns.lastReviewed'), dataIndex: 'lastReviewedOn', key: 'last', render: (v: string | null) => <DateText value={v} /> },
    { title: t('columns.tier'), dataIndex: 'tier', key: 'tier', render: (v: string) => <TierTag tier={v} /> },
    { title: t('columns.category'), dataIndex: 'categories', key: 'categories', render: (v: string[]) => <CategoryTags categories={v} /> },
    { title: t('columns.unit'), dataIndex: 'unitName', key: 'unit', render: (v: string | null) => v ?? '—' },
  ];

  return (
    <Page title={t('reviewsDue.title')}>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="inline" style={{ rowGap: 8 }} aria-label={t('reviewsDue.title')}>
          <Form.Item label={t('reviewsDue.withinDays')} htmlFor="reviews-due-within">
            <Select
              id="reviews-due-within"
              value={withinDays}
              style={{ width: 120 }}
              onChange={(value) => {
                setWithinDays(value);
                firstPage();
              }}
              options={[0, 7, 30, 60, 90, 180].map((days) => ({ value: days, label: t('reviewsDue.days', { count: days }) }))}
            />
          </Form.Item>
          <Form.Item label={t('list.unit')} htmlFor="reviews-due-unit" style={{ minWidth: 240 }}>
            <UnitSelect
              id="reviews-due-unit"
              allowClear
              placeholder={t('list.allUnits')}
              value={unitId}
              onChange={(value) => {
                setUnitId(value);
                firstPage();
              }}
            />
          </Form.Item>
          {due.data && (
            <Space>
              <Typography.Text type="secondary">{t('reviewsDue.asOf', { date: due.data.asOf })}</Typography.Text>
              <Tag color={due.data.overdue ? 'red' : 'default'} data-testid="reviews-overdue-count">
                {t('reviewsDue.overdueCount', { count: due.data.overdue })}
              </Tag>
            </Space>
          )}
        </Form>
      </Card>
      {due.isError && <Typography.Text type="danger" role="alert">{describeProblem(due.error, t)}</Typography.Text>}
      <Table<Row>
        rowKey="id"
        columns={columns}
        dataSource={due.data?.items ?? []}
        loading={due.isFetching}
        scroll={{ x: 'max-content' }}
        aria-label={t('reviewsDue.title')}
        pagination={pagination(due.data?.total ?? 0)}
      />
    </Page>
  );
}
