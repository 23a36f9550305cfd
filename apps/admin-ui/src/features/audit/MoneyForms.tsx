import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { DraftNotice } from '../../components/DraftNotice';
import { useConfirmMoney } from '../../components/confirmMoney';
import { formatMoney, toIsoDate, yuanToFen } from '../../components/format';
import { usePunctuation } from '../../components/punctuation';
import { useCommandForm } from '../../components/useCommandForm';
import { AID_PROGRAMMES } from '../funds/api';
import { useAllFunds, useProgrammes, waitForFund, type Fund } from './api';
import { useAttemptKey } from './shared';

export type MoneyAction = 'allocate' | 'donate' | 'contribute' | 'transfer';

/** Which money-in commands a fund takes, by its source (the server refuses the others with FUNDS.WRONG_SOURCE). */
export function actionsFor(fund: Fund): MoneyAction[] {
  const byIn: Record<Fund['source'], MoneyAction> = {
    government_allocation: 'allocate',
    union_funds: 'allocate',
    social_donations: 'donate',
    medical_mutual_aid: 'contribute',
  };
  return [byIn[fund.source], 'transfer'];
}

const PATHS: Record<MoneyAction, string> = { allocate: 'allocations', donate: 'donations', contribute: 'contributions', transfer: 'transfers' };
const MAX_YUAN = 100_000_000_000; // MAX_FEN / 100

interface Values {
  amountYuan?: number;
  receivedOn?: Dayjs;
  reference?: string;
  donor?: string;
  restriction?: 'none' | 'programme' | 'purpose';
  programmeId?: string;
  programmeKind?: string;
  memberCount?: number;
  period?: string;
  toFundId?: string;
  reason?: string;
}

const notFuture = (current: Dayjs) => current.isAfter(dayjs().endOf('day'));

export function MoneyFormModal({ fund, action, onClose }: { fund: Fund; action: MoneyAction | null; onClose: () => void }) {
  const { t } = useTranslation('audit');
  return (
    <Modal open={action !== null} title={action ? t(`fund.${action}Title`) : ''} onCancel={onClose} footer={null} width={560}>
      {action && <MoneyForm key={action} fund={fund} action={action} onDone={onClose} />}
    </Modal>
  );
}

