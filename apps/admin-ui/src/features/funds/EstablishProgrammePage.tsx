import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Checkbox, Col, DatePicker, Flex, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, newIdempotencyKey } from '../../api/client';
import { useMe } from '../../auth/session';
import { DraftNotice } from '../../components/DraftNotice';
import { toIsoDate, yuanToFen } from '../../components/format';
import { Page } from '../../components/Page';
import { UnitSelect } from '../../components/UnitSelect';
import { useCommandForm } from '../../components/useCommandForm';
import { waitForReadModel } from '../../components/readModel';
import { ADMISSION_LEVELS, AID_PROGRAMMES, aidKeys, HARDSHIP_TIERS, RECIPIENT_KINDS, type Written } from './api';

interface EstablishValues {
  idempotencyKey: string;
  unitId?: string;
  year?: number;
  kind?: string;
  name?: string;
  householdCapYuan?: number;
  oneGrantPerHousehold: boolean;
  eligibility: { recipients: string[]; tiers: string[]; admissionLevels: string[] };
  opensOn?: dayjs.Dayjs;
  closesOn?: dayjs.Dayjs;
}

/** A supervisor establishes a programme for a unit and year, with its rules (EstablishProgrammeDto). */
export function EstablishProgrammePage() {
  const { t } = useTranslation('funds');
  const me = useMe();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [form] = Form.useForm<EstablishValues>();
  const [initialKey] = useState(newIdempotencyKey);
  const command = useCommandForm<EstablishValues, Written>({
    form,
    draftKey: 'aid-programme',
    fieldMap: { householdCapFen: ['householdCapYuan'] },
    submit: (values) =>
      api.post<Written>(
        '/aid-programmes',
        {
          unitId: values.unitId,
          year: values.year,
          kind: values.kind,
          name: values.name?.trim(),
          householdCapFen: yuanToFen(values.householdCapYuan!),
          oneGrantPerHousehold: values.oneGrantPerHousehold,
          eligibility: values.eligibility,
          opensOn: toIsoDate(values.opensOn),
          closesOn: toIsoDate(values.closesOn),
        },
        { idempotencyKey: values.idempotencyKey },
      ),
    onSuccess: async (written) => {
      await waitForReadModel(() => api.get(`/aid-programmes/${written.id}`), () => true);
      await queries.invalidateQueries({ queryKey: aidKeys.programmes });
      navigate('/aid-programmes');
    },
  });
  // A `whitespace` key makes the validator treat the value as a string: only text inputs get it, never selects, numbers or dates.
  const required = (label: string, select = false) =>
    select ? { required: true, message: t('common:form.requiredSelect', { label }) } : { required: true, whitespace: true, message: t('common:form.required', { label }) };

  return (
    <Page title={t('programmes.establish')} back={{ to: '/aid-programmes', label: t('programmes.title') }}>
      <Card style={{ maxWidth: 860 }}>
        <DraftNotice command={command} />
        <Form<EstablishValues>
          form={form}
          layout="vertical"
          initialValues={{
            idempotencyKey: initialKey,
            unitId: me.unit.id,
            year: dayjs().year(),
            oneGrantPerHousehold: false,
            eligibility: { recipients: ['hardship_file'], tiers: [], admissionLevels: [] },
          }}
          onValuesChange={command.onValuesChange}
          onFinish={command.onFinish}
          scrollToFirstError
        >
          <Form.Item name="idempotencyKey" hidden>
            <Input />
          </Form.Item>
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item name="unitId" label={t('programmes.unit')} rules={[required(t('programmes.unit'), true)]}>
                <UnitSelect />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item
                name="year"
                label={t('programmes.year')}
                rules={[required(t('programmes.year'), true), { type: 'number', min: 2000, max: 2100, message: t('common:form.invalid', { label: t('programmes.year') }) }]}
              >
                <InputNumber<number> min={2000} max={2100} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="kind" label={t('programmes.kind')} rules={[required(t('programmes.kind'), true)]}>
                <Select showSearch={{ optionFilterProp: 'label' }} options={AID_PROGRAMMES.map((kind) => ({ value: kind, label: t(`kinds.${kind}`) }))} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="name" label={t('programmes.name')} rules={[required(t('programmes.name')), { max: 100, message: t('common:form.maxLength', { label: t('programmes.name'), max: 100 }) }]}>
            <Input maxLength={100} placeholder={t('programmes.namePlaceholder')} />
          </Form.Item>
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item
                name="householdCapYuan"
                label={t('programmes.capYuan')}
                rules={[required(t('programmes.capYuan'), true), { type: 'number', min: 0.01, message: t('common:form.min', { label: t('programmes.capYuan'), min: '0.01' }) }]}
              >
                <InputNumber<number> min={0} max={100_000_000_000} precision={2} step={100} style={{ width: '100%' }} suffix={t('common:money.yuan')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="oneGrantPerHousehold" label={t('programmes.oneGrant')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            name={['eligibility', 'recipients']}
            label={t('programmes.recipients')}
            rules={[{ required: true, type: 'array', min: 1, message: t('common:form.requiredSelect', { label: t('programmes.recipients') }) }]}
          >
            <Checkbox.Group options={RECIPIENT_KINDS.map((kind) => ({ value: kind, label: t(`recipientKinds.${kind}`) }))} />
          </Form.Item>
          <Form.Item name={['eligibility', 'tiers']} label={t('programmes.tiers')} extra={t('programmes.tiersHint')}>
            <Checkbox.Group options={HARDSHIP_TIERS.map((tier) => ({ value: tier, label: t(`tiers.${tier}`) }))} />
          </Form.Item>
          <Form.Item
            name={['eligibility', 'admissionLevels']}
            label={t('programmes.admissionLevels')}
            extra={t('programmes.admissionHint')}
            dependencies={[['eligibility', 'recipients']]}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, value: string[] | undefined) =>
                  value?.length && !(getFieldValue(['eligibility', 'recipients']) ?? []).includes('hardship_file')
                    ? Promise.reject(new Error(t('programmes.admissionNeedsFile')))
                    : Promise.resolve(),
              }),
            ]}
          >
            <Checkbox.Group options={ADMISSION_LEVELS.map((level) => ({ value: level, label: t(`admissionLevels.${level}`) }))} />
          </Form.Item>
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item name="opensOn" label={t('programmes.opensOn')} rules={[required(t('programmes.opensOn'), true)]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="closesOn"
                label={t('programmes.closesOn')}
                dependencies={['opensOn']}
                rules={[
                  required(t('programmes.closesOn'), true),
                  ({ getFieldValue }) => ({
                    validator: (_, value: dayjs.Dayjs | undefined) => {
                      const opens: dayjs.Dayjs | undefined = getFieldValue('opensOn');
                      return value && opens && value.isBefore(opens, 'day') ? Promise.reject(new Error(t('programmes.closesBeforeOpens'))) : Promise.resolve();
                    },
                  }),
                ]}
              >
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          {command.formError}
          <Flex gap={8} wrap>
            <Button type="primary" htmlType="submit" loading={command.submitting}>
              {t('programmes.submit')}
            </Button>
            <Button onClick={() => navigate('/aid-programmes')}>{t('common:actions.cancel')}</Button>
          </Flex>
        </Form>
      </Card>
    </Page>
  );
}
