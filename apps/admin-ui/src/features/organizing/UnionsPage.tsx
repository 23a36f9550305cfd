import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Row, Select, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { describeProblem } from '../../api/problem';
import { useMe } from '../../auth/session';
import { DateText } from '../../components/Money';
import { Page } from '../../components/Page';
import { UnitSelect } from '../../components/UnitSelect';
import { formatNumber } from '../../components/format';
import { useUrlPaging } from '../../components/paging';
import { UNION_KINDS, useUnions, type Union } from './api';
import { canWrite, FiguresCard } from './EnterprisesPage';

export function UnionsPage() {
  const { t } = useTranslation('organizing');
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const paging = useUrlPaging();
  const filter = {
    page: paging.page,
    pageSize: paging.pageSize,
    unitId: params.get('unitId') ?? undefined,
    kind: params.get('kind') ?? undefined,
  };
  const query = useUnions(filter);
  const [form] = Form.useForm();
  const apply = (values: { unitId?: string; kind?: string }) => {
    const next = new URLSearchParams();
    if (values.unitId) next.set('unitId', values.unitId);
    if (values.kind) next.set('kind', values.kind);
    setParams(next);
  };

  return (
    <Page
      title={t('unions.title')}
      extra={
        canWrite(me.role) && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/unions/new')}>
            {t('unions.found')}
          </Button>
        )
      }
    >
      <FiguresCard />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form form={form} layout="vertical" aria-label={t('unions.filters')} initialValues={{ unitId: filter.unitId, kind: filter.kind ?? '' }} onFinish={apply}>
          <Row gutter={16} align="bottom">
            <Col xs={24} sm={12} md={8}>
              <Form.Item name="unitId" label={t('unions.unit')}>
                <UnitSelect allowClear />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} md={6}>
              <Form.Item name="kind" label={t('unions.kind')}>
                <Select options={[{ value: '', label: t('unions.all') }, ...UNION_KINDS.map((k) => ({ value: k, label: t(`unionKind.${k}`) }))]} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item>
                <Button type="primary" htmlType="submit" style={{ marginRight: 8 }}>
                  {t('common:actions.search')}
                </Button>
                <Button
                  onClick={() => {
                    form.setFieldsValue({ unitId: undefined, kind: '' });
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
      <Table<Union>
        rowKey="id"
        loading={query.isFetching}
        dataSource={query.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={paging.pagination(query.data?.total ?? 0)}
        columns={[
          { title: t('unions.name'), dataIndex: 'name', render: (name: string, row) => <Link to={`/unions/${row.id}`}>{name}</Link> },
          {
            title: t('unions.kind'),
            dataIndex: 'kind',
            render: (v: string) => <Tag color={v === 'independent' ? 'blue' : 'purple'}>{t(`unionKind.${v}`, { defaultValue: v })}</Tag>,
          },
          { title: t('unions.unit'), dataIndex: 'unitName' },
          { title: t('unions.chair'), dataIndex: 'chairName' },
          { title: t('unions.foundedOn'), dataIndex: 'foundedOn', render: (v: string) => <DateText value={v} /> },
          { title: t('unions.covered'), dataIndex: 'coveredEnterpriseCount', align: 'right' },
          { title: t('unions.members'), dataIndex: 'initialMemberCount', align: 'right', render: (v: number) => formatNumber(v) },
          { title: t('unions.status'), dataIndex: 'status', render: (v: string) => <Tag color="green">{t(`unionStatus.${v}`, { defaultValue: v })}</Tag> },
          {
            title: t('common:table.actions'),
            key: 'actions',
            render: (_: unknown, row) => (
              <Link to={`/unions/${row.id}`} aria-label={`${t('unions.open')} ${row.name}`}>
                {t('unions.open')}
              </Link>
            ),
          },
        ]}
      />
    </Page>
  );
}
