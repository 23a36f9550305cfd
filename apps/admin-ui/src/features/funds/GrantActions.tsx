import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Flex, Form, Input, Modal, Radio } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, newIdempotencyKey } from '../../api/client';
import { describeProblem } from '../../api/problem';
import { useMe } from '../../auth/session';
import { useConfirmMoney } from '../../components/confirmMoney';
import { formatMoney, toIsoDate } from '../../components/format';
import { useCommandForm } from '../../components/useCommandForm';
import { aidKeys, DISBURSEMENT_METHODS, waitForGrant, type DisbursementMethod, type Grant, type Written } from './api';
import { recipientName } from './labels';

export type GrantAction = 'approve' | 'reject' | 'disburse' | 'revoke' | 'reverse';

/** What the signed-in role may do to a grant in its status (the API's 403 rules and the grant's lifecycle). */
export function allowedActions(grant: Pick<Grant, 'status'>, role: string): GrantAction[] {
  const casework = role === 'caseworker' || role === 'supervisor';
  const actions: GrantAction[] = [];
  if (grant.status === 'proposed' && role === 'supervisor') actions.push('approve', 'reject');
  if (grant.status === 'granted' && casework) actions.push('disburse');
  if ((grant.status === 'proposed' || grant.status === 'granted') && casework) actions.push('revoke');
  if (grant.status === 'disbursed' && role === 'supervisor') actions.push('reverse');
  return actions;
}

/** One Idempotency-Key per grant and step, kept until the step succeeds, so a retry after a lost answer is not applied twice. */
function useStepKeys() {
  const keys = useRef(new Map<string, string>());
  return {
    get: (step: string) => {
      let key = keys.current.get(step);
      if (!key) keys.current.set(step, (key = newIdempotencyKey()));
      return key;
    },
    done: (step: string) => keys.current.delete(step),
  };
}

function useAfterStep() {
  const queries = useQueryClient();
  return useCallback(async () => {
    await Promise.all([
      queries.invalidateQueries({ queryKey: aidKeys.grants }),
      queries.invalidateQueries({ queryKey: aidKeys.programmes }),
      queries.invalidateQueries({ queryKey: aidKeys.funds }),
    ]);
  }, [queries]);
}

/**
 * The buttons for the steps the signed-in user may take on a grant, and their dialogs. Approving asks to confirm the
 * amount; paying asks for the receipt and then the amount; rejecting, revoking and reversing ask for a reason.
 */
