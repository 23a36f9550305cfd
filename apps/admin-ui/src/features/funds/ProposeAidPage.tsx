import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Flex, Form, Input, InputNumber, Radio, Row, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api, newIdempotencyKey } from '../../api/client';
import { describeProblem } from '../../api/problem';
import { DraftNotice } from '../../components/DraftNotice';
import { useConfirmMoney } from '../../components/confirmMoney';
import { DateText, Money } from '../../components/Money';
import { formatMoney, toIsoDate, yuanToFen } from '../../components/format';
import { usePunctuation } from '../../components/punctuation';
import { Page } from '../../components/Page';
import { UnitSelect } from '../../components/UnitSelect';
import { useCommandForm } from '../../components/useCommandForm';
import type { Fund } from './fund-types';
import {
  aidKeys,
  availableForProgramme,
  HELD_STATUSES,
  programmeState,
  RECIPIENT_KINDS,
  useFileSearch,
  useFund,
  useFunds,
  useGrants,
  useHardshipFile,
  useProgramme,
  useProgrammes,
  type Programme,
  type RecipientKind,
  type Written,
} from './api';
import { today } from './labels';
import { isResidentId } from './residentId';

interface ProposeValues {
  idempotencyKey: string;
  programmeId?: string;
  fundId?: string;
  recipientKind: RecipientKind;
  fileId?: string;
  workerUnitId?: string;
  workerName?: string;
  residentId?: string;
  amountYuan?: number;
  reason?: string;
  admission?: { level?: string; school?: string; admittedOn?: dayjs.Dayjs; studentName?: string };
}

/** The API's field names to this form's fields. */
const FIELD_MAP: Record<string, (string | number)[]> = {
  amountFen: ['amountYuan'],
  fileId: ['fileId'],
  recipient: ['recipientKind'],
  'recipient.kind': ['recipientKind'],
  'recipient.fileId': ['fileId'],
  'recipient.unitId': ['workerUnitId'],
  'recipient.name': ['workerName'],
  'recipient.residentId': ['residentId'],
  admission: ['admission', 'level'],
};

/**
 * A caseworker proposes aid for a household (or a worker without a file, where the programme allows it). The page
 * shows the programme's rules, what the household already holds under it and what the fund can pay; within the
 * unit's threshold the grant is decided at once, above it the proposal waits for a supervisor.
 */
