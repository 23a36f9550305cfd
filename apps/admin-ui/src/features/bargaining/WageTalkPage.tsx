import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Descriptions, Form, Input, InputNumber, Radio, Row, Select, Space, Steps, Tabs, Tag, Timeline, Typography, Grid } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, api, type Paged } from '../../api/client';
import { useMe } from '../../auth/session';
import { DraftNotice } from '../../components/DraftNotice';
import { DateText, Money } from '../../components/Money';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/QueryView';
import { formatBasisPoints, formatDate, formatDateTime, formatMoney, toIsoDate, yuanToFen } from '../../components/format';
import { useCommandForm } from '../../components/useCommandForm';
import { useKnownRevision } from '../../components/readModel';
import { usePunctuation } from '../../components/punctuation';
import type { Union } from '../organizing/api';
import { TALKS_TOPICS, useWageTalks, type WageTalksDetail } from './api';
import { canWrite } from './WageTalksPage';
import { NextStep, StatusTag } from './shared';

export function WageTalkPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('bargaining');
  const query = useWageTalks(id);
  const first = query.data?.coveredEnterprises[0]?.name;
  const more = (query.data?.coveredEnterprises.length ?? 0) - 1;
  const title = first ? `${t('detail.title')} · ${first}${more > 0 ? ` ${t('list.more', { count: more })}` : ''}` : t('detail.title');
  return (
    <Page title={title} back={{ to: '/wage-talks', label: t('list.title') }}>
      <QueryView query={query}>{(talks) => <TalksView talks={talks} />}</QueryView>
    </Page>
  );
}

/** The chain as steps: where the talks stand, which step failed or is late. */
function Chain({ talks }: { talks: WageTalksDetail }) {
  const { t } = useTranslation('bargaining');
  const screens = Grid.useBreakpoint();
  const a = talks.agreement;
  const dates: (string | null | undefined)[] = [
    talks.offerDate,
    talks.employerResponse?.decision === 'accepted' ? talks.employerResponse.respondedOn : null,
    talks.roundsHeld ? talks.steps.filter((s) => s.type === 'NegotiationRoundHeld').at(-1)?.on : null,
    a?.signedOn,
    a?.adoptedOn,
    a?.filedOn,
    a?.approvedOn ?? (talks.effectiveOn ? talks.effectiveOn : null),
    talks.effectiveOn,
  ];
  const byStatus: Record<string, number> = {
    offered: 1,
    response_overdue: 1,
    refused: 1,
    rectification_issued: 1,
    accepted: 2,
    negotiating: 2,
    agreed: 4,
    adopted: 5,
    filed: 6,
    effective: 8,
    expired: 8,
  };
  let current = byStatus[talks.status] ?? 0;
  if (talks.status === 'negotiating' && a && !a.adoptedOn && talks.roundsHeld) current = 3;
  if (talks.status === 'withdrawn') current = Math.max(1, dates.findIndex((d, i) => i > 0 && !d));
  const failed = ['response_overdue', 'refused', 'rectification_issued', 'withdrawn'].includes(talks.status);
  const keys = ['offer', 'response', 'negotiation', 'agreement', 'adoption', 'filing', 'review', 'effective'];
  return (
    <Steps
      size="small"
      orientation={screens.md ? 'horizontal' : 'vertical'}
      titlePlacement={screens.md ? 'vertical' : 'horizontal'}
      current={Math.min(current, 7)}
      status={current >= 8 ? 'finish' : failed ? 'error' : 'process'}
      items={keys.map((key, i) => ({
        title: t(`chain.${key}`),
        content: i < current && dates[i] ? formatDate(dates[i]) : i === current && failed ? t(`status.${talks.status}`) : undefined,
      }))}
    />
  );
}

