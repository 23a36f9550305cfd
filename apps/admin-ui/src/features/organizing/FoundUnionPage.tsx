import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { useMe } from '../../auth/session';
import { DraftNotice } from '../../components/DraftNotice';
import { Page } from '../../components/Page';
import { UnitSelect } from '../../components/UnitSelect';
import { toIsoDate } from '../../components/format';
import { usePunctuation } from '../../components/punctuation';
import { useCommandForm } from '../../components/useCommandForm';
import { UNION_KINDS, useEnterprise, type Enterprise } from './api';
import { useEnterprisePicker } from './useEnterprisePicker';

interface Values {
  name: string;
  kind: string;
  unitId: string;
  coveredEnterpriseIds: string[];
  foundedOn: Dayjs;
  chairName: string;
  initialMemberCount: number;
  womenCommitteeFounded: boolean;
  auditCommitteeFounded: boolean;
}

export function FoundUnionPage() {
  const { t } = useTranslation('organizing');
  const me = useMe();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [params] = useSearchParams();
  const prefillId = params.get('enterpriseId') ?? '';
  const [form] = Form.useForm<Values>();
  const unitId = Form.useWatch('unitId', form);
  const kind = Form.useWatch('kind', form);
  const selected = Form.useWatch('coveredEnterpriseIds', form);
  const punct = usePunctuation();
  /** An enterprise to cover, with its headcount. */
  const enterpriseLabel = useCallback((e: Enterprise) => punct.note(e.name, e.employeeCount), [punct]);
  // Enterprises without a union yet.
  const { candidates, known, remember, options, setSearch } = useEnterprisePicker('not_unionized', unitId, selected, enterpriseLabel);
  const prefill = useEnterprise(prefillId);

  const command = useCommandForm<Values, { id: string }>({
    form,
    draftKey: `organizing.found-union${prefillId ? `.${prefillId}` : ''}`,
    successMessage: t('found.done'),
    submit: (values) =>
      api.post<{ id: string }>('/unions', {
        ...values,
        name: values.name.trim(),
        chairName: values.chairName.trim(),
        foundedOn: toIsoDate(values.foundedOn),
        womenCommitteeFounded: !!values.womenCommitteeFounded,
        auditCommitteeFounded: !!values.auditCommitteeFounded,
      }),
    onSuccess: (result) => {
      void queries.invalidateQueries({ queryKey: ['enterprises'] });
      void queries.invalidateQueries({ queryKey: ['unions'] });
      void queries.invalidateQueries({ queryKey: ['figures'] });
      navigate(`/unions/${result.id}`);
    },
  });

  // Prefill from the enterprise the user came from, unless a draft was restored.
  useEffect(() => {
    const enterprise = prefill.data;
    if (!enterprise || enterprise.status !== 'not_unionized') return;
    remember(enterprise);
    if ((form.getFieldValue('coveredEnterpriseIds') as string[] | undefined)?.length) return;
    form.setFieldsValue({
      coveredEnterpriseIds: [enterprise.id],
      unitId: enterprise.unitId ?? me.unit.id,
      kind: 'independent',
      name: form.getFieldValue('name') || `${enterprise.name}工会委员会`,
    });
  }, [prefill.data, form, me.unit.id, remember]);

  const coveredEmployees = useMemo(
    () => (selected ?? []).reduce((sum, id) => sum + (known.get(id)?.employeeCount ?? 0), 0),
    [selected, known],
  );

  const help = kind === 'independent' ? t('found.enterprisesHelpOne') : kind === 'joint' || kind === 'building_joint' ? t('found.enterprisesHelpMany') : t('found.enterprisesHelpAny');
  const required = (label: string) => ({ required: true, whitespace: true, message: t('common:form.required', { label }) });
  const requiredSelect = (label: string) => ({ required: true, message: t('common:form.requiredSelect', { label }) });

  return (
    <Page title={t('found.title')} back={{ to: '/unions', label: t('unions.title') }}>
      <Card>
        <Alert type="info" showIcon title={t('found.intro')} style={{ marginBottom: 16 }} />
        <DraftNotice command={command} />
        <Form<Values>
          form={form}
          layout="vertical"
          aria-label={t('found.title')}
          initialValues={{ unitId: me.unit.id, kind: 'independent', coveredEnterpriseIds: [], womenCommitteeFounded: true, auditCommitteeFounded: true }}
          onFinish={command.onFinish}
          onValuesChange={command.onValuesChange}
          scrollToFirstError
        >
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="name" label={t('found.name')} rules={[required(t('found.name')), { max: 200, message: t('common:form.maxLength', { label: t('found.name'), max: 200 }) }]}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="kind" label={t('found.kind')} rules={[requiredSelect(t('found.kind'))]}>
                <Select options={UNION_KINDS.map((k) => ({ value: k, label: t(`unionKind.${k}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="unitId" label={t('found.unit')} rules={[requiredSelect(t('found.unit'))]}>
                <UnitSelect />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="foundedOn" label={t('found.foundedOn')} rules={[requiredSelect(t('found.foundedOn'))]}>
                <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item
                name="coveredEnterpriseIds"
                label={t('found.enterprises')}
                extra={help}
                dependencies={['kind']}
                rules={[
                  { required: true, type: 'array', min: 1, message: t('common:form.requiredSelect', { label: t('found.enterprises') }) },
                  ({ getFieldValue }) => ({
                    validator: (_, ids: string[] | undefined) => {
                      const n = ids?.length ?? 0;
                      const k = getFieldValue('kind') as string;
                      if (k === 'independent' && n > 1) return Promise.reject(new Error(t('found.needOne')));
                      if ((k === 'joint' || k === 'building_joint') && n === 1) return Promise.reject(new Error(t('found.needTwo')));
                      return Promise.resolve();
                    },
                  }),
                ]}
              >
                <Select
                  mode="multiple"
                  allowClear
                  placeholder={t('found.enterprisesPlaceholder')}
                  loading={candidates.isFetching}
                  options={options}
                  showSearch={{ filterOption: false, onSearch: setSearch }}
                  onBlur={() => setSearch('')}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="chairName" label={t('found.chair')} rules={[required(t('found.chair')), { max: 50, message: t('common:form.maxLength', { label: t('found.chair'), max: 50 }) }]}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="initialMemberCount"
                label={t('found.members')}
                extra={coveredEmployees ? t('found.membersHelp', { total: coveredEmployees }) : undefined}
                dependencies={['coveredEnterpriseIds']}
                rules={[
                  { required: true, message: t('common:form.required', { label: t('found.members') }) },
                  { type: 'integer', min: 1, message: t('common:form.min', { label: t('found.members'), min: 1 }) },
                  {
                    validator: (_, v: number | undefined) =>
                      v && coveredEmployees && v > coveredEmployees ? Promise.reject(new Error(t('found.membersExceed', { total: coveredEmployees }))) : Promise.resolve(),
                  },
                ]}
              >
                <InputNumber min={1} max={1_000_000} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item label={t('found.threeSimultaneous')} style={{ marginBottom: 8 }}>
                <Space orientation="vertical">
                  <Form.Item name="womenCommitteeFounded" valuePropName="checked" noStyle>
                    <Checkbox>{t('found.womenCommittee')}</Checkbox>
                  </Form.Item>
                  <Form.Item name="auditCommitteeFounded" valuePropName="checked" noStyle>
                    <Checkbox>{t('found.auditCommittee')}</Checkbox>
                  </Form.Item>
                </Space>
              </Form.Item>
            </Col>
          </Row>
          {command.formError}
          <Space wrap>
            <Button type="primary" htmlType="submit" loading={command.submitting}>
              {t('found.submit')}
            </Button>
            <Button onClick={() => navigate(-1)}>{t('common:actions.cancel')}</Button>
          </Space>
        </Form>
      </Card>
    </Page>
  );
}
