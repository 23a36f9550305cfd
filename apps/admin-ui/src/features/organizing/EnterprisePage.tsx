import { TeamOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, DatePicker, Descriptions, Form, Input, Row, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { useMe } from '../../auth/session';
import { DraftNotice } from '../../components/DraftNotice';
import { DateText } from '../../components/Money';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/QueryView';
import { formatNumber, toIsoDate } from '../../components/format';
import { useCommandForm } from '../../components/useCommandForm';
import { useKnownRevision } from '../../components/readModel';
import { useEnterprise, useEnterpriseHistory, useUnion, type Enterprise } from './api';
import { canWrite } from './EnterprisesPage';
import { HistoryTimeline } from './shared';

export function EnterprisePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('organizing');
  const query = useEnterprise(id);
  return (
    <Page title={query.data?.name ?? t('enterprise.title')} back={{ to: '/enterprises', label: t('enterprises.title') }}>
      <QueryView query={query}>{(enterprise) => <EnterpriseView enterprise={enterprise} />}</QueryView>
    </Page>
  );
}

function EnterpriseView({ enterprise }: { enterprise: Enterprise }) {
  const { t } = useTranslation('organizing');
  const me = useMe();
  const navigate = useNavigate();
  const history = useEnterpriseHistory(enterprise.id);
  const union = useUnion(enterprise.unionId);
  const surveys = (history.data ?? []).filter((e) => e.type === 'UnionizationSurveyRecorded').reverse();

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={16}>
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card title={t('enterprise.details')} size="small">
            <Descriptions
              column={{ xs: 1, sm: 1, md: 2 }}
              size="small"
              items={[
                { key: 'name', label: t('enterprises.name'), children: enterprise.name },
                { key: 'code', label: t('enterprises.creditCode'), children: <Typography.Text code copyable>{enterprise.creditCode}</Typography.Text> },
                { key: 'own', label: t('enterprises.ownership'), children: t(`ownership.${enterprise.ownership}`, { defaultValue: enterprise.ownership }) },
                { key: 'ind', label: t('enterprises.industry'), children: t(`industry.${enterprise.industry}`, { defaultValue: enterprise.industry }) },
                { key: 'unit', label: t('enterprises.unit'), children: enterprise.unitName ?? '—' },
                { key: 'reg', label: t('enterprises.registeredOn'), children: <DateText value={enterprise.registeredOn} /> },
                { key: 'emp', label: t('enterprises.employees'), children: formatNumber(enterprise.employeeCount) },
                { key: 'women', label: t('enterprises.women'), children: formatNumber(enterprise.womenEmployeeCount) },
                {
                  key: 'status',
                  label: t('enterprises.status'),
                  children: <Tag color={enterprise.status === 'unionized' ? 'green' : 'orange'}>{t(`enterpriseStatus.${enterprise.status}`)}</Tag>,
                },
              ]}
            />
          </Card>

          <Card
            title={t('enterprise.union')}
            size="small"
            extra={
              enterprise.status === 'not_unionized' && canWrite(me.role) ? (
                <Button type="primary" icon={<TeamOutlined />} onClick={() => navigate(`/unions/new?enterpriseId=${enterprise.id}`)}>
                  {t('enterprise.foundUnion')}
                </Button>
              ) : null
            }
          >
            {enterprise.unionId ? (
              union.data ? (
                <Descriptions
                  column={{ xs: 1, sm: 1, md: 2 }}
                  size="small"
                  items={[
                    { key: 'name', label: t('enterprise.unionName'), children: <Link to={`/unions/${union.data.id}`}>{union.data.name}</Link> },
                    { key: 'kind', label: t('enterprise.unionKind'), children: t(`unionKind.${union.data.kind}`, { defaultValue: union.data.kind }) },
                    { key: 'founded', label: t('enterprise.unionFounded'), children: <DateText value={union.data.foundedOn} /> },
                    { key: 'chair', label: t('unions.chair'), children: union.data.chairName },
                    { key: 'members', label: t('enterprise.unionMembers'), children: formatNumber(union.data.initialMemberCount) },
                    { key: 'covered', label: t('enterprise.unionCovered'), children: union.data.coveredEnterpriseCount },
                    { key: 'since', label: t('enterprises.unionizedOn'), children: <DateText value={enterprise.unionizedOn} /> },
                  ]}
                />
              ) : (
                <Link to={`/unions/${enterprise.unionId}`}>{t('enterprise.unionName')}</Link>
              )
            ) : (
              <Typography.Text type="secondary">{t('enterprise.noUnion')}</Typography.Text>
            )}
            {enterprise.status === 'unionized' && (
              <div style={{ marginTop: 12 }}>
                <Link to={`/wage-talks?enterpriseId=${enterprise.id}`}>{t('enterprise.openTalks')}</Link>
              </div>
            )}
          </Card>

          <Card title={t('enterprise.surveys')} size="small">
            <Table
              rowKey="revision"
              size="small"
              loading={history.isPending}
              dataSource={surveys}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('enterprise.noSurveys') }}
              columns={[
                { title: t('enterprise.surveyedOn'), key: 'on', render: (_, e) => <DateText value={String(e.data.surveyedOn)} /> },
                { title: t('enterprise.surveyReason'), key: 'reason', render: (_, e) => String(e.data.reason) },
                { title: t('enterprise.surveyTarget'), key: 'target', render: (_, e) => <DateText value={String(e.data.targetDate)} /> },
              ]}
            />
            {canWrite(me.role) &&
              (enterprise.status === 'not_unionized' ? (
                <SurveyForm enterprise={enterprise} />
              ) : (
                <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
                  {t('enterprise.alreadyUnionized')}
                </Typography.Paragraph>
              ))}
          </Card>
        </Space>
      </Col>
      <Col xs={24} lg={8}>
        <Card title={t('enterprise.history')} size="small">
          <QueryView query={history}>{(entries) => <HistoryTimeline entries={entries} />}</QueryView>
        </Card>
      </Col>
    </Row>
  );
}