function TalksView({ talks }: { talks: WageTalksDetail }) {
  const { t } = useTranslation('bargaining');
  const punct = usePunctuation();
  const me = useMe();
  const a = talks.agreement;
  const deadline = talks.nextDeadline;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24}>
        <Card title={t('detail.chain')} size="small">
          <Chain talks={talks} />
          <div style={{ marginTop: 16 }} data-testid="talks-deadline">
            <Space wrap>
              <Typography.Text strong>{t('detail.deadline')}</Typography.Text>
              {deadline ? (
                <>
                  <NextStep deadline={deadline} />
                  {deadline.dueOn ? <Typography.Text>{t('detail.dueOn', { date: formatDate(deadline.dueOn) })}</Typography.Text> : <Typography.Text type="secondary">{t('detail.noLegalPeriod')}</Typography.Text>}
                  {deadline.overdue && <Tag color="red">{t('overdueTag')}</Tag>}
                </>
              ) : (
                <Typography.Text type="secondary">{t('detail.noDeadline')}</Typography.Text>
              )}
            </Space>
          </div>
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card title={t('detail.overview')} size="small">
            <Descriptions
              column={{ xs: 1, sm: 1, md: 2 }}
              size="small"
              items={[
                { key: 'status', label: t('list.stage'), children: <StatusTag status={talks.status} /> },
                { key: 'scope', label: t('list.scope'), children: t(`scope.${talks.scope}`, { defaultValue: talks.scope }) },
                {
                  key: 'ents',
                  label: t('list.enterprises'),
                  span: 'filled',
                  children: (
                    <Space wrap>
                      {talks.coveredEnterprises.map((e) => (
                        <Link key={e.id} to={`/enterprises/${e.id}`}>
                          {e.name ?? e.id}
                        </Link>
                      ))}
                    </Space>
                  ),
                },
                { key: 'union', label: t('list.union'), children: <Link to={`/unions/${talks.initiatingUnionId}`}>{talks.initiatingUnionName ?? '—'}</Link> },
                { key: 'unit', label: t('list.unit'), children: talks.unitName ?? '—' },
                { key: 'offer', label: t('list.offerDate'), children: <DateText value={talks.offerDate} /> },
                { key: 'topics', label: t('openForm.topics'), children: <Space wrap size={4}>{talks.topics.map((x) => <Tag key={x}>{t(`topic.${x}`, { defaultValue: x })}</Tag>)}</Space> },
                ...(talks.employerResponse
                  ? [{ key: 'resp', label: t('detail.employerResponse'), children: <span>{t(`decision.${talks.employerResponse.decision}`)}{punct.open}<DateText value={talks.employerResponse.respondedOn} />{punct.close}</span> }]
                  : []),
                ...(talks.rectification
                  ? [{ key: 'rect', label: t('detail.rectification'), children: <span><DateText value={talks.rectification.issuedOn} />{talks.rectification.respondBy && <>{punct.semicolon}{t('detail.respondBy')} <DateText value={talks.rectification.respondBy} /></>}</span> }]
                  : []),
                { key: 'rounds', label: t('detail.roundsHeld'), children: talks.roundsHeld },
                ...(talks.effectiveOn ? [{ key: 'eff', label: t('detail.effectiveOn'), children: <DateText value={talks.effectiveOn} /> }] : []),
                ...(talks.expiresOn ? [{ key: 'exp', label: t('detail.expiresOn'), children: <DateText value={talks.expiresOn} /> }] : []),
                ...(talks.withdrawnOn ? [{ key: 'wd', label: t('detail.withdrawnOn'), children: <DateText value={talks.withdrawnOn} /> }] : []),
                ...(talks.renewsTalksId ? [{ key: 'renews', label: t('detail.renewsTalks'), children: <Link to={`/wage-talks/${talks.renewsTalksId}`}>{t('list.view')}</Link> }] : []),
                ...(talks.renewedByTalksId ? [{ key: 'renewed', label: t('detail.renewedBy'), children: <Link to={`/wage-talks/${talks.renewedByTalksId}`}>{t('list.view')}</Link> }] : []),
              ]}
            />
          </Card>
          {a && (
            <Card title={t('detail.agreement')} size="small">
              <Descriptions
                column={{ xs: 1, sm: 1, md: 2 }}
                size="small"
                items={[
                  { key: 'signed', label: t('detail.signedOn'), children: <DateText value={a.signedOn} /> },
                  { key: 'term', label: t('detail.termYears'), children: t('detail.years', { count: a.termYears }) },
                  { key: 'growth', label: t('detail.wageGrowth'), children: formatBasisPoints(a.wageGrowthBasisPoints) },
                  { key: 'min', label: t('detail.minimumWage'), children: a.minimumMonthlyWageFen === null ? '—' : <Money fen={a.minimumMonthlyWageFen} /> },
                  { key: 'adopted', label: t('detail.adoptedOn'), children: <DateText value={a.adoptedOn} /> },
                  { key: 'filed', label: t('detail.filedOn'), children: <DateText value={a.filedOn} /> },
                  { key: 'bureau', label: t('detail.bureau'), children: a.bureau ?? '—' },
                  { key: 'approved', label: t('detail.approvedOn'), children: <DateText value={a.approvedOn} /> },
                  ...(a.otherTerms ? [{ key: 'other', label: t('detail.otherTerms'), span: 'filled' as const, children: a.otherTerms }] : []),
                ]}
              />
            </Card>
          )}
          {canWrite(me.role) && <NextActions talks={talks} />}
        </Space>
      </Col>
      <Col xs={24} lg={10}>
        <Card title={t('detail.history')} size="small">
          <StepsHistory talks={talks} />
        </Card>
      </Col>
    </Row>
  );
}

