import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Col, DatePicker, Form, Row, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api, type Paged } from '../../api/client';
import { useMe } from '../../auth/session';
import { DraftNotice } from '../../components/DraftNotice';
import { Page } from '../../components/Page';
import { UnitSelect } from '../../components/UnitSelect';
import { toIsoDate } from '../../components/format';
import { useCommandForm } from '../../components/useCommandForm';
import { useEnterprise, type Enterprise, type Union } from '../organizing/api';
import { useEnterprisePicker } from '../organizing/useEnterprisePicker';
import { TALKS_SCOPES, TALKS_TOPICS } from './api';

interface Values {
  scope: string;
  unitId: string;
  coveredEnterpriseIds: string[];
  initiatingUnionId: string;
  offerDate: Dayjs;
  topics: string[];
}

const enterpriseName = (e: Enterprise) => e.name;

export function OpenWageTalksPage() {
  const { t } = useTranslation('bargaining');
  const me = useMe();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [params] = useSearchParams();
  const prefillId = params.get('enterpriseId') ?? '';
  const [form] = Form.useForm<Values>();
  const unitId = Form.useWatch('unitId', form);
  const selected = Form.useWatch('coveredEnterpriseIds', form);
  // Only enterprises with a union bargain.
  const { candidates, remember, options, setSearch } = useEnterprisePicker('unionized', unitId, selected, enterpriseName);
  const prefill = useEnterprise(prefillId);

  const unions = useQuery({
    queryKey: ['unions', 'list', { unitId, pageSize: 100 }],
    queryFn: ({ signal }) => api.get<Paged<Union>>('/unions', { unitId, page: 1, pageSize: 100 }, signal),
    enabled: !!unitId,
  });

  const command = useCommandForm<Values, { id: string }>({
    form,
    draftKey: `bargaining.open${prefillId ? `.${prefillId}` : ''}`,
    successMessage: t('openForm.done'),
    submit: (values) => api.post<{ id: string }>('/wage-talks', { ...values, offerDate: toIsoDate(values.offerDate) }),
    onSuccess: (result) => {
      void queries.invalidateQueries({ queryKey: ['wage-talks'] });
      navigate(`/wage-talks/${result.id}`);
    },
  });

  useEffect(() => {
    const enterprise = prefill.data;
    if (!enterprise || enterprise.status !== 'unionized') return;
    remember(enterprise);
    if ((form.getFieldValue('coveredEnterpriseIds') as string[] | undefined)?.length) return;
    form.setFieldsValue({
      scope: 'enterprise',
      unitId: enterprise.unitId ?? me.unit.id,
      coveredEnterpriseIds: [enterprise.id],
      initiatingUnionId: enterprise.unionId ?? undefined,
    });
  }, [prefill.data, form, me.unit.id, remember]);

  const requiredSelect = (label: string) => ({ required: true, message: t('common:form.requiredSelect', { label }) });

  return (
    <Page title={t('openForm.title')} back={{ to: '/wage-talks', label: t('list.title') }}>
      <Card>
        <Alert type="info" showIcon title={t('openForm.intro')} style={{ marginBottom: 16 }} />
        <DraftNotice command={command} />
        <Form<Values>
          form={form}
          layout="vertical"
          aria-label={t('openForm.title')}
          initialValues={{ scope: 'enterprise', unitId: me.unit.id, coveredEnterpriseIds: [], topics: ['wage_growth'], offerDate: dayjs().startOf('day') }}
          onFinish={command.onFinish}
          onValuesChange={command.onValuesChange}
          scrollToFirstError
        >
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="scope" label={t('openForm.scope')} rules={[requiredSelect(t('openForm.scope'))]}>
                <Select options={TALKS_SCOPES.map((s) => ({ value: s, label: t(`scope.${s}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="unitId" label={t('openForm.unit')} rules={[requiredSelect(t('openForm.unit'))]}>
                <UnitSelect />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item
                name="coveredEnterpriseIds"
                label={t('openForm.enterprises')}
                dependencies={['scope']}
                rules={[
                  { required: true, type: 'array', min: 1, message: t('common:form.requiredSelect', { label: t('openForm.enterprises') }) },
                  ({ getFieldValue }) => ({
                    validator: (_, ids: string[] | undefined) => {
                      const n = ids?.length ?? 0;
                      const scope = getFieldValue('scope') as string;
                      if (scope === 'enterprise' && n > 1) return Promise.reject(new Error(t('openForm.needOne')));
                      if (scope !== 'enterprise' && n === 1) return Promise.reject(new Error(t('openForm.needTwo')));
                      return Promise.resolve();
                    },
                  }),
                ]}
              >
                <Select
                  mode="multiple"
                  allowClear
                  placeholder={t('openForm.enterprisesPlaceholder')}
                  loading={candidates.isFetching}
                  options={options}
                  showSearch={{ filterOption: false, onSearch: setSearch }}
                  onBlur={() => setSearch('')}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="initiatingUnionId" label={t('openForm.union')} rules={[requiredSelect(t('openForm.union'))]}>
                <Select
                  loading={unions.isFetching}
                  showSearch={{ optionFilterProp: 'label' }}
                  options={(unions.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="offerDate" label={t('openForm.offerDate')} rules={[requiredSelect(t('openForm.offerDate'))]}>
                <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="topics" label={t('openForm.topics')} rules={[{ required: true, type: 'array', min: 1, message: t('common:form.requiredSelect', { label: t('openForm.topics') }) }]}>
                <Checkbox.Group options={TALKS_TOPICS.map((topic) => ({ value: topic, label: t(`topic.${topic}`) }))} />
              </Form.Item>
            </Col>
          </Row>
          {command.formError}
          <Space wrap>
            <Button type="primary" htmlType="submit" loading={command.submitting}>
              {t('openForm.submit')}
            </Button>
            <Button onClick={() => navigate(-1)}>{t('common:actions.cancel')}</Button>
          </Space>
        </Form>
      </Card>
    </Page>
  );
}
