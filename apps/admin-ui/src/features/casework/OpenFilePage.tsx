import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, ApiError } from '../../api/client';
import { useMe } from '../../auth/session';
import { DraftNotice } from '../../components/DraftNotice';
import { toIsoDate, yuanToFen } from '../../components/format';
import { Page } from '../../components/Page';
import { UnitSelect } from '../../components/UnitSelect';
import { useCommandForm } from '../../components/useCommandForm';
import { CATEGORIES, GENDERS, keys, TIERS, useEnterpriseOptions } from './api';
import { genderOfResidentId, residentIdProblem } from './residentId';
import { translated } from './problems';
import {
  disableFuture,
  maxLength,
  MONEY_INPUT,
  notBlank,
  notFutureRule,
  nextReviewRule,
  outsideNextReview,
  phoneRule,
  required,
  residentIdRule,
  tierRule,
  NS,
} from './shared';

export interface OpenFileValues {
  unitId: string;
  name: string;
  residentId: string;
  gender: string;
  phone?: string;
  address?: string;
  enterpriseId?: string;
  employerName?: string;
  categories: string[];
  tier: string;
  illnessDetails?: string;
  householdSize: number;
  incomeYuan: number;
  standardYuan: number;
  fiveClears: { familySituation: string; causeOfHardship: string; stateOfMind: string; employmentNeeds: string; skills: string };
  migrantWorker?: { unionMember?: boolean; employedSince?: Dayjs };
  surveyedOn: Dayjs;
  nextReviewDue: Dayjs;
}

const blankToUndefined = (value: string | undefined) => (value && value.trim() ? value.trim() : undefined);

export function toOpenFileDto(values: OpenFileValues) {
  const migrant = values.categories.includes('migrant_worker');
  return {
    unitId: values.unitId,
    name: values.name.trim(),
    residentId: values.residentId.trim().toUpperCase(),
    gender: values.gender,
    phone: blankToUndefined(values.phone),
    address: blankToUndefined(values.address),
    enterpriseId: values.enterpriseId || undefined,
    employerName: blankToUndefined(values.employerName),
    categories: values.categories,
    tier: values.tier,
    illnessDetails: values.categories.includes('illness') ? blankToUndefined(values.illnessDetails) : undefined,
    householdSize: values.householdSize,
    perCapitaMonthlyIncomeFen: yuanToFen(values.incomeYuan),
    minimumLivingStandardFen: yuanToFen(values.standardYuan),
    fiveClears: values.fiveClears,
    migrantWorker: migrant
      ? { unionMember: values.migrantWorker?.unionMember ?? false, employedSince: toIsoDate(values.migrantWorker?.employedSince) }
      : undefined,
    surveyedOn: toIsoDate(values.surveyedOn),
    nextReviewDue: toIsoDate(values.nextReviewDue),
  };
}

function EnterpriseSelect({ value, onChange, id }: { value?: string; onChange?: (value: string | undefined) => void; id?: string }) {
  const { t } = useTranslation(NS);
  const [search, setSearch] = useState('');
  const options = useEnterpriseOptions(search);
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={options.isFetching}
      placeholder={t('form.enterprisePlaceholder')}
      options={(options.data ?? []).map((enterprise) => ({ value: enterprise.id, label: enterprise.name }))}
      notFoundContent={null}
    />
  );
}

