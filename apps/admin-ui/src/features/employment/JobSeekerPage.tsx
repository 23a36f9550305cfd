import { useQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, DatePicker, Descriptions, Empty, Form, Input, Radio, Select, Space, Table, Tabs, Tag, Timeline, Typography } from 'antd';
import type dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { useMe } from '../../auth/session';
import { DateText } from '../../components/Money';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/QueryView';
import { formatDateTime, toIsoDate } from '../../components/format';
import { useKnownRevision } from '../../components/readModel';
import { usePunctuation, type Punctuation } from '../../components/punctuation';
import {
  COURSE_TYPES,
  DROP_OUT_REASONS,
  JOB_LOSS_REASONS,
  REFERRAL_OUTCOMES,
  REHIRE_CHANNELS,
  SEEKER_KINDS,
  useFair,
  useFairChoices,
  useRefreshSoon,
  useSeeker,
  type CommandResult,
  type HistoryEntry,
  type JobSeekerDetail,
  type Referral,
  type Training,
} from './api';
import { CommandModal } from './CommandModal';
import { maxLength, notFuture, optionsOf, pastDate, required } from './fields';
import { STATUS_COLORS } from './JobSeekersPage';

type Action =
  | { type: 'enrol' }
  | { type: 'complete'; training: Training }
  | { type: 'dropOut'; training: Training }
  | { type: 'refer' }
  | { type: 'outcome'; referral: Referral }
  | { type: 'rehire' }
  | { type: 'jobLoss' };

const ACTING_ROLES = ['caseworker', 'supervisor'];
const TRAINING_COLORS: Record<string, string> = { enrolled: 'processing', completed: 'success', dropped_out: 'default' };
const REFERRAL_COLORS: Record<string, string> = { open: 'processing', hired: 'success', not_hired: 'default', seeker_declined: 'default', superseded: 'default' };

export function JobSeekerPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('employment');
  const seeker = useSeeker(id);
  const title = seeker.data ? (seeker.data.name ?? t('seekers.erased')) : t('seekers.title');
  return (
    <Page title={title} back={{ to: '/job-seekers', label: t('detail.back') }}>
      <QueryView query={seeker}>{(data) => <SeekerView seeker={data} />}</QueryView>
    </Page>
  );
}