function StepsHistory({ talks }: { talks: WageTalksDetail }) {
  const { t, i18n } = useTranslation('bargaining');
  const punct = usePunctuation();
  if (!talks.steps.length) return <Typography.Text type="secondary">{t('history.empty')}</Typography.Text>;
  const { colon } = punct;
  const summary = (type: string, d: Record<string, unknown>): ReactNode => {
    const s = (k: string) => (d[k] === undefined || d[k] === null ? '' : String(d[k]));
    switch (type) {
      case 'WageTalksOpened':
        return punct.list((Array.isArray(d.topics) ? d.topics : []).map((x) => t(`topic.${String(x)}`)));
      case 'EmployerResponded':
        return [t(`decision.${s('decision')}`), s('note')].filter(Boolean).join(colon);
      case 'RectificationOpinionIssued':
        return `${s('issuedBy')}${colon}${s('opinion')}`;
      case 'NegotiationRoundHeld':
        return `${t('history.round', { round: s('round') })}${colon}${s('summary')}`;
      case 'AgreementSigned':
        return [
          t('detail.years', { count: Number(d.termYears) }),
          d.wageGrowthBasisPoints != null ? `${t('detail.wageGrowth')} ${formatBasisPoints(Number(d.wageGrowthBasisPoints))}` : '',
          d.minimumMonthlyWageFen != null ? `${t('detail.minimumWage')} ${formatMoney(Number(d.minimumMonthlyWageFen), i18n.language)}` : '',
        ]
          .filter(Boolean)
          .join(punct.comma);
      case 'AgreementAdopted':
        return t('history.votes', { present: s('delegatesPresent'), votes: s('votesFor') });
      case 'AgreementFiled':
        return s('bureau');
      case 'AgreementObjected':
      case 'WageTalksWithdrawn':
        return s('reason');
      default:
        return null;
    }
  };
  return (
    <Timeline
      items={talks.steps.map((step) => ({
        key: step.revision,
        color: step.type === 'AgreementObjected' || step.type === 'WageTalksWithdrawn' || (step.type === 'EmployerResponded' && step.data.decision === 'refused') ? 'red' : step.type === 'AgreementApproved' ? 'green' : 'blue',
        content: (
          <div>
            <Typography.Text type="secondary"><DateText value={step.on} /></Typography.Text>{' '}
            <Typography.Text strong>{t(`history.${step.type}`, { defaultValue: step.type })}</Typography.Text>
            <div>{summary(step.type, step.data)}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('history.recorded', { at: formatDateTime(step.recordedAt, i18n.language) })}
            </Typography.Text>
          </div>
        ),
      }))}
    />
  );
}

type StepKey = 'employerResponse' | 'rectification' | 'round' | 'agreement' | 'adoption' | 'filing' | 'approval' | 'objection' | 'withdrawal' | 'renewal';

