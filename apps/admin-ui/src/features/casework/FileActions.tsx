import { useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Row, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { DraftNotice } from '../../components/DraftNotice';
import { toIsoDate, yuanToFen } from '../../components/format';
import { useCommandForm } from '../../components/useCommandForm';
import { AID_PROGRAMMES } from '../funds/api';
import { CATEGORIES, keys, LEAVING_REASONS, REVIEW_OUTCOMES, TIERS, VISIT_OCCASIONS, type FileDetail } from './api';
import { translated } from './problems';
import {
  disableFuture,
  maxLength,
  MONEY_INPUT,
  nextReviewRule,
  notBlank,
  notFutureRule,
  outsideNextReview,
  required,
  tierRule,
  NS,
} from './shared';

export type FileAction = 'visit' | 'review' | 'aidRequest' | 'leave' | 'reenter';

const PATHS: Record<FileAction, string> = {
  visit: 'visits',
  review: 'reviews',
  aidRequest: 'aid-requests',
  leave: 'leaving',
  reenter: 'reentry',
};

type Values = Record<string, unknown> & {
  occasion?: string;
  visitedOn?: Dayjs;
  visitors?: string[];
  notes?: string;
  reviewedOn?: Dayjs;
  outcome?: string;
  tier?: string;
  nextReviewDue?: Dayjs;
  incomeAboveStandardSince?: Dayjs;
  householdSize?: number;
  incomeYuan?: number;
  standardYuan?: number;
  categories?: string[];
  programme?: string;
  amountYuan?: number;
  requestedOn?: Dayjs;
  reason?: string;
  leftOn?: Dayjs;
  reenteredOn?: Dayjs;
};

const trimmed = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

function household(values: Values) {
  return {
    householdSize: values.householdSize,
    perCapitaMonthlyIncomeFen: yuanToFen(values.incomeYuan ?? 0),
    minimumLivingStandardFen: yuanToFen(values.standardYuan ?? 0),
    categories: values.categories,
  };
}

/** The command's body, as the server's DTO names it. */
function toBody(action: FileAction, values: Values): Record<string, unknown> {
  switch (action) {
    case 'visit':
      return { occasion: values.occasion, visitedOn: toIsoDate(values.visitedOn), visitors: (values.visitors ?? []).map((v) => v.trim()).filter(Boolean), notes: trimmed(values.notes) };
    case 'review': {
      const still = values.outcome === 'still_in_hardship';
      return {
        ...household(values),
        reviewedOn: toIsoDate(values.reviewedOn),
        outcome: values.outcome,
        tier: still ? values.tier : undefined,
        nextReviewDue: still ? toIsoDate(values.nextReviewDue) : undefined,
        incomeAboveStandardSince: still ? undefined : toIsoDate(values.incomeAboveStandardSince),
        notes: trimmed(values.notes),
      };
    }
    case 'aidRequest':
      return { programme: values.programme, amountRequestedFen: yuanToFen(values.amountYuan ?? 0), requestedOn: toIsoDate(values.requestedOn), reason: trimmed(values.reason) };
    case 'leave':
      return {
        reason: values.reason,
        leftOn: toIsoDate(values.leftOn),
        incomeAboveStandardSince: values.reason === 'out_of_hardship' ? toIsoDate(values.incomeAboveStandardSince) : undefined,
        notes: trimmed(values.notes),
      };
    case 'reenter':
      return { ...household(values), tier: values.tier, reenteredOn: toIsoDate(values.reenteredOn), nextReviewDue: toIsoDate(values.nextReviewDue), notes: trimmed(values.notes) };
  }
}

const FIELD_MAP = { perCapitaMonthlyIncomeFen: ['incomeYuan'], minimumLivingStandardFen: ['standardYuan'], amountRequestedFen: ['amountYuan'] };

/** Six months before the given date: the "above 低保 since" rule of 脱困. */
const sixMonthsRule = (t: ReturnType<typeof useTranslation>['t'], dateField: string) =>
  ({ getFieldValue }: { getFieldValue: (name: string) => unknown }) => ({
    validator: (_rule: unknown, value: Dayjs | undefined) => {
      const until = getFieldValue(dateField) as Dayjs | undefined;
      return value && until && value.isAfter(until.subtract(6, 'month'), 'day') ? Promise.reject(new Error(t('validation.sixMonths'))) : Promise.resolve();
    },
  });

export function FileActionModal({ action, file, onClose }: { action: FileAction | null; file: FileDetail; onClose: () => void }) {
  const { t } = useTranslation(NS);
  const queries = useQueryClient();
  const [form] = Form.useForm<Values>();
  const outcome = Form.useWatch('outcome', form);
  const leaveReason = Form.useWatch('reason', form);

  const initialValues = useMemo<Values>(() => {
    const today = dayjs();
    const assessment = {
      householdSize: file.householdSize,
      incomeYuan: file.perCapitaMonthlyIncomeFen / 100,
      standardYuan: file.minimumLivingStandardFen / 100,
      categories: file.categories,
      tier: file.tier,
    };
    switch (action) {
      case 'visit':
        return { visitedOn: today, visitors: [] };
      case 'review':
        return { ...assessment, reviewedOn: today, outcome: 'still_in_hardship', nextReviewDue: today.add(12, 'month').subtract(1, 'day') };
      case 'aidRequest':
        return { requestedOn: today };
      case 'leave':
        return { leftOn: today };
      case 'reenter':
        return { ...assessment, reenteredOn: today, nextReviewDue: today.add(6, 'month') };
      default:
        return {};
    }
  }, [action, file]);

  const submit = useMemo(
    () => translated((values: Values) => api.post(`/hardship-files/${file.id}/${PATHS[action!]}`, toBody(action!, values), { ifMatch: file.revision }), t),
    [action, file.id, file.revision, t],
  );

  const command = useCommandForm<Values>({
    form,
    draftKey: action ? `casework.${action}.${file.id}` : undefined,
    submit,
    fieldMap: FIELD_MAP,
    successMessage: action ? t(`${action}.saved`) : undefined,
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: keys.all });
      onClose();
    },
  });

  if (!action) return null;
  const l = (key: string) => t(key);
  const date = (name: string, label: string, extraRules: object[] = [], disabled = disableFuture) => (
    <Form.Item name={name} label={label} rules={[required(t, label, true), ...(extraRules as never[])]}>
      <DatePicker style={{ width: '100%' }} disabledDate={disabled} />
    </Form.Item>
  );
  const notes = (label: string, requiredField = false) => (
    <Form.Item name={action === 'aidRequest' ? 'reason' : 'notes'} label={label} rules={[...(requiredField ? [required(t, label)] : []), notBlank(t, label), maxLength(t, label, 2000)]}>
      <Input.TextArea rows={3} maxLength={2000} />
    </Form.Item>
  );
  const householdFields = (withTier: boolean) => (
    <Row gutter={12}>
      <Col xs={24}>
        <Form.Item
          name="categories"
          label={t('form.categories')}
          rules={[{ required: true, type: 'array', min: 1, message: t('common:form.requiredSelect', { label: t('form.categories') }) }]}
        >
          <Checkbox.Group options={CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) }))} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={8}>
        <Form.Item name="householdSize" label={t('form.householdSize')} rules={[required(t, t('form.householdSize'))]}>
          <InputNumber min={1} max={30} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={8}>
        <Form.Item
          name="incomeYuan"
          label={t('form.income')}
          dependencies={['standardYuan', 'outcome']}
          rules={[
            required(t, t('form.income')),
            ({ getFieldValue }) => ({
              validator: (_r, income: number | undefined) =>
                getFieldValue('outcome') === 'recovered' && income !== undefined && income !== null && yuanToFen(income) <= yuanToFen(getFieldValue('standardYuan') ?? 0)
                  ? Promise.reject(new Error(t('validation.aboveStandard')))
                  : Promise.resolve(),
            }),
          ]}
        >
          <InputNumber {...MONEY_INPUT} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={8}>
        <Form.Item
          name="standardYuan"
          label={t('form.standard')}
          rules={[required(t, t('form.standard')), { type: 'number', min: 0.01, message: t('common:form.min', { label: t('form.standard'), min: '0.01' }) }]}
        >
          <InputNumber {...MONEY_INPUT} />
        </Form.Item>
      </Col>
      {withTier && (
        <Col xs={24}>
          <Form.Item
            name="tier"
            label={action === 'review' ? t('review.tier') : t('form.tier')}
            dependencies={['incomeYuan', 'standardYuan', 'categories']}
            rules={[required(t, t('form.tier'), true), tierRule(t, 'incomeYuan', 'standardYuan')]}
          >
            <Radio.Group options={TIERS.map((tier) => ({ value: tier, label: t(`tiers.${tier}`) }))} />
          </Form.Item>
        </Col>
      )}
    </Row>
  );

  let fields: ReactNode;
  switch (action) {
    case 'visit':
      fields = (
        <>
          <Form.Item name="occasion" label={l('visit.occasion')} rules={[required(t, l('visit.occasion'), true)]}>
            <Select options={VISIT_OCCASIONS.map((o) => ({ value: o, label: t(`occasions.${o}`) }))} />
          </Form.Item>
          {date('visitedOn', l('visit.visitedOn'), [notFutureRule(t)])}
          <Form.Item
            name="visitors"
            label={l('visit.visitors')}
            extra={l('visit.visitorsHelp')}
            rules={[
              { required: true, type: 'array', min: 1, message: t('common:form.required', { label: l('visit.visitors') }) },
              { type: 'array', max: 10, message: t('common:form.max', { label: l('visit.visitors'), max: 10 }) },
              {
                validator: (_r, value: string[] | undefined) => {
                  const names = (value ?? []).map((v) => v.trim());
                  if (names.some((n) => n.length > 50)) return Promise.reject(new Error(t('common:form.maxLength', { label: l('visit.visitors'), max: 50 })));
                  return new Set(names).size !== names.length ? Promise.reject(new Error(t('validation.duplicateVisitor'))) : Promise.resolve();
                },
              },
            ]}
          >
            <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', '、']} />
          </Form.Item>
          {notes(l('visit.notes'))}
        </>
      );
      break;
    case 'review':
      fields = (
        <>
          <Row gutter={12}>
            <Col xs={24} sm={12}>{date('reviewedOn', l('review.reviewedOn'), [notFutureRule(t)])}</Col>
            <Col xs={24} sm={12}>
              <Form.Item name="outcome" label={l('review.outcome')} rules={[required(t, l('review.outcome'), true)]}>
                <Radio.Group options={REVIEW_OUTCOMES.map((o) => ({ value: o, label: t(`outcomes.${o}`) }))} />
              </Form.Item>
            </Col>
          </Row>
          {householdFields(outcome !== 'recovered')}
          {outcome === 'recovered' ? (
            <>
              <Form.Item
                name="incomeAboveStandardSince"
                label={l('review.incomeAboveStandardSince')}
                dependencies={['reviewedOn']}
                rules={[required(t, l('review.incomeAboveStandardSince'), true), sixMonthsRule(t, 'reviewedOn')]}
              >
                <DatePicker style={{ width: '100%' }} disabledDate={disableFuture} />
              </Form.Item>
            </>
          ) : (
            date('nextReviewDue', l('review.nextReviewDue'), [nextReviewRule(t)], outsideNextReview)
          )}
          {notes(l('review.notes'))}
        </>
      );
      break;
    case 'aidRequest':
      fields = (
        <>
          <Form.Item name="programme" label={l('aidRequest.programme')} rules={[required(t, l('aidRequest.programme'), true)]}>
            <Select options={AID_PROGRAMMES.map((p) => ({ value: p, label: t(`programmes.${p}`) }))} />
          </Form.Item>
          <Form.Item
            name="amountYuan"
            label={l('aidRequest.amount')}
            rules={[required(t, l('aidRequest.amount')), { type: 'number', min: 0.01, message: t('common:form.min', { label: l('aidRequest.amount'), min: '0.01' }) }]}
          >
            <InputNumber {...MONEY_INPUT} />
          </Form.Item>
          {date('requestedOn', l('aidRequest.requestedOn'), [notFutureRule(t)])}
          {notes(l('aidRequest.reason'), true)}
        </>
      );
      break;
    case 'leave':
      fields = (
        <>
          <Form.Item name="reason" label={l('leave.reason')} rules={[required(t, l('leave.reason'), true)]}>
            <Select options={LEAVING_REASONS.map((r) => ({ value: r, label: t(`leavingReasons.${r}`) }))} />
          </Form.Item>
          {date('leftOn', l('leave.leftOn'), [notFutureRule(t)])}
          {leaveReason === 'out_of_hardship' && (
            <Form.Item
              name="incomeAboveStandardSince"
              label={l('leave.incomeAboveStandardSince')}
              dependencies={['leftOn']}
              rules={[required(t, l('leave.incomeAboveStandardSince'), true), sixMonthsRule(t, 'leftOn')]}
            >
              <DatePicker style={{ width: '100%' }} disabledDate={disableFuture} />
            </Form.Item>
          )}
          {notes(l('leave.notes'))}
        </>
      );
      break;
    case 'reenter':
      fields = (
        <>
          {date('reenteredOn', l('reenter.reenteredOn'), [notFutureRule(t)])}
          {householdFields(true)}
          {date('nextReviewDue', l('reenter.nextReviewDue'), [nextReviewRule(t)], outsideNextReview)}
          {notes(l('reenter.notes'))}
        </>
      );
      break;
  }

  const title = t(`actions.${action}`);
  return (
    <Modal open title={title} onCancel={onClose} footer={null} destroyOnHidden width={640} maskClosable={false}>
      <DraftNotice command={command} />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={command.onFinish}
        onValuesChange={command.onValuesChange}
        aria-label={title}
        data-testid={`form-${action}`}
      >
        {fields}
        {command.formError}
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={command.submitting}>
            {t('actions.save')}
          </Button>
          <Button onClick={onClose}>{t('actions.cancel')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