interface SurveyValues {
  surveyedOn: Dayjs;
  targetDate: Dayjs;
  reason: string;
}

function SurveyForm({ enterprise }: { enterprise: Enterprise }) {
  const { t } = useTranslation('organizing');
  const queries = useQueryClient();
  const [form] = Form.useForm<SurveyValues>();
  const [ifMatch, sent] = useKnownRevision(enterprise.revision);
  const command = useCommandForm<SurveyValues, { revision: number }>({
    form,
    draftKey: `organizing.survey.${enterprise.id}`,
    submit: (values) =>
      api.post<{ revision: number }>(
        `/enterprises/${enterprise.id}/surveys`,
        { surveyedOn: toIsoDate(values.surveyedOn), targetDate: toIsoDate(values.targetDate), reason: values.reason.trim() },
        { ifMatch },
      ),
    onSuccess: (result) => {
      sent(result.revision);
      void queries.invalidateQueries({ queryKey: ['enterprises'] });
    },
  });
  const label = (key: string) => t(`enterprise.${key}`);
  return (
    <Form<SurveyValues>
      form={form}
      layout="vertical"
      aria-label={t('enterprise.recordSurvey')}
      onFinish={command.onFinish}
      onValuesChange={command.onValuesChange}
      style={{ marginTop: 16 }}
    >
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        {t('enterprise.recordSurvey')}
      </Typography.Title>
      <DraftNotice command={command} />
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item
            name="surveyedOn"
            label={label('surveyedOn')}
            rules={[
              { required: true, message: t('common:form.requiredSelect', { label: label('surveyedOn') }) },
              { validator: (_, v: Dayjs | undefined) => (v && v.isAfter(dayjs(), 'day') ? Promise.reject(new Error(label('surveyInFuture'))) : Promise.resolve()) },
            ]}
          >
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="targetDate"
            label={label('surveyTarget')}
            dependencies={['surveyedOn']}
            rules={[
              { required: true, message: t('common:form.requiredSelect', { label: label('surveyTarget') }) },
              ({ getFieldValue }) => ({
                validator: (_, v: Dayjs | undefined) => {
                  const on = getFieldValue('surveyedOn') as Dayjs | undefined;
                  return v && on && v.isBefore(on, 'day') ? Promise.reject(new Error(label('targetBeforeSurvey'))) : Promise.resolve();
                },
              }),
            ]}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item
            name="reason"
            label={label('surveyReason')}
            rules={[
              { required: true, whitespace: true, message: t('common:form.required', { label: label('surveyReason') }) },
              { max: 2000, message: t('common:form.maxLength', { label: label('surveyReason'), max: 2000 }) },
            ]}
          >
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
        </Col>
      </Row>
      {command.formError}
      <Space wrap>
        <Button type="primary" htmlType="submit" loading={command.submitting}>
          {t('enterprise.surveySubmit')}
        </Button>
      </Space>
    </Form>
  );
}