/** The steps the API accepts at today's status (the deciders' rules). */
function validSteps(talks: WageTalksDetail): StepKey[] {
  const s = talks.status;
  const steps: StepKey[] = [];
  if (['offered', 'response_overdue', 'rectification_issued'].includes(s)) steps.push('employerResponse');
  if (['refused', 'response_overdue', 'rectification_issued'].includes(s)) steps.push('rectification');
  if (['accepted', 'negotiating'].includes(s)) steps.push('round');
  if (s === 'negotiating') steps.push('agreement');
  if (s === 'agreed') steps.push('adoption');
  if (s === 'adopted') steps.push('filing');
  if (s === 'filed') steps.push('approval', 'objection');
  if (s === 'effective' && !talks.renewedByTalksId) steps.push('renewal');
  if (!['effective', 'expired', 'withdrawn'].includes(s)) steps.push('withdrawal');
  return steps;
}

function NextActions({ talks }: { talks: WageTalksDetail }) {
  const { t } = useTranslation('bargaining');
  const steps = validSteps(talks);
  const [ifMatch, onSent] = useKnownRevision(talks.revision);
  const lastStepOn = talks.steps.reduce((last, step) => (step.on > last ? step.on : last), talks.offerDate);
  const props = { talks, ifMatch, lastStepOn, onSent };
  return (
    <Card title={t('detail.nextActions')} size="small" data-testid="next-actions">
      {steps.length ? (
        <Tabs
          key={talks.status}
          items={steps.map((key) => ({
            key,
            label: t(`steps.${key}`),
            children: key === 'renewal' ? <RenewalForm talks={talks} lastStepOn={lastStepOn} /> : <StepForm step={key} {...props} />,
          }))}
        />
      ) : (
        <Typography.Text type="secondary">{t('detail.noActions')}</Typography.Text>
      )}
    </Card>
  );
}

const STEP_PATHS: Record<Exclude<StepKey, 'renewal'>, string> = {
  employerResponse: 'employer-response',
  rectification: 'rectification-opinions',
  round: 'rounds',
  agreement: 'agreement',
  adoption: 'adoption',
  filing: 'filing',
  approval: 'bureau-approval',
  objection: 'bureau-objection',
  withdrawal: 'withdrawal',
};
const DATE_FIELDS: Record<Exclude<StepKey, 'renewal'>, string> = {
  employerResponse: 'respondedOn',
  rectification: 'issuedOn',
  round: 'heldOn',
  agreement: 'signedOn',
  adoption: 'adoptedOn',
  filing: 'filedOn',
  approval: 'approvedOn',
  objection: 'objectedOn',
  withdrawal: 'withdrawnOn',
};

type StepValues = Record<string, unknown>;