function MoneyForm({ fund, action, onDone }: { fund: Fund; action: MoneyAction; onDone: () => void }) {
  const { t, i18n } = useTranslation('audit');
  const punct = usePunctuation();
  const c = (key: string, options?: Record<string, unknown>) => t(key, { ns: 'common', ...options });
  const [form] = Form.useForm<Values>();
  const confirmMoney = useConfirmMoney();
  const queries = useQueryClient();
  const funds = useAllFunds();
  const programmes = useProgrammes();
  const draftKey = `audit.money.${action}.${fund.id}`;
  const attempt = useAttemptKey(draftKey);
  const restriction = Form.useWatch('restriction', form) ?? 'none';
  const general = fund.pools.find((pool) => pool.pool === 'general');
  const targets = (funds.data ?? []).filter((other) => other.unitId === fund.unitId && other.id !== fund.id);

  const prepare = (values: Values): { amountFen: number; body: Record<string, unknown>; detail: string } => {
      const amountFen = yuanToFen(values.amountYuan!);
      let body: Record<string, unknown>;
      let detail: string;
      switch (action) {
        case 'allocate':
          body = { amountFen, receivedOn: toIsoDate(values.receivedOn), reference: values.reference!.trim() };
          detail = t('fund.confirmAllocate', { fund: fund.name, reference: body.reference });
          break;
        case 'donate':
          body = {
            amountFen,
            receivedOn: toIsoDate(values.receivedOn),
            donor: values.donor!.trim(),
            ...(values.restriction === 'programme' ? { restriction: { programmeId: values.programmeId } } : {}),
            ...(values.restriction === 'purpose' ? { restriction: { programmeKind: values.programmeKind } } : {}),
          };
          detail = t('fund.confirmDonate', { fund: fund.name, donor: body.donor });
          break;
        case 'contribute':
          body = { amountFen, receivedOn: toIsoDate(values.receivedOn), memberCount: values.memberCount, period: values.period!.trim() };
          detail = t('fund.confirmContribute', { fund: fund.name, members: values.memberCount, period: body.period });
          break;
        case 'transfer':
          body = { toFundId: values.toFundId, amountFen, reason: values.reason!.trim() };
          detail = t('fund.confirmTransfer', { from: fund.name, to: targets.find((f) => f.id === values.toFundId)?.name ?? '' });
          break;
      }
      return { amountFen, body, detail };
  };

  const command = useCommandForm<Values>({
    form,
    draftKey,
    successMessage: action === 'transfer' ? t('fund.transferred') : t('fund.recorded'),
    fieldMap: { amountFen: ['amountYuan'], 'restriction.programmeId': ['programmeId'], 'restriction.programmeKind': ['programmeKind'], restriction: ['restriction'] },
    submit: async (values) => {
      const { body } = prepare(values);
      try {
        const result = await api.post<{ revision?: number; fundId?: string }>(`/funds/${fund.id}/${PATHS[action]}`, body, { idempotencyKey: attempt.key });
        attempt.settle();
        if (typeof result?.revision === 'number') await waitForFund(fund.id, result.revision);
        return result;
      } catch (error) {
        attempt.settle(error);
        throw error;
      }
    },
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ['funds'] });
      void queries.invalidateQueries({ queryKey: ['disbursements'] });
      onDone();
    },
  });

  const onFinish = async (values: Values) => {
    const { amountFen, detail } = prepare(values);
    if (await confirmMoney(amountFen, detail)) await command.onFinish(values);
  };

  const amountRules = [
    { required: true, message: c('form.money') },
    {
      validator: (_: unknown, value: number | null) => {
        if (value === null || value === undefined) return Promise.resolve();
        if (value < 0.01) return Promise.reject(new Error(c('form.min', { label: t('fields.amountYuan'), min: '0.01' })));
        if (action === 'transfer' && yuanToFen(value) > (general?.availableFen ?? 0)) {
          return Promise.reject(new Error(c('form.max', { label: t('fields.amountYuan'), max: formatMoney(general?.availableFen ?? 0, i18n.language) })));
        }
        return Promise.resolve();
      },
    },
  ];

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      onValuesChange={command.onValuesChange}
      initialValues={{ restriction: 'none', receivedOn: dayjs() }}
      aria-label={t(`fund.${action}Title`)}
      data-testid={`money-form-${action}`}
    >
      <Typography.Paragraph type="secondary">{fund.name}</Typography.Paragraph>
      <DraftNotice command={command} onDiscard={attempt.drop} />
      {action === 'transfer' && (
        <>
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('fund.transferHint')} description={punct.labelled(punct.note(t('pools.general'), t('fields.available')), formatMoney(general?.availableFen ?? 0, i18n.language))} />
          <Form.Item name="toFundId" label={t('fields.toFund')} rules={[{ required: true, message: c('form.requiredSelect', { label: t('fields.toFund') }) }]} extra={!funds.isPending && !targets.length ? t('fund.noTransferTarget') : undefined}>
            <Select loading={funds.isPending} options={targets.map((other) => ({ value: other.id, label: punct.note(other.name, t(`sources.${other.source}`)) }))} />
          </Form.Item>
        </>
      )}
      <Form.Item name="amountYuan" label={t('fields.amountYuan')} rules={amountRules}>
        <InputNumber min={0} max={MAX_YUAN} precision={2} step={100} style={{ width: '100%' }} addonAfter={c('money.yuan')} />
      </Form.Item>
      {action !== 'transfer' && (
        <Form.Item name="receivedOn" label={t('fields.receivedOn')} rules={[{ required: true, message: c('form.requiredSelect', { label: t('fields.receivedOn') }) }]}>
          <DatePicker disabledDate={notFuture} style={{ width: '100%' }} />
        </Form.Item>
      )}
      {action === 'allocate' && (
        <Form.Item
          name="reference"
          label={t('fields.reference')}
          rules={[{ required: true, whitespace: true, message: c('form.required', { label: t('fields.reference') }) }, { max: 100, message: c('form.maxLength', { label: t('fields.reference'), max: 100 }) }]}
        >
          <Input maxLength={100} placeholder="尧财社〔2026〕3号" />
        </Form.Item>
      )}
      {action === 'donate' && (
        <>
          <Form.Item
            name="donor"
            label={t('fields.donor')}
            rules={[{ required: true, whitespace: true, message: c('form.required', { label: t('fields.donor') }) }, { max: 200, message: c('form.maxLength', { label: t('fields.donor'), max: 200 }) }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="restriction" label={t('fields.restriction')}>
            <Radio.Group
              options={[
                { value: 'none', label: t('fields.restrictionNone') },
                { value: 'programme', label: t('fields.restrictionProgramme') },
                { value: 'purpose', label: t('fields.restrictionPurpose') },
              ]}
            />
          </Form.Item>
          {restriction === 'programme' && (
            <Form.Item name="programmeId" label={t('fields.programme')} rules={[{ required: true, message: c('form.requiredSelect', { label: t('fields.programme') }) }]}>
              <Select loading={programmes.isPending} showSearch={{ optionFilterProp: 'label' }} options={(programmes.data ?? []).map((p) => ({ value: p.id, label: punct.note(p.name, p.year) }))} />
            </Form.Item>
          )}
          {restriction === 'purpose' && (
            <Form.Item name="programmeKind" label={t('fields.programmeKind')} rules={[{ required: true, message: c('form.requiredSelect', { label: t('fields.programmeKind') }) }]}>
              <Select options={AID_PROGRAMMES.map((kind) => ({ value: kind, label: t(`programmeKinds.${kind}`) }))} />
            </Form.Item>
          )}
        </>
      )}
      {action === 'contribute' && (
        <>
          <Form.Item
            name="memberCount"
            label={t('fields.memberCount')}
            rules={[{ required: true, message: c('form.required', { label: t('fields.memberCount') }) }, { type: 'integer', min: 1, max: 10_000_000, message: c('form.invalid', { label: t('fields.memberCount') }) }]}
          >
            <InputNumber min={1} max={10_000_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="period"
            label={t('fields.contributionPeriod')}
            rules={[{ required: true, message: c('form.required', { label: t('fields.contributionPeriod') }) }, { pattern: /^\d{4}(-(0[1-9]|1[0-2]))?$/, message: c('form.invalid', { label: t('fields.contributionPeriod') }) }]}
          >
            <Input maxLength={7} placeholder={String(dayjs().year())} />
          </Form.Item>
        </>
      )}
      {action === 'transfer' && (
        <Form.Item
          name="reason"
          label={t('fields.reason')}
          rules={[{ required: true, whitespace: true, message: c('form.required', { label: t('fields.reason') }) }, { max: 500, message: c('form.maxLength', { label: t('fields.reason'), max: 500 }) }]}
        >
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      )}
      {command.formError}
      <Space wrap>
        <Button type="primary" htmlType="submit" loading={command.submitting}>{c('actions.submit')}</Button>
        <Button onClick={onDone}>{c('actions.cancel')}</Button>
      </Space>
    </Form>
  );
}
