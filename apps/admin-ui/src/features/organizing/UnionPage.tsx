import { Card, Col, Descriptions, Row, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { DateText } from '../../components/Money';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/QueryView';
import { formatNumber } from '../../components/format';
import { useUnion, useUnionHistory, type Enterprise, type UnionDetail } from './api';
import { HistoryTimeline } from './shared';

export function UnionPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('organizing');
  const query = useUnion(id);
  return (
    <Page title={query.data?.name ?? t('union.title')} back={{ to: '/unions', label: t('unions.title') }}>
      <QueryView query={query}>{(union) => <UnionView union={union} />}</QueryView>
    </Page>
  );
}

function UnionView({ union }: { union: UnionDetail }) {
  const { t } = useTranslation('organizing');
  const history = useUnionHistory(union.id);
  const yesNo = (v: boolean) => <Tag color={v ? 'green' : 'default'}>{t(v ? 'yes' : 'no')}</Tag>;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={16}>
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card title={t('union.details')} size="small">
            <Descriptions
              column={{ xs: 1, sm: 1, md: 2 }}
              size="small"
              items={[
                { key: 'name', label: t('unions.name'), children: union.name },
                { key: 'kind', label: t('unions.kind'), children: t(`unionKind.${union.kind}`, { defaultValue: union.kind }) },
                { key: 'unit', label: t('union.unit'), children: union.unitName ?? '—' },
                { key: 'founded', label: t('unions.foundedOn'), children: <DateText value={union.foundedOn} /> },
                { key: 'chair', label: t('unions.chair'), children: union.chairName },
                { key: 'members', label: t('unions.members'), children: formatNumber(union.initialMemberCount) },
                { key: 'covered', label: t('unions.covered'), children: union.coveredEnterpriseCount },
                { key: 'status', label: t('unions.status'), children: t(`unionStatus.${union.status}`, { defaultValue: union.status }) },
                { key: 'women', label: t('union.womenCommittee'), children: yesNo(union.womenCommitteeFounded) },
                { key: 'audit', label: t('union.auditCommittee'), children: yesNo(union.auditCommitteeFounded) },
              ]}
            />
          </Card>
          <Card title={t('union.coverage')} size="small">
            <Table<Enterprise>
              rowKey="id"
              size="small"
              dataSource={union.coveredEnterprises}
              pagination={false}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: t('enterprises.name'), dataIndex: 'name', render: (name: string, row) => <Link to={`/enterprises/${row.id}`}>{name}</Link> },
                { title: t('enterprises.ownership'), dataIndex: 'ownership', render: (v: string) => t(`ownership.${v}`, { defaultValue: v }) },
                { title: t('enterprises.unit'), dataIndex: 'unitName' },
                { title: t('enterprises.employees'), dataIndex: 'employeeCount', align: 'right', render: (v: number) => formatNumber(v) },
                { title: t('enterprises.women'), dataIndex: 'womenEmployeeCount', align: 'right', render: (v: number) => formatNumber(v) },
                { title: t('enterprises.unionizedOn'), dataIndex: 'unionizedOn', render: (v: string | null) => <DateText value={v} /> },
              ]}
            />
          </Card>
        </Space>
      </Col>
      <Col xs={24} lg={8}>
        <Card title={t('union.history')} size="small">
          <QueryView query={history}>{(entries) => <HistoryTimeline entries={entries} />}</QueryView>
        </Card>
      </Col>
    </Row>
  );
}