export function GrantActions({
  grant,
  only,
  size,
  inlineError = true,
  onDone,
}: {
  grant: Grant;
  only?: GrantAction[];
  size?: 'small' | 'middle';
  inlineError?: boolean;
  onDone?: (action: GrantAction) => void;
}) {
  const { t } = useTranslation('funds');
  const me = useMe();
  const { message } = App.useApp();
  const confirmMoney = useConfirmMoney();
  const keys = useStepKeys();
  const afterStep = useAfterStep();
  const [open, setOpen] = useState<GrantAction | null>(null);
  const [approving, setApproving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const actions = allowedActions(grant, me.role).filter((action) => !only || only.includes(action));
  const who = recipientName(grant, t);
  const programme = grant.programme.name ?? t(`kinds.${grant.programme.kind}`);
  const fund = grant.fund.name ?? '';

  const finished = async (action: GrantAction, written: Written) => {
    keys.done(action);
    setOpen(null);
    setError(null);
    void message.success(t(`actions.${action === 'approve' ? 'approved' : action === 'reject' ? 'rejected' : action === 'disburse' ? 'disbursed' : action === 'revoke' ? 'revoked' : 'reversed'}`));
    await waitForGrant(grant.id, written.revision);
    await afterStep();
    onDone?.(action);
  };

  const approve = async () => {
    setError(null);
    if (!(await confirmMoney(grant.amountFen, t('actions.approveDetail', { recipient: who, programme, fund })))) return;
    setApproving(true);
    try {
      const written = await api.post<Written>(`/aid-grants/${grant.id}/approval`, {}, { idempotencyKey: keys.get('approve'), ifMatch: grant.revision });
      await finished('approve', written);
    } catch (caught) {
      const text = describeProblem(caught, t);
      setError(text);
      if (!inlineError) void message.error(text);
      await afterStep();
    } finally {
      setApproving(false);
    }
  };

  if (!actions.length) return null;
  const label = { approve: 'approve', reject: 'reject', disburse: 'disburse', revoke: 'revoke', reverse: 'reverse' } as const;
  return (
    <>
      <Flex gap={8} wrap>
        {actions.map((action) => (
          <Button
            key={action}
            size={size}
            type={action === 'approve' || action === 'disburse' ? 'primary' : 'default'}
            danger={action === 'reject' || action === 'reverse'}
            loading={action === 'approve' && approving}
            data-testid={`grant-${action}-${grant.id}`}
            aria-label={size === 'small' ? `${t(`actions.${label[action]}`)} ${who} ${formatMoney(grant.amountFen)}` : undefined}
            onClick={() => (action === 'approve' ? void approve() : setOpen(action))}
          >
            {t(`actions.${label[action]}`)}
          </Button>
        ))}
      </Flex>
      {inlineError && error && <Alert role="alert" type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="grant-action-error" />}
      {open === 'reject' && (
        <ReasonDialog
          grant={grant}
          step="rejection"
          open={open === 'reject'}
          title={t('dialogs.rejectTitle')}
          label={t('dialogs.rejectReason')}
          placeholder={t('dialogs.rejectPlaceholder')}
          okText={t('actions.reject')}
          idempotencyKey={() => keys.get('reject')}
          onClose={() => setOpen(null)}
          onDone={(written) => finished('reject', written)}
        />
      )}
      {open === 'revoke' && (
        <ReasonDialog
          grant={grant}
          step="revocation"
          open={open === 'revoke'}
          title={t('dialogs.revokeTitle')}
          label={t('dialogs.revokeReason')}
          placeholder={t('dialogs.revokePlaceholder')}
          okText={t('actions.revoke')}
          idempotencyKey={() => keys.get('revoke')}
          onClose={() => setOpen(null)}
          onDone={(written) => finished('revoke', written)}
        />
      )}
      {open === 'reverse' && (
        <ReasonDialog
          grant={grant}
          step="reversal"
          open={open === 'reverse'}
          title={t('dialogs.reverseTitle')}
          label={t('dialogs.reverseReason')}
          placeholder={t('dialogs.reversePlaceholder')}
          okText={t('actions.reverse')}
          confirm={() => confirmMoney(grant.amountFen, t('actions.reverseDetail', { amount: formatMoney(grant.amountFen), fund }))}
          idempotencyKey={() => keys.get('reverse')}
          onClose={() => setOpen(null)}
          onDone={(written) => finished('reverse', written)}
        />
      )}
      {open === 'disburse' && (
        <DisburseDialog
          grant={grant}
          open={open === 'disburse'}
          confirm={() => confirmMoney(grant.amountFen, t('actions.disburseDetail', { recipient: who, programme, fund }))}
          idempotencyKey={() => keys.get('disburse')}
          onClose={() => setOpen(null)}
          onDone={(written) => finished('disburse', written)}
        />
      )}
    </>
  );
}

interface DialogProps {
  grant: Grant;
  open: boolean;
  idempotencyKey: () => string;
  confirm?: () => Promise<boolean>;
  onClose: () => void;
  onDone: (written: Written) => Promise<void>;
}

function ReasonDialog({ grant, step, open, title, label, placeholder, okText, idempotencyKey, confirm, onClose, onDone }: DialogProps & {
  step: 'rejection' | 'revocation' | 'reversal';
  title: string;
  label: string;
  placeholder: string;
  okText: string;
}) {
  const { t } = useTranslation('funds');
  const [form] = Form.useForm<{ reason: string }>();
  const command = useCommandForm<{ reason: string }, Written>({
    form,
    draftKey: `aid-${step}-${grant.id}`,
    successMessage: false,
    submit: (values) => api.post<Written>(`/aid-grants/${grant.id}/${step}`, { reason: values.reason.trim() }, { idempotencyKey: idempotencyKey(), ifMatch: grant.revision }),
    onSuccess: onDone,
  });
  const testId = `${step}-dialog`;
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText={t('common:actions.cancel')}
      okButtonProps={{ danger: step !== 'revocation', loading: command.submitting, htmlType: 'submit', form: testId }}
      onCancel={onClose}
      data-testid={testId}
    >
      <Form
        form={form}
        id={testId}
        name={`${step}-${grant.id}`}
        layout="vertical"
        onValuesChange={command.onValuesChange}
        onFinish={async (values) => {
          if (confirm && !(await confirm())) return;
          await command.onFinish(values);
        }}
      >
        <Form.Item
          name="reason"
          label={label}
          rules={[
            { required: true, whitespace: true, message: t('common:form.required', { label }) },
            { max: 500, message: t('common:form.maxLength', { label, max: 500 }) },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={placeholder} />
        </Form.Item>
        {command.formError}
      </Form>
    </Modal>
  );
}

interface DisburseValues {
  method: DisbursementMethod;
  receiptReference: string;
  paidOn: dayjs.Dayjs;
  inKindDescription?: string;
}

function DisburseDialog({ grant, open, idempotencyKey, confirm, onClose, onDone }: DialogProps) {
  const { t } = useTranslation('funds');
  const [form] = Form.useForm<DisburseValues>();
  const method = Form.useWatch('method', form);
  const command = useCommandForm<DisburseValues, Written>({
    form,
    draftKey: `aid-disbursement-${grant.id}`,
    successMessage: false,
    submit: (values) =>
      api.post<Written>(
        `/aid-grants/${grant.id}/disbursement`,
        {
          method: values.method,
          receiptReference: values.receiptReference.trim(),
          paidOn: toIsoDate(values.paidOn),
          inKindDescription: values.method === 'in_kind' ? values.inKindDescription?.trim() : undefined,
        },
        { idempotencyKey: idempotencyKey(), ifMatch: grant.revision },
      ),
    onSuccess: onDone,
  });
  const approvedOn = grant.approval?.on;
  const required = (label: string) => ({ required: true, whitespace: true, message: t('common:form.required', { label }) });
  return (
    <Modal
      open={open}
      title={`${t('dialogs.disburseTitle')} · ${formatMoney(grant.amountFen)}`}
      okText={t('actions.disburse')}
      cancelText={t('common:actions.cancel')}
      okButtonProps={{ loading: command.submitting, htmlType: 'submit', form: 'disbursement-dialog' }}
      onCancel={onClose}
      data-testid="disbursement-dialog"
    >
      <Form
        form={form}
        id="disbursement-dialog"
        name={`disbursement-${grant.id}`}
        layout="vertical"
        initialValues={{ method: 'cash', paidOn: dayjs() }}
        onValuesChange={command.onValuesChange}
        onFinish={async (values) => {
          if (confirm && !(await confirm())) return;
          await command.onFinish(values);
        }}
      >
        <Form.Item name="method" label={t('fields.method')} rules={[{ required: true, message: t('common:form.requiredSelect', { label: t('fields.method') }) }]}>
          <Radio.Group options={DISBURSEMENT_METHODS.map((value) => ({ value, label: t(`methods.${value}`) }))} optionType="button" />
        </Form.Item>
        <Form.Item name="receiptReference" label={t('fields.receipt')} rules={[required(t('fields.receipt')), { max: 100, message: t('common:form.maxLength', { label: t('fields.receipt'), max: 100 }) }]}>
          <Input maxLength={100} placeholder={t('dialogs.receiptPlaceholder')} autoComplete="off" />
        </Form.Item>
        <Form.Item name="paidOn" label={t('fields.paidOn')} rules={[{ required: true, message: t('common:form.requiredSelect', { label: t('fields.paidOn') }) }]}>
          <DatePicker
            style={{ width: '100%' }}
            disabledDate={(day) => day.isAfter(dayjs(), 'day') || (!!approvedOn && day.isBefore(dayjs(approvedOn), 'day'))}
          />
        </Form.Item>
        {method === 'in_kind' && (
          <Form.Item
            name="inKindDescription"
            label={t('fields.inKindDescription')}
            rules={[required(t('fields.inKindDescription')), { max: 500, message: t('common:form.maxLength', { label: t('fields.inKindDescription'), max: 500 }) }]}
          >
            <Input.TextArea rows={2} maxLength={500} placeholder={t('dialogs.inKindPlaceholder')} />
          </Form.Item>
        )}
        {command.formError}
      </Form>
    </Modal>
  );
}
