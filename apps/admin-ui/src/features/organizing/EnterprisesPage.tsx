import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, Row, Select, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { downloadUrl } from '../../api/client';
import { useMe } from '../../auth/session';
import { DateText } from '../../components/Money';
import { Page } from '../../components/Page';
import { UnitSelect } from '../../components/UnitSelect';
import { formatNumber } from '../../components/format';
import { useUrlPaging } from '../../components/paging';
import { describeProblem } from '../../api/problem';
import { ENTERPRISE_STATUSES, useEnterprises, useOrganizingFigures, type Enterprise } from './api';

export const canWrite = (role: string) => role === 'caseworker' || role === 'supervisor';

export function EnterprisesPage() {
  const { t } = useTranslation('organizing');
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const paging = useUrlPaging();
  const filter = {
    page: paging.page,
    pageSize: paging.pageSize,
    search: params.get('search') ?? undefined,
    unitId: params.get('unitId') ?? undefined,
    status: params.get('status') ?? undefined,
  };
  const query = useEnterprises(filter);
  const [form] = Form.useForm();

  const apply = (values: { search?: string; unitId?: string; status?: string }) => {
    const next = new URLSearchParams();
    if (values.search?.trim()) next.set('search', values.search.trim());
    if (values.unitId) next.set('unitId', values.unitId);
    if (values.status) next.set('status', values.status);
    setParams(next);
  };
  const exportQuery = { search: filter.search, unitId: filter.unitId, status: filter.status, pageSize: 100 };

  return (
    <Page
      title={t('enterprises.title')}
      extra={
        <>
          <Button icon={<DownloadOutlined />} href={downloadUrl('/enterprises/export', exportQuery)} download>
            {t('enterprises.export')}
          </Button>
          {canWrite(me.role) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/enterprises/new')}>
              {t('enterprises.register')}
            </Button>
          )}
        </>
      }
    >
      <FiguresCard />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form
          form={form}
          layout="vertical"
          aria-label={t('enterprises.filters')}
          initialValues={{ search: filter.search, unitId: filter.unitId, status: filter.status ?? '' }}
          onFinish={apply}
        >
          <Row gutter={16} align="bottom">
            <Col xs={24} md={8}>
              <Form.Item name="search" label={t('enterprises.search')}>
                <Input allowClear placeholder={t('enterprises.searchPlaceholder')} maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} md={6}>
              <Form.Item name="unitId" label={t('enterprises.unit')}>
                <UnitSelect allowClear />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} md={4}>
              <Form.Item name="status" label={t('enterprises.status')}>
                <Select
                  options={[{ value: '', label: t('enterprises.all') }, ...ENTERPRISE_STATUSES.map((s) => ({ value: s, label: t(`enterpriseStatus.${s}`) }))]}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item>
                <Button type="primary" htmlType="submit" style={{ marginRight: 8 }}>
                  {t('common:actions.search')}
                </Button>
                <Button
                  onClick={() => {
                    form.setFieldsValue({ search: undefined, unitId: undefined, status: '' });
                    setParams(new URLSearchParams());
                  }}
                >
                  {t('common:actions.reset')}
                </Button>
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      {query.isError && <Typography.Text type="danger" role="alert">{describeProblem(query.error, t)}</Typography.Text>}
      <Table<Enterprise>
        rowKey="id"
        loading={query.isFetching}
        dataSource={query.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={paging.pagination(query.data?.total ?? 0)}
        columns={[
          { title: t('enterprises.name'), dataIndex: 'name', render: (name: string, row) => <Link to={`/enterprises/${row.id}`}>{name}</Link> },
          { title: t('enterprises.creditCode'), dataIndex: 'creditCode', render: (code: string) => <Typography.Text code>{code}</Typography.Text> },
          { title: t('enterprises.ownership'), dataIndex: 'ownership', render: (v: string) => t(`ownership.${v}`, { defaultValue: v }) },
          { title: t('enterprises.industry'), dataIndex: 'industry', render: (v: string) => t(`industry.${v}`, { defaultValue: v }) },
          { title: t('enterprises.unit'), dataIndex: 'unitName' },
          { title: t('enterprises.employees'), dataIndex: 'employeeCount', align: 'right', render: (v: number) => formatNumber(v) },
          { title: t('enterprises.women'), dataIndex: 'womenEmployeeCount', align: 'right', render: (v: number) => formatNumber(v) },
          {
            title: t('enterprises.status'),
            dataIndex: 'status',
            render: (v: string) => <Tag color={v === 'unionized' ? 'green' : 'orange'}>{t(`enterpriseStatus.${v}`)}</Tag>,
          },
          { title: t('enterprises.unionizedOn'), dataIndex: 'unionizedOn', render: (v: string | null) => <DateText value={v} /> },
          {
            title: t('common:table.actions'),
            key: 'actions',
            render: (_: unknown, row) => (
              <Link to={`/enterprises/${row.id}`} aria-label={`${t('enterprises.open')} ${row.name}`}>
                {t('enterprises.open')}
              </Link>
            ),
          },
        ]}
      />
    </Page>
  );
}

/** 组织建设 figures of the current year for the caller's unit. */
export function FiguresCard() {
  const { t } = useTranslation('organizing');
  const year = new Date().getFullYear();
  const figures = useOrganizingFigures(year);
  if (!figures.data) return null;
  const f = figures.data;
  const rate = (r: { ratePercent: number | null }) => (r.ratePercent === null ? '—' : r.ratePercent.toFixed(1));
  return (
    <Card size="small" title={t('enterprises.figures', { year })} style={{ marginBottom: 16 }} data-testid="organizing-figures">
      <Row gutter={[16, 8]}>
        <Col xs={12} md={6}>
          <Statistic title={t('enterprises.nonPublicRate')} value={rate(f.nonPublicUnionization)} suffix="%" />
          <Typography.Text type="secondary">{t('enterprises.rateDetail', { ...f.nonPublicUnionization })}</Typography.Text>
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('enterprises.nonPublicTenRate')} value={rate(f.nonPublicTenOrMoreUnionization)} suffix="%" />
          <Typography.Text type="secondary">{t('enterprises.rateDetail', { ...f.nonPublicTenOrMoreUnionization })}</Typography.Text>
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('enterprises.newUnions')} value={f.newUnions.total} />
          <Typography.Text type="secondary">
            {t('enterprises.covered')} {f.newUnions.enterprisesCovered} · {t('enterprises.members')} {formatNumber(f.newUnions.members)}
          </Typography.Text>
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('enterprises.activeUnions')} value={f.atYearEnd.activeUnions} />
          <Typography.Text type="secondary">
            {t('enterprises.covered')} {f.atYearEnd.enterprisesCovered} · {t('enterprises.members')} {formatNumber(f.atYearEnd.members)}
          </Typography.Text>
        </Col>
      </Row>
    </Card>
  );
}