export function OpenFilePage() {
  const { t } = useTranslation(NS);
  const me = useMe();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [form] = Form.useForm<OpenFileValues>();
  const categories = Form.useWatch('categories', form) ?? [];
  const [existingFileId, setExistingFileId] = useState<string | null>(null);

  const initialValues = useMemo(
    () => ({ unitId: me.unit.id, householdSize: 3, surveyedOn: dayjs(), nextReviewDue: dayjs().add(6, 'month'), categories: [], migrantWorker: { unionMember: true } }),
    [me.unit.id],
  );

  const submit = useMemo(
    () =>
      translated(async (values: OpenFileValues) => {
        setExistingFileId(null);
        try {
          return await api.post<{ id: string }>('/hardship-files', toOpenFileDto(values));
        } catch (error) {
          if (error instanceof ApiError && error.problem.code === 'CASEWORK.PERSON_HAS_OPEN_FILE') {
            const existing = (error.problem as unknown as { existingFileId?: string }).existingFileId;
            if (existing) setExistingFileId(existing);
          }
          throw error;
        }
      }, t),
    [t],
  );

  const command = useCommandForm<OpenFileValues, { id: string }>({
    form,
    draftKey: 'casework.open-file',
    submit,
    fieldMap: { perCapitaMonthlyIncomeFen: ['incomeYuan'], minimumLivingStandardFen: ['standardYuan'] },
    successMessage: t('form.opened'),
    onSuccess: (result) => {
      void queries.invalidateQueries({ queryKey: keys.all });
      void navigate(`/hardship-files/${result.id}`);
    },
  });

  const label = (key: string) => t(`form.${key}`);
  const text = (key: string, max: number, requiredField = true) => ({
    rules: [...(requiredField ? [required(t, label(key))] : []), notBlank(t, label(key)), maxLength(t, label(key), max)],
  });

  return (
    <Page title={t('form.title')} back={{ to: '/hardship-files', label: t('list.title') }}>
      <DraftNotice command={command} />
      <Form<OpenFileValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={command.onFinish}
        onValuesChange={command.onValuesChange}
        scrollToFirstError
        aria-label={t('form.title')}
      >
        <Card title={t('form.sectionWorker')} size="small" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="unitId" label={label('unit')} rules={[required(t, label('unit'), true)]}>
                <UnitSelect aria-label={label('unit')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="name" label={label('name')} {...text('name', 50)}>
                <Input autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="residentId"
                label={label('residentId')}
                extra={label('residentIdHelp')}
                normalize={(value: string) => value?.toUpperCase()}
                rules={[required(t, label('residentId')), residentIdRule(t)]}
                validateFirst
              >
                <Input
                  autoComplete="off"
                  maxLength={18}
                  inputMode="text"
                  onBlur={(event) => {
                    const id = event.target.value.trim();
                    if (!residentIdProblem(id) && !form.getFieldValue('gender')) form.setFieldValue('gender', genderOfResidentId(id));
                  }}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="gender"
                label={label('gender')}
                dependencies={['residentId']}
                rules={[
                  required(t, label('gender'), true),
                  ({ getFieldValue }) => ({
                    validator: (_rule, gender: string | undefined) => {
                      const id = String(getFieldValue('residentId') ?? '');
                      return gender && !residentIdProblem(id) && genderOfResidentId(id) !== gender
                        ? Promise.reject(new Error(t('validation.genderMismatch')))
                        : Promise.resolve();
                    },
                  }),
                ]}
              >
                <Radio.Group options={GENDERS.map((gender) => ({ value: gender, label: t(`genders.${gender}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="phone" label={label('phone')} rules={[phoneRule(t)]}>
                <Input autoComplete="off" inputMode="tel" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="address" label={label('address')} {...text('address', 200, false)}>
                <Input autoComplete="off" />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card title={t('form.sectionEmployer')} size="small" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="enterpriseId" label={label('enterprise')}>
                <EnterpriseSelect />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="employerName" label={label('employerName')} extra={label('employerNameHelp')} {...text('employerName', 200, false)}>
                <Input />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card title={t('form.sectionHousehold')} size="small" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24}>
              <Form.Item name="categories" label={label('categories')} rules={[{ required: true, type: 'array', min: 1, message: t('common:form.requiredSelect', { label: label('categories') }) }]}>
                <Checkbox.Group options={CATEGORIES.map((category) => ({ value: category, label: t(`categories.${category}`) }))} />
              </Form.Item>
            </Col>
            {categories.includes('illness') && (
              <Col xs={24}>
                <Form.Item name="illnessDetails" label={label('illnessDetails')} {...text('illnessDetails', 2000)}>
                  <Input.TextArea rows={2} maxLength={2000} />
                </Form.Item>
              </Col>
            )}
            <Col xs={24} md={8}>
              <Form.Item name="householdSize" label={label('householdSize')} rules={[required(t, label('householdSize'))]}>
                <InputNumber min={1} max={30} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="incomeYuan" label={label('income')} extra={label('incomeHelp')} rules={[required(t, label('income'))]}>
                <InputNumber {...MONEY_INPUT} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="standardYuan"
                label={label('standard')}
                rules={[required(t, label('standard')), { type: 'number', min: 0.01, message: t('common:form.min', { label: label('standard'), min: '0.01' }) }]}
              >
                <InputNumber {...MONEY_INPUT} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item
                name="tier"
                label={label('tier')}
                extra={label('tierHelp')}
                dependencies={['incomeYuan', 'standardYuan', 'categories']}
                rules={[required(t, label('tier'), true), tierRule(t, 'incomeYuan', 'standardYuan')]}
              >
                <Radio.Group options={TIERS.map((tier) => ({ value: tier, label: t(`tiers.${tier}`) }))} />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card title={t('form.sectionFiveClears')} size="small" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            {(['familySituation', 'causeOfHardship', 'stateOfMind', 'employmentNeeds', 'skills'] as const).map((key) => (
              <Col xs={24} md={12} key={key}>
                <Form.Item name={['fiveClears', key]} label={label(key)} {...text(key, 2000)}>
                  <Input.TextArea rows={2} maxLength={2000} />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </Card>

        {categories.includes('migrant_worker') && (
          <Card title={t('form.sectionMigrant')} size="small" style={{ marginBottom: 16 }}>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item
                  name={['migrantWorker', 'unionMember']}
                  label={t('form.sectionMigrant')}
                  valuePropName="checked"
                  rules={[{ validator: (_r, checked: boolean) => (checked ? Promise.resolve() : Promise.reject(new Error(t('validation.migrantMember')))) }]}
                >
                  <Checkbox>{label('unionMember')}</Checkbox>
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name={['migrantWorker', 'employedSince']}
                  label={label('employedSince')}
                  rules={[
                    required(t, label('employedSince'), true),
                    {
                      validator: (_r, value: Dayjs | undefined) =>
                        value && value.isAfter(dayjs().subtract(12, 'month'), 'day') ? Promise.reject(new Error(t('validation.migrantYear'))) : Promise.resolve(),
                    },
                  ]}
                >
                  <DatePicker style={{ width: '100%' }} disabledDate={disableFuture} />
                </Form.Item>
              </Col>
            </Row>
          </Card>
        )}

        <Card title={t('form.sectionSchedule')} size="small" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="surveyedOn" label={label('surveyedOn')} rules={[required(t, label('surveyedOn'), true), notFutureRule(t)]}>
                <DatePicker style={{ width: '100%' }} disabledDate={disableFuture} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="nextReviewDue" label={label('nextReviewDue')} extra={label('nextReviewHelp')} rules={[required(t, label('nextReviewDue'), true), nextReviewRule(t)]}>
                <DatePicker style={{ width: '100%' }} disabledDate={outsideNextReview} />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        {command.formError}
        {existingFileId && (
          <p>
            <Link to={`/hardship-files/${existingFileId}`} data-testid="existing-file-link">
              {t('form.existingFile')}
            </Link>
          </p>
        )}
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={command.submitting} data-testid="open-file-submit">
            {t('form.submit')}
          </Button>
          <Button onClick={() => void navigate('/hardship-files')}>{t('common:actions.cancel')}</Button>
          <Button onClick={command.discardDraft}>{t('common:actions.clearDraft')}</Button>
        </Space>
      </Form>
    </Page>
  );
}
