import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Col, Form, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { describeProblem } from '../../api/problem';
import { useMe } from '../../auth/session';
import { DateText } from '../../components/Money';
import { Page } from '../../components/Page';
import { useUrlPaging } from '../../components/paging';
import { usePunctuation } from '../../components/punctuation';
import { useEnterprise } from '../organizing/api';
import { DEADLINE_KINDS, TALKS_SCOPES, TALKS_STATUSES, useWageTalksList, type WageTalks } from './api';
import { NextStep, StatusTag } from './shared';

export const canWrite = (role: string) => role === 'caseworker' || role === 'supervisor';

export function WageTalksPage() {
  const { t } = useTranslation('bargaining');
  const punct = usePunctuation();
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const paging = useUrlPaging();
  const filter = {
    page: paging.page,
    pageSize: paging.pageSize,
    status: params.get('status') ?? undefined,
    scope: params.get('scope') ?? undefined,
    enterpriseId: params.get('enterpriseId') ?? undefined,
    overdue: params.get('overdue') === '1',
    kind: params.get('kind') ?? undefined,
  };
  const query = useWageTalksList(filter);
  const enterprise = useEnterprise(filter.enterpriseId ?? '');
  const [form] = Form.useForm();
  const overdueOnly = Form.useWatch('overdue', form) as boolean | undefined;

  const apply = (values: { status?: string; scope?: string; overdue?: boolean; kind?: string }) => {
    const next = new URLSearchParams();
    if (filter.enterpriseId && !values.overdue) next.set('enterpriseId', filter.enterpriseId);
    if (values.overdue) {
      next.set('overdue', '1');
      if (values.kind) next.set('kind', values.kind);
    } else {
      if (values.status) next.set('status', values.status);
      if (values.scope) next.set('scope', values.scope);
    }
    setParams(next);
  };

  return (
    <Page
      title={t('list.title')}
      extra={
        canWrite(me.role) && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(filter.enterpriseId ? `/wage-talks/new?enterpriseId=${filter.enterpriseId}` : '/wage-talks/new')}>
            {t('list.open')}
          </Button>
        )
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form
          form={form}
          layout="vertical"
          aria-label={t('list.filters')}
          initialValues={{ status: filter.status ?? '', scope: filter.scope ?? '', overdue: filter.overdue, kind: filter.kind ?? '' }}
          onFinish={apply}
        >
          <Row gutter={16} align="bottom">
            {overdueOnly ? (
              <Col xs={24} sm={12} md={8}>
                <Form.Item name="kind" label={t('list.overdueKind')}>
                  <Select options={[{ value: '', label: t('list.all') }, ...DEADLINE_KINDS.map((k) => ({ value: k, label: t(`nextKind.${k}`) }))]} />
                </Form.Item>
              </Col>
            ) : (
              <>
                <Col xs={24} sm={12} md={6}>
                  <Form.Item name="status" label={t('list.status')}>
                    <Select options={[{ value: '', label: t('list.all') }, ...TALKS_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))]} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12} md={5}>
                  <Form.Item name="scope" label={t('list.scope')}>
                    <Select options={[{ value: '', label: t('list.all') }, ...TALKS_SCOPES.map((s) => ({ value: s, label: t(`scope.${s}`) }))]} />
                  </Form.Item>
                </Col>
              </>
            )}
            <Col xs={24} sm={12} md={5}>
              <Form.Item name="overdue" valuePropName="checked" label=" ">
                <Checkbox>{t('list.overdueOnly')}</Checkbox>
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item>
                <Button type="primary" htmlType="submit" style={{ marginRight: 8 }}>
                  {t('common:actions.search')}
                </Button>
                <Button
                  onClick={() => {
                    form.setFieldsValue({ status: '', scope: '', overdue: false, kind: '' });
                    setParams(new URLSearchParams());
                  }}
                >
                  {t('common:actions.reset')}
                </Button>
              </Form.Item>
            </Col>
          </Row>
          {filter.enterpriseId && !filter.overdue && (
            <Space wrap>
              <Tag color="blue">
                {punct.labelled(t('list.enterpriseFilter'), enterprise.data?.name ?? '…')}
              </Tag>
              <Button
                size="small"
                onClick={() => {
                  const next = new URLSearchParams(params);
                  next.delete('enterpriseId');
                  setParams(next);
                }}
              >
                {t('list.clearEnterprise')}
              </Button>
            </Space>
          )}
        </Form>
      </Card>
      {query.isError && <Typography.Text type="danger" role="alert">{describeProblem(query.error, t)}</Typography.Text>}
      <Table<WageTalks>
        rowKey="id"
        loading={query.isFetching}
        dataSource={query.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={paging.pagination(query.data?.total ?? 0)}
        columns={[
          {
            title: t('list.enterprises'),
            key: 'enterprises',
            render: (_, row) => (
              <Link to={`/wage-talks/${row.id}`}>
                {row.coveredEnterprises[0]?.name ?? '—'}
                {row.coveredEnterprises.length > 1 ? ` ${t('list.more', { count: row.coveredEnterprises.length - 1 })}` : ''}
              </Link>
            ),
          },
          { title: t('list.stage'), dataIndex: 'status', render: (v: string) => <StatusTag status={v} /> },
          { title: t('list.nextStep'), key: 'next', render: (_, row) => <NextStep deadline={row.nextDeadline} /> },
          {
            title: t('list.dueOn'),
            key: 'due',
            render: (_, row) =>
              row.nextDeadline?.dueOn ? (
                <Space size={4} wrap>
                  <DateText value={row.nextDeadline.dueOn} />
                  {row.nextDeadline.overdue && (
                    <Tag color="red" data-testid="overdue-tag">
                      {t('overdueTag')}
                    </Tag>
                  )}
                </Space>
              ) : (
                '—'
              ),
          },
          { title: t('list.scope'), dataIndex: 'scope', render: (v: string) => t(`scope.${v}`, { defaultValue: v }) },
          { title: t('list.union'), dataIndex: 'initiatingUnionName' },
          { title: t('list.offerDate'), dataIndex: 'offerDate', render: (v: string) => <DateText value={v} /> },
          {
            title: t('common:table.actions'),
            key: 'actions',
            render: (_, row) => (
              <Link to={`/wage-talks/${row.id}`} aria-label={`${t('list.view')} ${row.coveredEnterprises[0]?.name ?? ''}`}>
                {t('list.view')}
              </Link>
            ),
          },
        ]}
      />
    </Page>
  );
}