function StepForm({ step, talks, ifMatch, lastStepOn, onSent }: { step: Exclude<StepKey, 'renewal'>; talks: WageTalksDetail; ifMatch: number; lastStepOn: string; onSent: (revision: number) => void }) {
  const { t } = useTranslation('bargaining');
  const { modal } = App.useApp();
  const queries = useQueryClient();
  const [form] = Form.useForm<StepValues>();
  const dateField = DATE_FIELDS[step];
  const f = (key: string) => t(`fields.${key}`);

  const toBody = (v: StepValues): Record<string, unknown> => {
    const date = (k: string) => toIsoDate(v[k] as Dayjs | undefined);
    const text = (k: string) => (typeof v[k] === 'string' ? (v[k] as string).trim() : undefined);
    switch (step) {
      case 'employerResponse':
        return { decision: v.decision, respondedOn: date('respondedOn'), ...(text('note') ? { note: text('note') } : {}) };
      case 'rectification':
        return { issuedOn: date('issuedOn'), issuedBy: text('issuedBy'), opinion: text('opinion'), ...(v.respondBy ? { respondBy: date('respondBy') } : {}) };
      case 'round':
        return { heldOn: date('heldOn'), summary: text('summary') };
      case 'agreement':
        return {
          signedOn: date('signedOn'),
          termYears: v.termYears,
          ...(v.wageGrowthPercent != null ? { wageGrowthBasisPoints: Math.round(Number(v.wageGrowthPercent) * 100) } : {}),
          ...(v.minimumWageYuan != null ? { minimumMonthlyWageFen: yuanToFen(v.minimumWageYuan as number) } : {}),
          ...(text('otherTerms') ? { otherTerms: text('otherTerms') } : {}),
        };
      case 'adoption':
        return { adoptedOn: date('adoptedOn'), delegatesPresent: v.delegatesPresent, votesFor: v.votesFor };
      case 'filing':
        return { filedOn: date('filedOn'), bureau: text('bureau') };
      case 'approval':
        return { approvedOn: date('approvedOn') };
      case 'objection':
        return { objectedOn: date('objectedOn'), reason: text('reason') };
      case 'withdrawal':
        return { withdrawnOn: date('withdrawnOn'), reason: text('reason') };
    }
  };

  const command = useCommandForm<StepValues, { revision: number }>({
    form,
    draftKey: `bargaining.${talks.id}.${step}`,
    successMessage: t('detail.stepSaved'),
    fieldMap: { wageGrowthBasisPoints: ['wageGrowthPercent'], minimumMonthlyWageFen: ['minimumWageYuan'] },
    submit: async (values) => {
      try {
        return await api.post<{ revision: number }>(`/wage-talks/${talks.id}/${STEP_PATHS[step]}`, toBody(values), { ifMatch });
      } catch (error) {
        if (error instanceof ApiError && error.status === 412) void queries.invalidateQueries({ queryKey: ['wage-talks', 'one', talks.id] });
        throw error;
      }
    },
    onSuccess: (result) => {
      onSent(result.revision);
      void queries.invalidateQueries({ queryKey: ['wage-talks'] });
    },
  });

  const notFuture = { validator: (_: unknown, v: Dayjs | undefined) => (v && v.isAfter(dayjs(), 'day') ? Promise.reject(new Error(f('inFuture'))) : Promise.resolve()) };
  const notBefore = {
    validator: (_: unknown, v: Dayjs | undefined) =>
      v && v.format('YYYY-MM-DD') < lastStepOn ? Promise.reject(new Error(t('fields.beforePrevious', { date: formatDate(lastStepOn) }))) : Promise.resolve(),
  };
  const required = (key: string) => ({ required: true, whitespace: true, message: t('common:form.required', { label: f(key) }) });
  const requiredSelect = (key: string) => ({ required: true, message: t('common:form.requiredSelect', { label: f(key) }) });
  const maxLen = (key: string, max: number) => ({ max, message: t('common:form.maxLength', { label: f(key), max }) });
  const dateItem = (key: string) => (
    <Form.Item name={key} label={f(key)} rules={[requiredSelect(key), notFuture, notBefore]}>
      <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.format('YYYY-MM-DD') < lastStepOn} />
    </Form.Item>
  );
  const textArea = (key: string, max: number, isRequired = true, label = key) => (
    <Form.Item name={key} label={f(label)} rules={[...(isRequired ? [required(label)] : []), maxLen(label, max)]}>
      <Input.TextArea rows={3} maxLength={max} showCount />
    </Form.Item>
  );
  const a = talks.agreement;

  let fields: ReactNode;
  switch (step) {
    case 'employerResponse':
      fields = (
        <>
          <Form.Item name="decision" label={f('decision')} rules={[requiredSelect('decision')]}>
            <Radio.Group options={['accepted', 'refused'].map((d) => ({ value: d, label: t(`decision.${d}`) }))} />
          </Form.Item>
          {dateItem('respondedOn')}
          {textArea('note', 2000, false)}
        </>
      );
      break;
    case 'rectification':
      fields = (
        <>
          {dateItem('issuedOn')}
          <Form.Item name="issuedBy" label={f('issuedBy')} rules={[required('issuedBy'), maxLen('issuedBy', 200)]}>
            <Input maxLength={200} />
          </Form.Item>
          {textArea('opinion', 2000)}
          <Form.Item
            name="respondBy"
            label={t('common:form.optionalLabel', { label: f('respondBy') })}
            dependencies={['issuedOn']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, v: Dayjs | undefined) => {
                  const issued = getFieldValue('issuedOn') as Dayjs | undefined;
                  return v && issued && v.isBefore(issued, 'day') ? Promise.reject(new Error(f('respondByBefore'))) : Promise.resolve();
                },
              }),
            ]}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </>
      );
      break;
    case 'round':
      fields = (
        <>
          {dateItem('heldOn')}
          {textArea('summary', 2000)}
        </>
      );
      break;
    case 'agreement':
      fields = (
        <Row gutter={16}>
          <Col xs={24} sm={12}>{dateItem('signedOn')}</Col>
          <Col xs={24} sm={12}>
            <Form.Item name="termYears" label={f('termYears')} rules={[requiredSelect('termYears')]}>
              <Select options={[1, 2, 3].map((n) => ({ value: n, label: t('detail.years', { count: n }) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="wageGrowthPercent" label={t('common:form.optionalLabel', { label: f('wageGrowthPercent') })} rules={[{ type: 'number', min: 0, max: 100, message: t('common:form.max', { label: f('wageGrowthPercent'), max: 100 }) }]}>
              <InputNumber min={0} max={100} precision={2} step={0.5} style={{ width: '100%' }} suffix="%" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="minimumWageYuan" label={t('common:form.optionalLabel', { label: f('minimumWageYuan') })} rules={[{ type: 'number', min: 0, max: 1_000_000, message: t('common:form.money') }]}>
              <InputNumber min={0} max={1_000_000} precision={2} style={{ width: '100%' }} suffix={t('common:money.yuan')} />
            </Form.Item>
          </Col>
          <Col xs={24}>{textArea('otherTerms', 4000, false)}</Col>
        </Row>
      );
      break;
    case 'adoption':
      fields = (
        <Row gutter={16}>
          <Col xs={24}>{dateItem('adoptedOn')}</Col>
          <Col xs={12}>
            <Form.Item name="delegatesPresent" label={f('delegatesPresent')} rules={[requiredSelect('delegatesPresent'), { type: 'integer', min: 1, max: 100_000, message: t('common:form.min', { label: f('delegatesPresent'), min: 1 }) }]}>
              <InputNumber min={1} max={100_000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item
              name="votesFor"
              label={f('votesFor')}
              dependencies={['delegatesPresent']}
              rules={[
                { required: true, message: t('common:form.required', { label: f('votesFor') }) },
                ({ getFieldValue }) => ({
                  validator: (_, v: number | undefined) => {
                    const present = getFieldValue('delegatesPresent') as number | undefined;
                    if (v == null || !present) return Promise.resolve();
                    if (v > present) return Promise.reject(new Error(f('votesExceed')));
                    if (v * 2 <= present) return Promise.reject(new Error(f('notAdopted')));
                    return Promise.resolve();
                  },
                }),
              ]}
            >
              <InputNumber min={0} max={100_000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      );
      break;
    case 'filing':
      fields = (
        <>
          {a && <Alert type="info" showIcon title={t('fields.filingHint', { date: formatDate(dayjs(a.signedOn).add(10, 'day').format('YYYY-MM-DD')) })} style={{ marginBottom: 12 }} />}
          {dateItem('filedOn')}
          <Form.Item name="bureau" label={f('bureau')} rules={[required('bureau'), maxLen('bureau', 200)]}>
            <Input maxLength={200} placeholder="临汾市尧都区人力资源和社会保障局" />
          </Form.Item>
        </>
      );
      break;
    case 'approval':
    case 'objection':
      fields = (
        <>
          {a?.filedOn && <Alert type="info" showIcon title={t('fields.reviewHint', { date: formatDate(dayjs(a.filedOn).add(15, 'day').format('YYYY-MM-DD')) })} style={{ marginBottom: 12 }} />}
          {dateItem(step === 'approval' ? 'approvedOn' : 'objectedOn')}
          {step === 'objection' && textArea('reason', 2000, true, 'objectionReason')}
        </>
      );
      break;
    case 'withdrawal':
      fields = (
        <>
          {dateItem('withdrawnOn')}
          {textArea('reason', 2000, true, 'withdrawalReason')}
        </>
      );
      break;
  }

  return (
    <Form<StepValues>
      form={form}
      layout="vertical"
      aria-label={t(`steps.${step}`)}
      initialValues={{ [dateField]: dayjs().startOf('day') }}
      onFinish={async (values) => {
        if (step === 'withdrawal') {
          const ok = await modal.confirm({ title: t('steps.withdrawal'), content: f('withdrawConfirm'), okButtonProps: { danger: true }, okText: f('withdrawSubmit'), cancelText: t('common:actions.cancel') });
          if (!ok) return;
        }
        await command.onFinish(values);
      }}
      onValuesChange={command.onValuesChange}
    >
      <DraftNotice command={command} />
      {fields}
      {command.formError}
      <Button type="primary" danger={step === 'withdrawal' || step === 'objection'} htmlType="submit" loading={command.submitting}>
        {step === 'withdrawal' ? f('withdrawSubmit') : t('fields.submitStep', { step: t(`steps.${step}`) })}
      </Button>
    </Form>
  );
}

function RenewalForm({ talks, lastStepOn }: { talks: WageTalksDetail; lastStepOn: string }) {
  const { t } = useTranslation('bargaining');
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [form] = Form.useForm<{ requestedOn: Dayjs; initiatingUnionId: string; topics: string[] }>();
  const f = (key: string) => t(`fields.${key}`);
  const unions = useQuery({
    queryKey: ['unions', 'list', { unitId: talks.unitId, pageSize: 100 }],
    queryFn: ({ signal }) => api.get<Paged<Union>>('/unions', { unitId: talks.unitId, page: 1, pageSize: 100 }, signal),
  });
  const command = useCommandForm<{ requestedOn: Dayjs; initiatingUnionId: string; topics: string[] }, { id: string }>({
    form,
    draftKey: `bargaining.${talks.id}.renewal`,
    successMessage: t('detail.renewed'),
    submit: (v) => api.post<{ id: string }>(`/wage-talks/${talks.id}/renewal`, { requestedOn: toIsoDate(v.requestedOn), initiatingUnionId: v.initiatingUnionId, topics: v.topics }),
    onSuccess: (result) => {
      void queries.invalidateQueries({ queryKey: ['wage-talks'] });
      navigate(`/wage-talks/${result.id}`);
    },
  });
  const opensOn = talks.nextDeadline?.opensOn;
  return (
    <Form
      form={form}
      layout="vertical"
      aria-label={t('steps.renewal')}
      initialValues={{ initiatingUnionId: talks.initiatingUnionId, topics: talks.topics, requestedOn: dayjs().startOf('day') }}
      onFinish={command.onFinish}
      onValuesChange={command.onValuesChange}
    >
      {opensOn && talks.expiresOn && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('fields.renewalHint', { from: formatDate(opensOn), to: formatDate(talks.expiresOn) })} />
      )}
      <Form.Item
        name="requestedOn"
        label={f('requestedOn')}
        rules={[
          { required: true, message: t('common:form.requiredSelect', { label: f('requestedOn') }) },
          { validator: (_, v: Dayjs | undefined) => (v && v.isAfter(dayjs(), 'day') ? Promise.reject(new Error(f('inFuture'))) : Promise.resolve()) },
        ]}
      >
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.format('YYYY-MM-DD') < lastStepOn} />
      </Form.Item>
      <Form.Item name="initiatingUnionId" label={f('union')} rules={[{ required: true, message: t('common:form.requiredSelect', { label: f('union') }) }]}>
        <Select loading={unions.isFetching} showSearch={{ optionFilterProp: 'label' }} options={(unions.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))} />
      </Form.Item>
      <Form.Item name="topics" label={f('topics')} rules={[{ required: true, type: 'array', min: 1, message: t('common:form.requiredSelect', { label: f('topics') }) }]}>
        <Checkbox.Group options={TALKS_TOPICS.map((x) => ({ value: x, label: t(`topic.${x}`) }))} />
      </Form.Item>
      {command.formError}
      <Button type="primary" htmlType="submit" loading={command.submitting}>
        {f('renewSubmit')}
      </Button>
    </Form>
  );
}