export function ProposeAidPage() {
  const { t } = useTranslation('funds');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const confirmMoney = useConfirmMoney();
  const [params] = useSearchParams();
  const linkedFileId = params.get('hardshipFileId') ?? undefined;
  const [form] = Form.useForm<ProposeValues>();
  const [initialKey] = useState(newIdempotencyKey);

  const programmeId = Form.useWatch('programmeId', form);
  const fundId = Form.useWatch('fundId', form);
  const recipientKind = Form.useWatch('recipientKind', form) ?? 'hardship_file';
  const fileId = Form.useWatch('fileId', form);
  const amountYuan = Form.useWatch('amountYuan', form);

  const programmes = useProgrammes();
  const funds = useFunds();
  const now = today();
  const openProgrammes = useMemo(() => (programmes.data?.items ?? []).filter((p) => programmeState(p, now) === 'open'), [programmes.data, now]);
  const programmeDetail = useProgramme(programmeId);
  const programme = (programmeDetail.data?.id === programmeId ? programmeDetail.data : undefined) ?? (programmes.data?.items ?? []).find((p) => p.id === programmeId);
  const programmeFunds = useMemo(() => (funds.data?.items ?? []).filter((f) => programme && f.unitId === programme.unitId), [funds.data, programme]);
  const fundDetail = useFund(programmeFunds.some((f) => f.id === fundId) ? fundId : undefined);
  const fund = (fundDetail.data?.id === fundId ? fundDetail.data : undefined) ?? programmeFunds.find((f) => f.id === fundId);
  const file = useHardshipFile(recipientKind === 'hardship_file' ? fileId : undefined);
  const [search, setSearch] = useState('');
  const fileSearch = useFileSearch(search);
  const household = useGrants({ fileId, programmeId, page: 1, pageSize: 100 }, recipientKind === 'hardship_file' && !!fileId && !!programmeId);
  const householdReady = recipientKind === 'hardship_file' && !!fileId && !!programmeId && household.isSuccess && !household.isPlaceholderData;
  const held = householdReady ? (household.data?.items ?? []).filter((g) => HELD_STATUSES.includes(g.status)) : [];
  const heldFen = held.reduce((sum, g) => sum + g.amountFen, 0);
  const capLeftFen = programme ? Math.max(0, programme.householdCapFen - heldFen) : undefined;
  const alreadyHelped = !!programme?.oneGrantPerHousehold && held.length > 0;
  const availableFen = fund && programme ? availableForProgramme(fund, programme) : undefined;
  const amountFen = typeof amountYuan === 'number' && amountYuan > 0 ? yuanToFen(amountYuan) : undefined;
  const withinThreshold = programme && amountFen !== undefined ? amountFen <= programme.approvalThresholdFen : undefined;

  const command = useCommandForm<ProposeValues, Written>({
    form,
    draftKey: linkedFileId ? `aid-proposal-${linkedFileId}` : 'aid-proposal',
    fieldMap: FIELD_MAP,
    successMessage: false,
    submit: (values) => {
      const recipient =
        values.recipientKind === 'worker'
          ? { kind: 'worker', unitId: values.workerUnitId, name: values.workerName?.trim(), residentId: values.residentId?.trim().toUpperCase() }
          : { kind: 'hardship_file', fileId: values.fileId };
      const admission =
        programme && programme.eligibility.admissionLevels.length > 0 && values.admission
          ? { ...values.admission, school: values.admission.school?.trim(), studentName: values.admission.studentName?.trim(), admittedOn: toIsoDate(values.admission.admittedOn) }
          : undefined;
      return api.post<Written>(
        '/aid-grants',
        { programmeId: values.programmeId, fundId: values.fundId, recipient, amountFen: yuanToFen(values.amountYuan!), reason: values.reason?.trim(), admission },
        { idempotencyKey: values.idempotencyKey },
      );
    },
    onSuccess: (written) => {
      void message.success(t(written.status === 'granted' ? 'propose.resultGranted' : 'propose.resultProposed'), 6);
      void queries.invalidateQueries({ queryKey: aidKeys.grants });
      void queries.invalidateQueries({ queryKey: aidKeys.programmes });
      void queries.invalidateQueries({ queryKey: aidKeys.funds });
      navigate(`/aid-grants/${written.id}`, { state: { proposedStatus: written.status } });
    },
  });

  // The hardship-file page links here with ?hardshipFileId=: that household is the recipient, whatever a draft said.
  useEffect(() => {
    if (linkedFileId) form.setFieldsValue({ recipientKind: 'hardship_file', fileId: linkedFileId });
  }, [linkedFileId, form]);

  // The fund must be one of the programme's unit: drop another, and take the only one there is.
  useEffect(() => {
    if (!programme || !funds.data) return;
    const current = form.getFieldValue('fundId');
    if (current && programmeFunds.some((f) => f.id === current)) return;
    form.setFieldValue('fundId', programmeFunds.length === 1 ? programmeFunds[0].id : undefined);
  }, [programme, funds.data, programmeFunds, form]);

  // A programme only for households on the register takes no worker without a file.
  useEffect(() => {
    if (programme && !programme.eligibility.recipients.includes('worker') && form.getFieldValue('recipientKind') === 'worker') {
      form.setFieldValue('recipientKind', 'hardship_file');
    }
  }, [programme, form]);

  const onFinish = async (values: ProposeValues) => {
    const fen = yuanToFen(values.amountYuan!);
    const recipient = values.recipientKind === 'worker' ? values.workerName?.trim() ?? '' : file.data?.name ?? '';
    const rule = programme && fen <= programme.approvalThresholdFen ? t('propose.withinThreshold') : t('propose.aboveThreshold');
    if (!(await confirmMoney(fen, t('propose.confirmDetail', { recipient, programme: programme?.name ?? '', rule })))) return;
    await command.onFinish(values);
  };

  const fileOptions = useMemo(() => {
    const found = (fileSearch.data?.items ?? []).map((f) => ({ value: f.id, label: `${f.name ?? '—'}${t('paren', { text: `${f.unitName ?? ''}${t('listSep')}${t(`tiers.${f.tier}`)}` })}` }));
    if (file.data && !found.some((o) => o.value === file.data.id)) {
      found.unshift({ value: file.data.id, label: `${file.data.name ?? '—'}${t('paren', { text: `${file.data.unitName ?? ''}${t('listSep')}${t(`tiers.${file.data.tier}`)}` })}` });
    }
    return found;
  }, [fileSearch.data, file.data, t]);

  // A `whitespace` key makes the validator treat the value as a string: only text inputs get it, never selects, numbers or dates.
  const required = (label: string, select = false) =>
    select ? { required: true, message: t('common:form.requiredSelect', { label }) } : { required: true, whitespace: true, message: t('common:form.required', { label }) };
  const fileProblem = file.isError
    ? describeProblem(file.error, t)
    : file.data && file.data.status !== 'open'
      ? t('propose.fileClosed')
      : file.data && programme && programme.eligibility.tiers.length > 0 && !programme.eligibility.tiers.includes(file.data.tier)
        ? t('propose.notEligibleTier')
        : null;

  return (
    <Page title={t('propose.title')} back={{ to: '/aid-grants', label: t('grants.title') }}>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card>
            <DraftNotice command={command} />
            <Form<ProposeValues>
              form={form}
              layout="vertical"
              initialValues={{ idempotencyKey: initialKey, recipientKind: 'hardship_file', fileId: linkedFileId }}
              onValuesChange={command.onValuesChange}
              onFinish={onFinish}
              scrollToFirstError
            >
              <Form.Item name="idempotencyKey" hidden>
                <Input />
              </Form.Item>
              <Form.Item name="programmeId" label={t('fields.programme')} rules={[required(t('fields.programme'), true)]}>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={t('propose.programmePlaceholder')}
                  loading={programmes.isPending}
                  options={openProgrammes.map((p) => ({ value: p.id, label: `${p.name}${t('paren', { text: p.unitName ?? '' })}` }))}
                />
              </Form.Item>
              <Form.Item
                name="fundId"
                label={t('fields.fund')}
                rules={[required(t('fields.fund'), true)]}
                extra={programme && funds.isSuccess && programmeFunds.length === 0 ? t('propose.noFunds') : undefined}
              >
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={programme ? t('propose.fundPlaceholder') : t('propose.chooseProgrammeFirst')}
                  disabled={!programme}
                  loading={funds.isPending}
                  options={programmeFunds.map((f) => ({
                    value: f.id,
                    label: `${f.name}${t('paren', { text: `${t('propose.fundAvailable')} ${formatMoney(programme ? availableForProgramme(f, programme) : f.availableFen)}` })}`,
                  }))}
                />
              </Form.Item>
              {!linkedFileId && programme?.eligibility.recipients.includes('worker') && (
                <Form.Item name="recipientKind" label={t('fields.recipientKind')}>
                  <Radio.Group
                    optionType="button"
                    options={RECIPIENT_KINDS.filter((kind) => programme.eligibility.recipients.includes(kind)).map((kind) => ({ value: kind, label: t(`recipientKinds.${kind}`) }))}
                  />
                </Form.Item>
              )}
              {recipientKind === 'hardship_file' ? (
                <Form.Item
                  name="fileId"
                  label={t('fields.file')}
                  rules={[required(t('fields.file'), true), { validator: () => (fileProblem ? Promise.reject(new Error(fileProblem)) : Promise.resolve()) }]}
                  validateStatus={fileProblem ? 'error' : undefined}
                  help={fileProblem ?? undefined}
                >
                  <Select
                    showSearch={{ filterOption: false, onSearch: setSearch }}
                    placeholder={t('propose.filePlaceholder')}
                    disabled={!!linkedFileId}
                    loading={fileSearch.isFetching}
                    options={fileOptions}
                  />
                </Form.Item>
              ) : (
                <>
                  <Form.Item name="workerUnitId" label={t('fields.workerUnit')} rules={[required(t('fields.workerUnit'), true)]}>
                    <UnitSelect />
                  </Form.Item>
                  <Row gutter={12}>
                    <Col xs={24} sm={10}>
                      <Form.Item name="workerName" label={t('fields.workerName')} rules={[required(t('fields.workerName')), { max: 50, message: t('common:form.maxLength', { label: t('fields.workerName'), max: 50 }) }]}>
                        <Input maxLength={50} autoComplete="off" />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={14}>
                      <Form.Item
                        name="residentId"
                        label={t('fields.residentId')}
                        rules={[
                          required(t('fields.residentId')),
                          { validator: (_, value: string | undefined) => (!value || isResidentId(value) ? Promise.resolve() : Promise.reject(new Error(t('common:form.invalid', { label: t('fields.residentId') })))) },
                        ]}
                      >
                        <Input maxLength={18} autoComplete="off" />
                      </Form.Item>
                    </Col>
                  </Row>
                </>
              )}
              <Form.Item
                name="amountYuan"
                label={t('fields.amountYuan')}
                extra={withinThreshold === undefined ? undefined : withinThreshold ? t('propose.withinThreshold') : t('propose.aboveThreshold')}
                rules={[
                  { required: true, message: t('common:form.required', { label: t('fields.amountYuan') }) },
                  { type: 'number', min: 0.01, message: t('common:form.min', { label: t('fields.amountYuan'), min: '0.01' }) },
                  {
                    validator: (_, value: number | undefined) => {
                      if (typeof value !== 'number' || value <= 0) return Promise.resolve();
                      const fen = yuanToFen(value);
                      if (capLeftFen !== undefined && householdReady && fen > capLeftFen) return Promise.reject(new Error(t('propose.overCap', { amount: formatMoney(capLeftFen) })));
                      if (availableFen !== undefined && fen > availableFen) return Promise.reject(new Error(t('propose.overAvailable', { amount: formatMoney(availableFen) })));
                      return Promise.resolve();
                    },
                  },
                ]}
              >
                <InputNumber<number> min={0} max={100_000_000_000} precision={2} step={100} style={{ width: '100%' }} suffix={t('common:money.yuan')} />
              </Form.Item>
              <Form.Item name="reason" label={t('fields.reason')} rules={[required(t('fields.reason')), { max: 2000, message: t('common:form.maxLength', { label: t('fields.reason'), max: 2000 }) }]}>
                <Input.TextArea rows={3} maxLength={2000} showCount placeholder={t('propose.reasonPlaceholder')} />
              </Form.Item>
              {programme && programme.eligibility.admissionLevels.length > 0 && (
                <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
                  <Typography.Title level={5} component="legend">
                    {t('fields.admission')}
                  </Typography.Title>
                  <Row gutter={12}>
                    <Col xs={24} sm={12}>
                      <Form.Item name={['admission', 'level']} label={t('fields.admissionLevel')} rules={[required(t('fields.admissionLevel'), true)]}>
                        <Select showSearch={{ optionFilterProp: 'label' }} options={programme.eligibility.admissionLevels.map((level) => ({ value: level, label: t(`admissionLevels.${level}`) }))} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={12}>
                      <Form.Item name={['admission', 'admittedOn']} label={t('fields.admittedOn')} rules={[required(t('fields.admittedOn'), true)]}>
                        <DatePicker style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={12}>
                      <Form.Item name={['admission', 'school']} label={t('fields.school')} rules={[required(t('fields.school')), { max: 100 }]}>
                        <Input maxLength={100} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={12}>
                      <Form.Item name={['admission', 'studentName']} label={t('fields.studentName')} rules={[required(t('fields.studentName')), { max: 50 }]}>
                        <Input maxLength={50} autoComplete="off" />
                      </Form.Item>
                    </Col>
                  </Row>
                </fieldset>
              )}
              {alreadyHelped && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('propose.alreadyHelped')} />}
              {command.formError}
              <Flex gap={8} wrap>
                <Button type="primary" htmlType="submit" loading={command.submitting}>
                  {t('propose.submit')}
                </Button>
                <Button onClick={() => navigate(-1)}>{t('common:actions.cancel')}</Button>
              </Flex>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            {recipientKind === 'hardship_file' && fileId && (
              <Card title={t('propose.fileInfo')} size="small" data-testid="propose-file">
                {file.isError ? (
                  <Alert type="error" showIcon title={describeProblem(file.error, t)} />
                ) : (
                  <Descriptions
                    size="small"
                    column={1}
                    items={[
                      { key: 'name', label: t('fields.recipient'), children: file.data?.name ?? '—' },
                      { key: 'id', label: t('fields.residentId'), children: file.data?.residentIdMasked ?? '—' },
                      { key: 'unit', label: t('fields.unit'), children: file.data?.unitName ?? '—' },
                      { key: 'tier', label: t('propose.fileTier'), children: file.data ? t(`tiers.${file.data.tier}`) : '—' },
                      {
                        key: 'status',
                        label: t('propose.fileStatus'),
                        children: file.data ? <Tag color={file.data.status === 'open' ? 'green' : 'default'}>{t(`fileStatus.${file.data.status}`)}</Tag> : '—',
                      },
                      ...(programme && householdReady
                        ? [
                            { key: 'held', label: t('propose.householdHeld'), children: <Money fen={heldFen} /> },
                            { key: 'left', label: t('propose.householdLeft'), children: <Money fen={capLeftFen} /> },
                          ]
                        : []),
                    ]}
                  />
                )}
              </Card>
            )}
            {programme && <ProgrammeRules programme={programme} />}
            {fund && programme && <FundCard fund={fund} programme={programme} />}
          </Space>
        </Col>
      </Row>
    </Page>
  );
}