function SeekerView({ seeker }: { seeker: JobSeekerDetail }) {
  const { t } = useTranslation('employment');
  const punct = usePunctuation();
  const me = useMe();
  const refreshSoon = useRefreshSoon();
  const [action, setAction] = useState<Action | null>(null);
  const [revision, sent] = useKnownRevision(seeker.revision);
  const mayAct = ACTING_ROLES.includes(me.role) && !seeker.personalDataErased;
  const rehired = seeker.status === 'rehired';
  const openReferrals = seeker.referrals.filter((r) => r.status === 'open' && r.cycle === seeker.cycle);

  const send = (path: string, body: unknown) => api.post<CommandResult>(`/job-seekers/${seeker.id}${path}`, body, { ifMatch: revision });
  const done = (result: CommandResult) => {
    sent(result.revision);
    refreshSoon();
  };
  const close = () => setAction(null);
  const draft = (name: string) => `employment.seeker.${seeker.id}.${name}`;
  const current = seeker.cycles.find((c) => c.cycle === seeker.cycle);

  return (
    <>
      {mayAct && (
        <Space wrap style={{ marginBottom: 16 }} aria-label={t('common:table.actions')}>
          {!rehired && (
            <>
              <Button type="primary" onClick={() => setAction({ type: 'rehire' })}>
                {t('actions.rehire')}
              </Button>
              <Button onClick={() => setAction({ type: 'enrol' })}>{t('actions.enrol')}</Button>
              <Button onClick={() => setAction({ type: 'refer' })}>{t('actions.refer')}</Button>
            </>
          )}
          {rehired && <Button onClick={() => setAction({ type: 'jobLoss' })}>{t('actions.jobLoss')}</Button>}
        </Space>
      )}
      <Card size="small" title={t('detail.profile')} style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('fields.status')}>
            <Tag color={STATUS_COLORS[seeker.status]}>{t(`statuses.${seeker.status}`)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('fields.kind')}>{t(`kinds.${seeker.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('fields.gender')}>{t(`genders.${seeker.gender}`)}</Descriptions.Item>
          <Descriptions.Item label={t('fields.phone')}>{seeker.phone ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('fields.residentId')}>{seeker.residentId ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('fields.unit')}>{seeker.unitName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('fields.skills')}>{seeker.skills?.length ? seeker.skills.map((s) => <Tag key={s}>{s}</Tag>) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('fields.wantedWork')}>{seeker.wantedWork ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('fields.registeredOn')}>
            <DateText value={seeker.registeredOn} />
          </Descriptions.Item>
          <Descriptions.Item label={t('fields.firstRegisteredOn')}>
            <DateText value={seeker.firstRegisteredOn} />
          </Descriptions.Item>
          <Descriptions.Item label={t('fields.cycle')}>{seeker.cycle}</Descriptions.Item>
          {current?.rehiring && (
            <Descriptions.Item label={t('detail.currentJob')}>
              {current.rehiring.employer} · {current.rehiring.position} · {t(`channels.${current.rehiring.channel}`)} · <DateText value={current.rehiring.startedOn} />
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('fields.notes')} span={{ xs: 1, sm: 1, md: 2 }}>
            {seeker.notes ?? '—'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Tabs
        items={[
          {
            key: 'trainings',
            label: punct.note(t('detail.trainings'), seeker.trainings.length),
            children: (
              <Table<Training>
                rowKey="id"
                size="small"
                dataSource={seeker.trainings}
                pagination={false}
                scroll={{ x: 'max-content' }}
                locale={{ emptyText: <Empty description={t('detail.noTrainings')} /> }}
                columns={[
                  { title: t('training.courseName'), dataIndex: 'courseName' },
                  { title: t('training.courseType'), dataIndex: 'courseType', render: (v: string) => t(`courseTypes.${v}`) },
                  { title: t('training.provider'), dataIndex: 'provider' },
                  {
                    title: t('training.period'),
                    key: 'period',
                    render: (_: unknown, r) => (
                      <>
                        <DateText value={r.startsOn} /> – <DateText value={r.endsOn} />
                      </>
                    ),
                  },
                  { title: t('training.status'), dataIndex: 'status', render: (v: string) => <Tag color={TRAINING_COLORS[v]}>{t(`trainingStatuses.${v}`)}</Tag> },
                  {
                    title: t('training.outcome'),
                    key: 'outcome',
                    render: (_: unknown, r) =>
                      r.status === 'completed' ? (
                        <>
                          <DateText value={r.completedOn} />
                          {r.certified ? ` · ${t('training.certifiedYes')}` : ''}
                        </>
                      ) : r.status === 'dropped_out' ? (
                        <>
                          <DateText value={r.droppedOn} /> · {t(`dropOutReasons.${r.dropOutReason}`)}
                        </>
                      ) : (
                        '—'
                      ),
                  },
                  ...(mayAct
                    ? [
                        {
                          title: t('common:table.actions'),
                          key: 'actions',
                          render: (_: unknown, r: Training) =>
                            r.status === 'enrolled' && !rehired ? (
                              <Space size={4} wrap>
                                <Button size="small" onClick={() => setAction({ type: 'complete', training: r })} aria-label={`${t('actions.complete')} ${r.courseName}`}>
                                  {t('actions.complete')}
                                </Button>
                                <Button size="small" onClick={() => setAction({ type: 'dropOut', training: r })} aria-label={`${t('actions.dropOut')} ${r.courseName}`}>
                                  {t('actions.dropOut')}
                                </Button>
                              </Space>
                            ) : null,
                        },
                      ]
                    : []),
                ]}
              />
            ),
          },
          {
            key: 'referrals',
            label: punct.note(t('detail.referrals'), seeker.referrals.length),
            children: (
              <Table<Referral>
                rowKey="id"
                size="small"
                dataSource={seeker.referrals}
                pagination={false}
                scroll={{ x: 'max-content' }}
                locale={{ emptyText: <Empty description={t('detail.noReferrals')} /> }}
                columns={[
                  { title: t('referral.employer'), dataIndex: 'employer' },
                  { title: t('referral.position'), dataIndex: 'position' },
                  {
                    title: t('referral.fair'),
                    dataIndex: 'fairId',
                    render: (fairId: string | null) => (fairId ? <Link to={`/job-fairs/${fairId}`}>{t('referral.viaFair')}</Link> : t('referral.viaDirect')),
                  },
                  { title: t('referral.referredOn'), dataIndex: 'referredOn', render: (v: string) => <DateText value={v} /> },
                  { title: t('referral.status'), dataIndex: 'status', render: (v: string) => <Tag color={REFERRAL_COLORS[v]}>{t(`referralStatuses.${v}`)}</Tag> },
                  { title: t('referral.closedOn'), dataIndex: 'closedOn', render: (v: string | null) => <DateText value={v} /> },
                  ...(mayAct
                    ? [
                        {
                          title: t('common:table.actions'),
                          key: 'actions',
                          render: (_: unknown, r: Referral) =>
                            r.status === 'open' ? (
                              <Button size="small" onClick={() => setAction({ type: 'outcome', referral: r })} aria-label={`${t('actions.outcome')} ${r.employer} ${r.position}`}>
                                {t('actions.outcome')}
                              </Button>
                            ) : null,
                        },
                      ]
                    : []),
                ]}
              />
            ),
          },
          {
            key: 'cycles',
            label: t('detail.cycles'),
            children: (
              <Table
                rowKey="cycle"
                size="small"
                dataSource={seeker.cycles}
                pagination={false}
                scroll={{ x: 'max-content' }}
                columns={[
                  { title: t('cycles.cycle'), dataIndex: 'cycle', render: (n: number) => t('cycles.nth', { n }) },
                  { title: t('cycles.registeredOn'), dataIndex: 'registeredOn', render: (v: string) => <DateText value={v} /> },
                  { title: t('cycles.kind'), dataIndex: 'kind', render: (v: string) => t(`kinds.${v}`) },
                  {
                    title: t('cycles.rehiring'),
                    dataIndex: 'rehiring',
                    render: (r: JobSeekerDetail['cycles'][number]['rehiring']) =>
                      r ? (
                        <>
                          {r.employer} · {r.position} · <DateText value={r.startedOn} />
                        </>
                      ) : (
                        t('cycles.stillLooking')
                      ),
                  },
                  { title: t('cycles.channel'), key: 'channel', render: (_: unknown, c) => (c.rehiring ? t(`channels.${c.rehiring.channel}`) : '—') },
                  { title: t('cycles.lostJobOn'), dataIndex: 'lostJobOn', render: (v: string | null) => <DateText value={v} /> },
                  { title: t('cycles.jobLossReason'), dataIndex: 'jobLossReason', render: (v: string | null) => (v ? t(`jobLossReasons.${v}`) : '—') },
                ]}
              />
            ),
          },
          { key: 'history', label: t('detail.history'), children: <SeekerHistory id={seeker.id} /> },
        ]}
      />

      {action?.type === 'enrol' && (
        <CommandModal<{ courseType: string; courseName: string; provider: string; startsOn: dayjs.Dayjs; endsOn: dayjs.Dayjs }, CommandResult>
          title={t('training.title')}
          testId="enrol-training"
          draftKey={draft('enrol')}
          okText={t('actions.enrol')}
          onClose={close}
          submit={(v) => send('/trainings', { ...v, startsOn: toIsoDate(v.startsOn), endsOn: toIsoDate(v.endsOn) })}
          onSuccess={done}
        >
          {() => (
            <>
              <Form.Item label={t('training.courseType')} name="courseType" rules={[required(t, t('training.courseType'), true)]}>
                <Select options={optionsOf(t, COURSE_TYPES, 'courseTypes')} />
              </Form.Item>
              <Form.Item label={t('training.courseName')} name="courseName" rules={[required(t, t('training.courseName')), maxLength(t, t('training.courseName'), 100)]}>
                <Input />
              </Form.Item>
              <Form.Item label={t('training.provider')} name="provider" rules={[required(t, t('training.provider')), maxLength(t, t('training.provider'), 200)]}>
                <Input />
              </Form.Item>
              <Space wrap size={12}>
                <Form.Item label={t('training.startsOn')} name="startsOn" rules={[required(t, t('training.startsOn'), true)]}>
                  <DatePicker />
                </Form.Item>
                <Form.Item
                  label={t('training.endsOn')}
                  name="endsOn"
                  dependencies={['startsOn']}
                  rules={[
                    required(t, t('training.endsOn'), true),
                    ({ getFieldValue }) => ({
                      validator: (_r, value?: dayjs.Dayjs) => {
                        const starts = getFieldValue('startsOn') as dayjs.Dayjs | undefined;
                        return value && starts && value.isBefore(starts, 'day') ? Promise.reject(new Error(t('training.endsBeforeStart'))) : Promise.resolve();
                      },
                    }),
                  ]}
                >
                  <DatePicker />
                </Form.Item>
              </Space>
            </>
          )}
        </CommandModal>
      )}

      {action?.type === 'complete' && (
        <CommandModal<{ completedOn: dayjs.Dayjs; certified?: boolean }, CommandResult>
          title={punct.labelled(t('training.completeTitle'), action.training.courseName)}
          testId="complete-training"
          okText={t('actions.complete')}
          onClose={close}
          initialValues={{ certified: false }}
          submit={(v) => send(`/trainings/${action.training.id}/completion`, { completedOn: toIsoDate(v.completedOn), certified: !!v.certified })}
          onSuccess={done}
        >
          {() => (
            <>
              <Form.Item label={t('training.completedOn')} name="completedOn" rules={[required(t, t('training.completedOn'), true), pastDate(t)]}>
                <DatePicker disabledDate={notFuture} />
              </Form.Item>
              <Form.Item label={t('training.certified')} name="certified" valuePropName="checked">
                <Checkbox>{t('training.certifiedYes')}</Checkbox>
              </Form.Item>
            </>
          )}
        </CommandModal>
      )}

      {action?.type === 'dropOut' && (
        <CommandModal<{ droppedOn: dayjs.Dayjs; reason: string }, CommandResult>
          title={punct.labelled(t('training.dropOutTitle'), action.training.courseName)}
          testId="drop-out-training"
          okText={t('actions.dropOut')}
          onClose={close}
          submit={(v) => send(`/trainings/${action.training.id}/drop-out`, { droppedOn: toIsoDate(v.droppedOn), reason: v.reason })}
          onSuccess={done}
        >
          {() => (
            <>
              <Form.Item label={t('training.droppedOn')} name="droppedOn" rules={[required(t, t('training.droppedOn'), true), pastDate(t)]}>
                <DatePicker disabledDate={notFuture} />
              </Form.Item>
              <Form.Item label={t('training.reason')} name="reason" rules={[required(t, t('training.reason'), true)]}>
                <Select options={optionsOf(t, DROP_OUT_REASONS, 'dropOutReasons')} />
              </Form.Item>
            </>
          )}
        </CommandModal>
      )}

      {action?.type === 'refer' && <ReferModal draftKey={draft('refer')} onClose={close} send={send} onDone={done} />}

      {action?.type === 'outcome' && (
        <CommandModal<{ outcome: string; recordedOn: dayjs.Dayjs }, CommandResult>
          title={punct.labelled(t('referral.outcomeTitle'), `${action.referral.employer} · ${action.referral.position}`)}
          testId="referral-outcome"
          okText={t('actions.outcome')}
          onClose={close}
          submit={(v) => send(`/referrals/${action.referral.id}/outcome`, { outcome: v.outcome, recordedOn: toIsoDate(v.recordedOn) })}
          onSuccess={done}
        >
          {() => (
            <>
              <Form.Item label={t('referral.outcome')} name="outcome" rules={[required(t, t('referral.outcome'), true)]}>
                <Radio.Group options={optionsOf(t, REFERRAL_OUTCOMES, 'outcomes')} />
              </Form.Item>
              <Form.Item label={t('referral.recordedOn')} name="recordedOn" rules={[required(t, t('referral.recordedOn'), true), pastDate(t)]}>
                <DatePicker disabledDate={notFuture} />
              </Form.Item>
            </>
          )}
        </CommandModal>
      )}

      {action?.type === 'rehire' && <RehireModal draftKey={draft('rehire')} openReferrals={openReferrals} onClose={close} send={send} onDone={done} />}

      {action?.type === 'jobLoss' && (
        <CommandModal<{ lostJobOn: dayjs.Dayjs; jobLossReason: string; kind?: string; registeredOn?: dayjs.Dayjs }, CommandResult>
          title={t('jobLoss.title')}
          testId="job-loss"
          draftKey={draft('jobLoss')}
          okText={t('actions.jobLoss')}
          onClose={close}
          submit={(v) =>
            send('/job-loss', { lostJobOn: toIsoDate(v.lostJobOn), jobLossReason: v.jobLossReason, kind: v.kind || undefined, registeredOn: toIsoDate(v.registeredOn) })
          }
          onSuccess={done}
        >
          {() => (
            <>
              <Form.Item label={t('jobLoss.lostJobOn')} name="lostJobOn" rules={[required(t, t('jobLoss.lostJobOn'), true), pastDate(t)]}>
                <DatePicker disabledDate={notFuture} />
              </Form.Item>
              <Form.Item label={t('jobLoss.reason')} name="jobLossReason" rules={[required(t, t('jobLoss.reason'), true)]}>
                <Select options={optionsOf(t, JOB_LOSS_REASONS, 'jobLossReasons')} />
              </Form.Item>
              <Form.Item label={t('common:form.optionalLabel', { label: t('jobLoss.kind') })} name="kind" extra={t('jobLoss.kindHelp')}>
                <Select allowClear placeholder={t(`kinds.${seeker.kind}`)} options={optionsOf(t, SEEKER_KINDS, 'kinds')} />
              </Form.Item>
              <Form.Item label={t('common:form.optionalLabel', { label: t('jobLoss.registeredOn') })} name="registeredOn" extra={t('jobLoss.registeredOnHelp')} rules={[pastDate(t)]}>
                <DatePicker disabledDate={notFuture} />
              </Form.Item>
            </>
          )}
        </CommandModal>
      )}
    </>
  );
}

type Send = (path: string, body: unknown) => Promise<CommandResult>;

interface ReferValues {
  via: 'fair' | 'direct';
  fairId?: string;
  positionId?: string;
  employer?: string;
  position?: string;
  referredOn: dayjs.Dayjs;
}

function ReferModal({ draftKey, onClose, send, onDone }: { draftKey: string; onClose: () => void; send: Send; onDone: (r: CommandResult) => void }) {
  const { t } = useTranslation('employment');
  const punct = usePunctuation();
  const fairs = useFairChoices();
  return (
    <CommandModal<ReferValues, CommandResult>
      title={t('referral.title')}
      testId="refer-seeker"
      draftKey={draftKey}
      okText={t('actions.refer')}
      onClose={onClose}
      initialValues={{ via: 'fair' }}
      onValuesChange={(changed, _all, form) => {
        if ('fairId' in changed) form.setFieldValue('positionId', undefined);
      }}
      submit={(v) =>
        send(
          '/referrals',
          v.via === 'fair'
            ? { fairId: v.fairId, positionId: v.positionId, referredOn: toIsoDate(v.referredOn) }
            : { employer: v.employer?.trim(), position: v.position?.trim(), referredOn: toIsoDate(v.referredOn) },
        )
      }
      onSuccess={onDone}
    >
      {(form) => (
        <>
          <Form.Item label={t('referral.via')} name="via" rules={[required(t, t('referral.via'), true)]}>
            <Radio.Group
              options={[
                { value: 'fair', label: t('referral.viaFair') },
                { value: 'direct', label: t('referral.viaDirect') },
              ]}
            />
          </Form.Item>
          <Form.Item noStyle dependencies={['via', 'fairId']}>
            {() =>
              form.getFieldValue('via') === 'direct' ? (
                <>
                  <Form.Item label={t('referral.employer')} name="employer" rules={[required(t, t('referral.employer')), maxLength(t, t('referral.employer'), 200)]}>
                    <Input />
                  </Form.Item>
                  <Form.Item label={t('referral.position')} name="position" rules={[required(t, t('referral.position')), maxLength(t, t('referral.position'), 100)]}>
                    <Input />
                  </Form.Item>
                </>
              ) : (
                <>
                  <Form.Item label={t('referral.fair')} name="fairId" rules={[required(t, t('referral.fair'), true)]}>
                    <Select
                      loading={fairs.isPending}
                      showSearch={{ optionFilterProp: 'label' }}
                      options={(fairs.data ?? []).map((f) => ({ value: f.id, label: punct.note(f.name, f.heldOn) }))}
                    />
                  </Form.Item>
                  <FairPositionField fairId={form.getFieldValue('fairId') as string | undefined} />
                </>
              )
            }
          </Form.Item>
          <Form.Item label={t('referral.referredOn')} name="referredOn" rules={[required(t, t('referral.referredOn'), true), pastDate(t)]}>
            <DatePicker disabledDate={notFuture} />
          </Form.Item>
        </>
      )}
    </CommandModal>
  );
}

function FairPositionField({ fairId }: { fairId?: string }) {
  const { t } = useTranslation('employment');
  const punct = usePunctuation();
  const fair = useFair(fairId);
  return (
    <Form.Item label={t('referral.positionAtFair')} name="positionId" rules={[required(t, t('referral.positionAtFair'), true)]}>
      <Select
        disabled={!fairId}
        placeholder={fairId ? undefined : t('referral.pickFairFirst')}
        loading={!!fairId && fair.isPending}
        showSearch={{ optionFilterProp: 'label' }}
        options={(fair.data?.positions ?? []).map((p) => ({ value: p.id, label: punct.note(`${p.employer} · ${p.position}`, t('referral.openings', { count: p.count })) }))}
      />
    </Form.Item>
  );
}

interface RehireValues {
  channel: string;
  employer: string;
  position: string;
  startedOn: dayjs.Dayjs;
  referralId?: string;
  fairId?: string;
}

function RehireModal({
  draftKey,
  openReferrals,
  onClose,
  send,
  onDone,
}: {
  draftKey: string;
  openReferrals: Referral[];
  onClose: () => void;
  send: Send;
  onDone: (r: CommandResult) => void;
}) {
  const { t } = useTranslation('employment');
  const punct = usePunctuation();
  const fairs = useFairChoices();
  return (
    <CommandModal<RehireValues, CommandResult>
      title={t('rehiring.title')}
      testId="record-rehiring"
      draftKey={draftKey}
      okText={t('actions.rehire')}
      onClose={onClose}
      note={t('rehiring.confirmNote')}
      onValuesChange={(changed, _all, form) => {
        if (changed.referralId) {
          const referral = openReferrals.find((r) => r.id === changed.referralId);
          if (referral) {
            form.setFieldsValue({ employer: referral.employer, position: referral.position, ...(referral.fairId ? { fairId: referral.fairId } : {}) });
          }
        }
        if (changed.channel && changed.channel !== 'job_fair') form.setFieldValue('fairId', undefined);
        if (changed.channel && changed.channel !== 'job_fair' && changed.channel !== 'referral') form.setFieldValue('referralId', undefined);
      }}
      submit={(v) =>
        send('/rehiring', {
          channel: v.channel,
          employer: v.employer.trim(),
          position: v.position.trim(),
          startedOn: toIsoDate(v.startedOn),
          referralId: v.referralId || undefined,
          fairId: v.channel === 'job_fair' ? v.fairId || undefined : undefined,
        })
      }
      onSuccess={onDone}
    >
      {(form) => (
        <>
          <Form.Item label={t('rehiring.channel')} name="channel" rules={[required(t, t('rehiring.channel'), true)]}>
            <Select options={optionsOf(t, REHIRE_CHANNELS, 'channels')} />
          </Form.Item>
          <Form.Item noStyle dependencies={['channel']}>
            {() => {
              const channel = form.getFieldValue('channel') as string | undefined;
              return (
                <>
                  {(channel === 'referral' || channel === 'job_fair') && openReferrals.length > 0 && (
                    <Form.Item label={t('common:form.optionalLabel', { label: t('rehiring.referral') })} name="referralId">
                      <Select allowClear placeholder={t('rehiring.referralNone')} options={openReferrals.map((r) => ({ value: r.id, label: punct.note(`${r.employer} · ${r.position}`, r.referredOn) }))} />
                    </Form.Item>
                  )}
                  {channel === 'job_fair' && (
                    <Form.Item label={t('common:form.optionalLabel', { label: t('rehiring.fair') })} name="fairId">
                      <Select
                        allowClear
                        loading={fairs.isPending}
                        showSearch={{ optionFilterProp: 'label' }}
                        options={(fairs.data ?? []).map((f) => ({ value: f.id, label: punct.note(f.name, f.heldOn) }))}
                      />
                    </Form.Item>
                  )}
                </>
              );
            }}
          </Form.Item>
          <Form.Item label={t('rehiring.employer')} name="employer" extra={t('rehiring.employerHelp')} rules={[required(t, t('rehiring.employer')), maxLength(t, t('rehiring.employer'), 200)]}>
            <Input />
          </Form.Item>
          <Form.Item label={t('rehiring.position')} name="position" rules={[required(t, t('rehiring.position')), maxLength(t, t('rehiring.position'), 100)]}>
            <Input />
          </Form.Item>
          <Form.Item label={t('rehiring.startedOn')} name="startedOn" rules={[required(t, t('rehiring.startedOn'), true), pastDate(t)]}>
            <DatePicker disabledDate={notFuture} />
          </Form.Item>
        </>
      )}
    </CommandModal>
  );
}

function SeekerHistory({ id }: { id: string }) {
  const { t, i18n } = useTranslation('employment');
  const punct = usePunctuation();
  const history = useQuery({ queryKey: ['employment', 'seeker', id, 'history'], queryFn: () => api.get<HistoryEntry[]>(`/job-seekers/${id}/history`) });
  return (
    <QueryView query={history} isEmpty={(d) => d.length === 0} empty={<Empty description={t('detail.noHistory')} />}>
      {(entries) => (
        <Timeline
          style={{ marginTop: 8 }}
          items={entries.map((entry) => ({
            key: entry.revision,
            content: (
              <div>
                <Typography.Text strong>{t(`history.events.${entry.type}`, { defaultValue: entry.type })}</Typography.Text>
                <div>{describeEvent(entry, t, punct)}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('history.recordedAt', { at: formatDateTime(entry.recordedAt, i18n.language) })}
                </Typography.Text>
              </div>
            ),
          }))}
        />
      )}
    </QueryView>
  );
}

function describeEvent(entry: HistoryEntry, t: TFunction, punct: Punctuation): string {
  const d = entry.data as Record<string, string | boolean | null | undefined>;
  const parts: string[] = [];
  switch (entry.type) {
    case 'JobSeekerRegistered':
      parts.push(t(`kinds.${d.kind}`), t(`genders.${d.gender}`), `${t('fields.registeredOn')} ${d.registeredOn}`);
      break;
    case 'JobSeekerReregistered':
      parts.push(`${t('jobLoss.lostJobOn')} ${d.lostJobOn}`, t(`jobLossReasons.${d.jobLossReason}`), t(`kinds.${d.kind}`), `${t('fields.registeredOn')} ${d.registeredOn}`);
      break;
    case 'TrainingEnrolled':
      parts.push(punct.note(String(d.courseName ?? ''), t(`courseTypes.${d.courseType}`)), String(d.provider ?? ''), `${d.startsOn} – ${d.endsOn}`);
      break;
    case 'TrainingCompleted':
      parts.push(`${t('training.completedOn')} ${d.completedOn}`);
      if (d.certified) parts.push(t('training.certifiedYes'));
      break;
    case 'TrainingDroppedOut':
      parts.push(`${t('training.droppedOn')} ${d.droppedOn}`, t(`dropOutReasons.${d.reason}`));
      break;
    case 'SeekerReferred':
      parts.push(`${d.employer ?? ''} · ${d.position ?? ''}`, d.fairId ? t('referral.viaFair') : t('referral.viaDirect'), `${t('referral.referredOn')} ${d.referredOn}`);
      break;
    case 'ReferralOutcomeRecorded':
      parts.push(t(`outcomes.${d.outcome}`), `${t('referral.recordedOn')} ${d.recordedOn}`);
      break;
    case 'WorkerRehired':
      parts.push(`${d.employer} · ${d.position}`, t(`channels.${d.channel}`), `${t('rehiring.startedOn')} ${d.startedOn}`);
      break;
    default:
      break;
  }
  return parts.filter(Boolean).join(' · ');
}

