import { DownloadOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, Radio, Row, Select, Space, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { downloadUrl } from '../../api/client';
import { describeProblem } from '../../api/problem';
import { useMe } from '../../auth/session';
import { CASEWORK_ROLES } from '../../app/page-route';
import { DateText, Money } from '../../components/Money';
import { Page } from '../../components/Page';
import { UnitSelect } from '../../components/UnitSelect';
import { useUrlPaging } from '../../components/paging';
import { CATEGORIES, FILE_STATUSES, TIERS, useFigures, useFileList, useResidentIdSearch, type FileSummary, type RegisterFilter } from './api';
import { localizeProblem } from './problems';
import { CategoryTags, NS, PersonName, residentIdRule, StatusTag, TierTag, required } from './shared';

type Mode = 'name' | 'residentId';

function Figures() {
  const { t } = useTranslation(NS);
  const figures = useFigures();
  if (!figures.data) return null;
  const f = figures.data;
  const items = [
    { key: 'onRegister', value: f.onRegister },
    { key: 'reviewsOverdue', value: f.reviewsOverdue, danger: f.reviewsOverdue > 0 },
    { key: 'left', value: f.left },
    { key: 'visits', value: f.visits },
    { key: 'aidRequests', value: f.aidRequests },
  ];
  return (
    <Card size="small" title={t('figures.title')} extra={<Typography.Text type="secondary">{t('figures.asOf', { date: f.asOf })}</Typography.Text>} style={{ marginBottom: 16 }} data-testid="hardship-figures">
      <Row gutter={[16, 8]}>
        {items.map((item) => (
          <Col key={item.key} xs={12} sm={8} md={4}>
            <Statistic title={t(`figures.${item.key}`)} value={item.value} styles={item.danger ? { content: { color: '#cf1322' } } : undefined} />
          </Col>
        ))}
        <Col xs={24} sm={16} md={8}>
          <Statistic title={t('figures.aidRequested')} valueRender={() => <Money fen={f.aidRequestedFen} />} />
        </Col>
      </Row>
    </Card>
  );
}

export function useFileColumns(): TableColumnsType<FileSummary> {
  const { t } = useTranslation(NS);
  return useMemo(
    () => [
      {
        title: t('columns.name'),
        dataIndex: 'name',
        key: 'name',
        fixed: 'left',
        render: (_: unknown, row: FileSummary) => (
          <Link to={`/hardship-files/${row.id}`}>
            <PersonName name={row.name} erased={row.personalDataErased} />
          </Link>
        ),
      },
      { title: t('columns.residentId'), dataIndex: 'residentIdMasked', key: 'residentId', render: (value: string | null) => <span className="mono">{value ?? '—'}</span> },
      { title: t('columns.category'), dataIndex: 'categories', key: 'categories', render: (value: string[]) => <CategoryTags categories={value} /> },
      { title: t('columns.tier'), dataIndex: 'tier', key: 'tier', render: (value: string) => <TierTag tier={value} /> },
      {
        title: t('columns.status'),
        dataIndex: 'status',
        key: 'status',
        render: (value: string, row: FileSummary) => <StatusTag status={value} overdue={row.reviewOverdue} />,
      },
      { title: t('columns.unit'), dataIndex: 'unitName', key: 'unit', render: (value: string | null) => value ?? '—' },
      { title: t('columns.nextReview'), dataIndex: 'nextReviewDue', key: 'nextReviewDue', render: (value: string | null) => <DateText value={value} /> },
    ],
    [t],
  );
}

export function HardshipFilesPage() {
  const { t } = useTranslation(NS);
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [mode, setMode] = useState<Mode>('name');
  const [residentId, setResidentId] = useState<string | null>(null);
  const canWrite = (CASEWORK_ROLES as readonly string[]).includes(me.role);

  const paging = useUrlPaging();
  const filter: RegisterFilter = {
    name: params.get('name') ?? undefined,
    status: params.get('status') ?? undefined,
    unitId: params.get('unitId') ?? undefined,
    category: params.get('category') ?? undefined,
    tier: params.get('tier') ?? undefined,
    page: paging.page,
    pageSize: paging.pageSize,
  };
  const list = useFileList(filter, mode === 'name');
  const search = useResidentIdSearch(mode === 'residentId' ? residentId : null);
  const columns = useFileColumns();

  const setFilter = (next: Partial<RegisterFilter>) => {
    const merged = { ...filter, ...next };
    const entries = Object.entries(merged).filter(([key, value]) => value !== undefined && value !== '' && !(key === 'page' && value === 1) && !(key === 'pageSize' && value === 20));
    setParams(new URLSearchParams(entries.map(([key, value]) => [key, String(value)])));
  };

  const [nameForm] = Form.useForm<{ name?: string; status?: string; unitId?: string; category?: string; tier?: string }>();
  const [idForm] = Form.useForm<{ residentId: string }>();

  const active = mode === 'name' ? list : search;
  const data = active.data;
  const error = active.isError ? describeProblem(localizeProblem(active.error, t), t) : null;
  const { page: _page, pageSize: _pageSize, ...exportFilter } = filter;

  return (
    <Page
      title={t('list.title')}
      extra={
        <>
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/hardship-files/new')}>
              {t('list.openFile')}
            </Button>
          )}
          <Button icon={<DownloadOutlined />} href={downloadUrl('/hardship-files/export', exportFilter)} download>
            {t('list.export')}
          </Button>
        </>
      }
    >
      <Figures />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <span id="casework-search-mode">{t('list.searchMode')}</span>
            <Radio.Group
              aria-labelledby="casework-search-mode"
              optionType="button"
              value={mode}
              onChange={(event) => setMode(event.target.value as Mode)}
              options={[
                { value: 'name', label: t('list.byName') },
                { value: 'residentId', label: t('list.byResidentId') },
              ]}
            />
          </Space>
          {mode === 'name' ? (
            <Form
              form={nameForm}
              layout="inline"
              initialValues={{ name: filter.name, status: filter.status, unitId: filter.unitId, category: filter.category, tier: filter.tier }}
              onFinish={(values) => setFilter({ ...values, name: values.name?.trim() || undefined, page: 1 })}
              role="search"
              aria-label={t('list.nameSearch')}
              style={{ rowGap: 8 }}
            >
              <Form.Item name="name" label={t('list.name')}>
                <Input allowClear placeholder={t('list.namePlaceholder')} style={{ width: 180 }} maxLength={50} />
              </Form.Item>
              <Form.Item name="status" label={t('list.status')}>
                <Select allowClear placeholder={t('list.allStatuses')} style={{ width: 130 }} options={FILE_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} />
              </Form.Item>
              <Form.Item name="category" label={t('list.category')}>
                <Select allowClear placeholder={t('list.allCategories')} style={{ width: 160 }} options={CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) }))} />
              </Form.Item>
              <Form.Item name="tier" label={t('list.tier')}>
                <Select allowClear placeholder={t('list.allTiers')} style={{ width: 130 }} options={TIERS.map((c) => ({ value: c, label: t(`tiers.${c}`) }))} />
              </Form.Item>
              <Form.Item name="unitId" label={t('list.unit')} style={{ minWidth: 220 }}>
                <UnitSelect allowClear placeholder={t('list.allUnits')} aria-label={t('list.unit')} />
              </Form.Item>
              <Form.Item>
                <Space>
                  <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                    {t('common:actions.search')}
                  </Button>
                  <Button
                    onClick={() => {
                      nameForm.setFieldsValue({ name: undefined, status: undefined, unitId: undefined, category: undefined, tier: undefined });
                      setParams(new URLSearchParams());
                    }}
                  >
                    {t('common:actions.reset')}
                  </Button>
                </Space>
              </Form.Item>
            </Form>
          ) : (
            <Form
              form={idForm}
              layout="inline"
              onFinish={(values) => setResidentId(values.residentId.trim().toUpperCase())}
              role="search"
              aria-label={t('list.idSearch')}
              style={{ rowGap: 8 }}
            >
              <Form.Item
                name="residentId"
                label={t('list.residentId')}
                normalize={(value: string) => value?.toUpperCase()}
                rules={[required(t, t('list.residentId')), residentIdRule(t)]}
                validateFirst
              >
                <Input allowClear autoComplete="off" placeholder={t('list.residentIdPlaceholder')} maxLength={18} style={{ width: 240 }} />
              </Form.Item>
              <Form.Item>
                <Space>
                  <Button type="primary" htmlType="submit" icon={<SearchOutlined />} loading={search.isFetching}>
                    {t('common:actions.search')}
                  </Button>
                  <Button
                    onClick={() => {
                      idForm.resetFields();
                      setResidentId(null);
                    }}
                  >
                    {t('common:actions.reset')}
                  </Button>
                </Space>
              </Form.Item>
            </Form>
          )}
        </Space>
      </Card>

      {error && <Typography.Text type="danger" role="alert">{error}</Typography.Text>}
      {mode === 'residentId' && !residentId ? null : (
        <Table<FileSummary>
          rowKey="id"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={active.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: mode === 'residentId' && search.isSuccess ? t('list.noMatch') : t('common:states.empty') }}
          aria-label={t('list.title')}
          pagination={
            mode === 'name'
              ? paging.pagination(data?.total ?? 0, { onChange: (page, pageSize) => setFilter({ page: pageSize !== filter.pageSize ? 1 : page, pageSize }) })
              : false
          }
        />
      )}
    </Page>
  );
}