function ProgrammeRules({ programme }: { programme: Programme }) {
  const { t } = useTranslation('funds');
  const punct = usePunctuation();
  const { eligibility } = programme;
  return (
    <Card title={t('propose.rules')} size="small" data-testid="programme-rules">
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'kind', label: t('programmes.kind'), children: t(`kinds.${programme.kind}`) },
          { key: 'unit', label: t('programmes.unit'), children: programme.unitName },
          {
            key: 'period',
            label: t('propose.period'),
            children: (
              <span>
                <DateText value={programme.opensOn} /> – <DateText value={programme.closesOn} />
              </span>
            ),
          },
          { key: 'cap', label: t('propose.cap'), children: <Money fen={programme.householdCapFen} /> },
          { key: 'one', label: t('propose.oneGrant'), children: programme.oneGrantPerHousehold ? t('propose.yes') : t('propose.no') },
          { key: 'recipients', label: t('propose.eligibleRecipients'), children: punct.list(eligibility.recipients.map((kind) => t(`recipientKinds.${kind}`))) },
          { key: 'tiers', label: t('propose.eligibleTiers'), children: eligibility.tiers.length ? punct.list(eligibility.tiers.map((tier) => t(`tiers.${tier}`))) : t('propose.anyTier') },
          {
            key: 'admission',
            label: t('propose.admissionRequired'),
            children: eligibility.admissionLevels.length ? punct.list(eligibility.admissionLevels.map((level) => t(`admissionLevels.${level}`))) : t('propose.noAdmission'),
          },
          {
            key: 'threshold',
            label: t('fields.threshold'),
            children: programme.approvalThresholdFen > 0 ? t('propose.thresholdRule', { amount: formatMoney(programme.approvalThresholdFen) }) : t('propose.thresholdZero'),
          },
        ]}
      />
    </Card>
  );
}

function FundCard({ fund, programme }: { fund: Fund; programme: Programme }) {
  const { t } = useTranslation('funds');
  return (
    <Card title={fund.name} size="small" data-testid="fund-balance">
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'source', label: t('fields.fundShort'), children: t(`sources.${fund.source}`) },
          { key: 'balance', label: t('propose.fundBalance'), children: <Money fen={fund.balanceFen} /> },
          { key: 'reserved', label: t('propose.fundReserved'), children: <Money fen={fund.reservedFen} /> },
          { key: 'available', label: t('propose.fundAvailable'), children: <Money fen={fund.availableFen} /> },
          { key: 'forProgramme', label: t('propose.fundAvailableForProgramme'), children: <strong><Money fen={availableForProgramme(fund, programme)} /></strong> },
        ]}
      />
    </Card>
  );
}
