import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { useMe } from '../../auth/session';
import { DraftNotice } from '../../components/DraftNotice';
import { Page } from '../../components/Page';
import { UnitSelect } from '../../components/UnitSelect';
import { useCommandForm } from '../../components/useCommandForm';
import { creditCodeProblem, INDUSTRIES, OWNERSHIPS } from './api';

interface Values {
  name: string;
  creditCode: string;
  ownership: string;
  industry: string;
  unitId: string;
  employeeCount: number;
  womenEmployeeCount: number;
}

export function RegisterEnterprisePage() {
  const { t } = useTranslation('organizing');
  const me = useMe();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [form] = Form.useForm<Values>();
  const command = useCommandForm<Values, { id: string }>({
    form,
    draftKey: 'organizing.register-enterprise',
    successMessage: t('register.done'),
    submit: (values) =>
      api.post<{ id: string }>('/enterprises', {
        ...values,
        name: values.name.trim(),
        creditCode: values.creditCode.trim().toUpperCase(),
        industry: values.industry.trim(),
      }),
    onSuccess: (result) => {
      void queries.invalidateQueries({ queryKey: ['enterprises'] });
      void queries.invalidateQueries({ queryKey: ['figures'] });
      navigate(`/enterprises/${result.id}`);
    },
  });
  const required = (label: string) => ({ required: true, message: t('common:form.required', { label }) });
  const requiredSelect = (label: string) => ({ required: true, message: t('common:form.requiredSelect', { label }) });

  return (
    <Page title={t('register.title')} back={{ to: '/enterprises', label: t('enterprises.title') }}>
      <Card>
        <Alert type="info" showIcon title={t('register.intro')} style={{ marginBottom: 16 }} />
        <DraftNotice command={command} />
        <Form<Values>
          form={form}
          layout="vertical"
          aria-label={t('register.title')}
          initialValues={{ unitId: me.unit.id, ownership: 'non_public' }}
          onFinish={command.onFinish}
          onValuesChange={command.onValuesChange}
          scrollToFirstError
        >
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="name" label={t('register.name')} rules={[required(t('register.name')), { max: 200, message: t('common:form.maxLength', { label: t('register.name'), max: 200 }) }]}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="creditCode"
                label={t('register.creditCode')}
                extra={t('register.creditCodeHelp')}
                normalize={(v: string) => v?.toUpperCase()}
                rules={[
                  required(t('register.creditCode')),
                  {
                    validator: (_, value: string | undefined) => {
                      if (!value) return Promise.resolve();
                      const problem = creditCodeProblem(value.trim().toUpperCase());
                      if (!problem) return Promise.resolve();
                      return Promise.reject(new Error(t(`register.credit${problem[0].toUpperCase()}${problem.slice(1)}`)));
                    },
                  },
                ]}
              >
                <Input maxLength={18} style={{ fontFamily: 'monospace' }} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="ownership" label={t('register.ownership')} rules={[requiredSelect(t('register.ownership'))]}>
                <Select options={OWNERSHIPS.map((o) => ({ value: o, label: t(`ownership.${o}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="industry"
                label={t('register.industry')}
                rules={[requiredSelect(t('register.industry')), { max: 100, message: t('common:form.maxLength', { label: t('register.industry'), max: 100 }) }]}
              >
                <Select showSearch={{ optionFilterProp: 'label' }} options={INDUSTRIES.map((i) => ({ value: i, label: t(`industry.${i}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="unitId" label={t('register.unit')} rules={[requiredSelect(t('register.unit'))]}>
                <UnitSelect />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                name="employeeCount"
                label={t('register.employees')}
                rules={[required(t('register.employees')), { type: 'integer', min: 0, max: 1_000_000, message: t('common:form.min', { label: t('register.employees'), min: 0 }) }]}
              >
                <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                name="womenEmployeeCount"
                label={t('register.women')}
                dependencies={['employeeCount']}
                rules={[
                  required(t('register.women')),
                  { type: 'integer', min: 0, max: 1_000_000, message: t('common:form.min', { label: t('register.women'), min: 0 }) },
                  ({ getFieldValue }) => ({
                    validator: (_, value: number | undefined) =>
                      value !== undefined && value !== null && getFieldValue('employeeCount') !== undefined && value > getFieldValue('employeeCount')
                        ? Promise.reject(new Error(t('register.womenExceed')))
                        : Promise.resolve(),
                  }),
                ]}
              >
                <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          {command.formError}
          <Space wrap>
            <Button type="primary" htmlType="submit" loading={command.submitting}>
              {t('register.submit')}
            </Button>
            <Button onClick={() => navigate('/enterprises')}>{t('common:actions.cancel')}</Button>
          </Space>
        </Form>
      </Card>
    </Page>
  );
}
