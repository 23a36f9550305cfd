import { GiftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Empty, Row, Space, Table, Tabs, Tag, Timeline, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useMe } from '../../auth/session';
import { CASEWORK_ROLES } from '../../app/page-route';
import { DateText, Money } from '../../components/Money';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/QueryView';
import { formatDate, formatDateTime, formatMoney } from '../../components/format';
import { usePunctuation } from '../../components/punctuation';
import { useFile, useFileGrants, useTimeline, type FileDetail, type GrantRow, type TimelineEntry } from './api';
import { FileActionModal, type FileAction } from './FileActions';
import { CategoryTags, NS, PersonName, StatusTag, TierTag } from './shared';

const DESCRIPTION_COLUMNS = { xs: 1, sm: 1, md: 2 } as const;
const LABEL_STYLES = { label: { whiteSpace: 'nowrap' as const } };

const EVENT_COLORS: Record<string, string> = {
  HardshipFileOpened: 'green',
  HardshipFileReviewed: 'blue',
  HardshipFileClosed: 'gray',
  HardshipFileReentered: 'green',
  HardshipVisitRecorded: 'blue',
  AidRequestNoted: 'red',
};

/** The few facts of an event worth a line under its name; sealed notes are opened by the API (null once erased). */
function EventDetails({ entry }: { entry: TimelineEntry }) {
  const { t, i18n } = useTranslation(NS);
  const punct = usePunctuation();
  const d = entry.data;
  const lines: ReactNode[] = [];
  const str = (value: unknown) => (typeof value === 'string' ? value : '');
  const notesOf = (value: unknown) => (value && typeof value === 'object' ? ((value as Record<string, unknown>).notes ?? (value as Record<string, unknown>).reason) : null);
  switch (entry.type) {
    case 'HardshipFileOpened':
    case 'HardshipFileReentered':
      lines.push(
        <Space key="tier" size={4} wrap>
          <TierTag tier={str(d.tier)} />
          <CategoryTags categories={(d.categories as string[]) ?? []} />
        </Space>,
      );
      lines.push(
        t('timeline.income', {
          income: formatMoney(d.perCapitaMonthlyIncomeFen as number, i18n.language),
          standard: formatMoney(d.minimumLivingStandardFen as number, i18n.language),
          size: d.householdSize,
        }),
      );
      if (d.nextReviewDue) lines.push(t('timeline.nextReview', { date: formatDate(str(d.nextReviewDue), i18n.language) }));
      break;
    case 'HardshipFileReviewed':
      lines.push(t('timeline.outcome', { outcome: t(`outcomes.${str(d.outcome)}`) }));
      if (d.tier && d.previousTier && d.tier !== d.previousTier) {
        lines.push(t('timeline.tierChange', { from: t(`tiers.${str(d.previousTier)}`), to: t(`tiers.${str(d.tier)}`) }));
      }
      if (d.nextReviewDue) lines.push(t('timeline.nextReview', { date: formatDate(str(d.nextReviewDue), i18n.language) }));
      break;
    case 'HardshipFileClosed':
      lines.push(t('timeline.reason', { reason: t(`leavingReasons.${str(d.reason)}`) }));
      break;
    case 'HardshipVisitRecorded':
      lines.push(t(`occasions.${str(d.occasion)}`));
      if (Array.isArray(d.visitors)) lines.push(t('timeline.visitors', { names: punct.list(d.visitors as string[]) }));
      break;
    case 'AidRequestNoted':
      lines.push(
        <span key="aid">
          {t(`programmes.${str(d.programme)}`)} · <Money fen={d.amountRequestedFen as number} />
        </span>,
      );
      break;
  }
  const sealed = entry.type === 'AidRequestNoted' ? d.reason : d.notes;
  const note = notesOf(sealed);
  if (entry.personalDataErased && sealed === null && entry.type !== 'HardshipFileOpened') lines.push(<Typography.Text type="secondary" key="erased">{t('timeline.erased')}</Typography.Text>);
  if (typeof note === 'string') lines.push(<Typography.Text type="secondary" key="note">{note}</Typography.Text>);
  return (
    <>
      {lines.map((line, index) => (
        <div key={index}>{line}</div>
      ))}
    </>
  );
}

/** The date of the step itself (visit, review…) where the event has one, else when it was recorded. */
function eventDate(entry: TimelineEntry): string | null {
  const d = entry.data;
  for (const key of ['visitedOn', 'reviewedOn', 'leftOn', 'reenteredOn', 'requestedOn', 'surveyedOn']) {
    if (typeof d[key] === 'string') return d[key] as string;
  }
  return null;
}

function FileTimeline({ id }: { id: string }) {
  const { t, i18n } = useTranslation(NS);
  const timeline = useTimeline(id);
  return (
    <QueryView query={timeline} isEmpty={(entries) => entries.length === 0}>
      {(entries) => (
        <Timeline
          data-testid="file-timeline"
          items={entries.map((entry) => {
            const date = eventDate(entry);
            return {
              key: entry.revision,
              color: EVENT_COLORS[entry.type] ?? 'gray',
              content: (
                <div className="timeline-entry">
                  <Typography.Text strong>{t(`timeline.events.${entry.type}`, { defaultValue: entry.type })}</Typography.Text>{' '}
                  <Typography.Text type="secondary">{date ? formatDate(date, i18n.language) : formatDateTime(entry.occurredAt, i18n.language)}</Typography.Text>
                  <div>
                    <Typography.Text type="secondary">
                      {t('timeline.by', { name: entry.actor.displayName ?? t('timeline.unknownActor') })} · {formatDateTime(entry.recordedAt, i18n.language)}
                    </Typography.Text>
                  </div>
                  <EventDetails entry={entry} />
                </div>
              ),
            };
          })}
        />
      )}
    </QueryView>
  );
}

function Grants({ id }: { id: string }) {
  const { t } = useTranslation(NS);
  const grants = useFileGrants(id);
  return (
    <Table<GrantRow>
      rowKey="id"
      size="small"
      loading={grants.isPending}
      dataSource={grants.data?.items ?? []}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: grants.isError ? t('common:states.error') : t('detail.noGrants') }}
      columns={[
        { title: t('detail.grantProgramme'), key: 'programme', render: (_: unknown, row) => row.programme.name ?? t(`programmes.${row.programme.kind}`, { defaultValue: row.programme.kind }) },
        { title: t('detail.grantAmount'), dataIndex: 'amountFen', key: 'amount', align: 'right', render: (fen: number) => <Money fen={fen} /> },
        { title: t('detail.grantStatus'), dataIndex: 'status', key: 'status', render: (status: string) => <Tag>{t(`grantStatus.${status}`, { defaultValue: status })}</Tag> },
        { title: t('detail.grantProposedOn'), key: 'on', render: (_: unknown, row) => <DateText value={row.proposal.on} /> },
        { title: t('detail.grantPaidOn'), key: 'paid', render: (_: unknown, row) => <DateText value={row.disbursement?.paidOn} /> },
      ]}
    />
  );
}

function VisitsAndReviews({ id }: { id: string }) {
  const { t } = useTranslation(NS);
  const punct = usePunctuation();
  const timeline = useTimeline(id);
  const entries = timeline.data ?? [];
  const visits = entries.filter((e) => e.type === 'HardshipVisitRecorded');
  const reviews = entries.filter((e) => e.type === 'HardshipFileReviewed');
  const requests = entries.filter((e) => e.type === 'AidRequestNoted');
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const sealedText = (v: unknown) => (v && typeof v === 'object' ? str((v as Record<string, unknown>).notes ?? (v as Record<string, unknown>).reason) : '');
  return (
    <Tabs
      items={[
        {
          key: 'grants',
          label: t('detail.aidReceived'),
          children: <Grants id={id} />,
        },
        {
          key: 'visits',
          label: `${t('timeline.events.HardshipVisitRecorded')} (${visits.length})`,
          children: (
            <Table
              rowKey="revision"
              size="small"
              loading={timeline.isPending}
              dataSource={visits}
              pagination={false}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: t('visit.visitedOn'), key: 'on', render: (_: unknown, e: TimelineEntry) => <DateText value={str(e.data.visitedOn)} /> },
                { title: t('visit.occasion'), key: 'occasion', render: (_: unknown, e: TimelineEntry) => t(`occasions.${str(e.data.occasion)}`) },
                { title: t('visit.visitors'), key: 'visitors', render: (_: unknown, e: TimelineEntry) => punct.list((e.data.visitors as string[]) ?? []) },
                { title: t('visit.notes'), key: 'notes', render: (_: unknown, e: TimelineEntry) => sealedText(e.data.notes) || '—' },
              ]}
            />
          ),
        },
        {
          key: 'reviews',
          label: `${t('timeline.events.HardshipFileReviewed')} (${reviews.length})`,
          children: (
            <Table
              rowKey="revision"
              size="small"
              loading={timeline.isPending}
              dataSource={reviews}
              pagination={false}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: t('review.reviewedOn'), key: 'on', render: (_: unknown, e: TimelineEntry) => <DateText value={str(e.data.reviewedOn)} /> },
                { title: t('review.outcome'), key: 'outcome', render: (_: unknown, e: TimelineEntry) => t(`outcomes.${str(e.data.outcome)}`) },
                { title: t('review.tier'), key: 'tier', render: (_: unknown, e: TimelineEntry) => <TierTag tier={e.data.tier as string | null} /> },
                { title: t('detail.income'), key: 'income', align: 'right', render: (_: unknown, e: TimelineEntry) => <Money fen={e.data.perCapitaMonthlyIncomeFen as number} /> },
                { title: t('review.notes'), key: 'notes', render: (_: unknown, e: TimelineEntry) => sealedText(e.data.notes) || '—' },
              ]}
            />
          ),
        },
        {
          key: 'requests',
          label: `${t('timeline.events.AidRequestNoted')} (${requests.length})`,
          children: (
            <Table
              rowKey="revision"
              size="small"
              loading={timeline.isPending}
              dataSource={requests}
              pagination={false}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: t('aidRequest.requestedOn'), key: 'on', render: (_: unknown, e: TimelineEntry) => <DateText value={str(e.data.requestedOn)} /> },
                { title: t('aidRequest.programme'), key: 'programme', render: (_: unknown, e: TimelineEntry) => t(`programmes.${str(e.data.programme)}`) },
                { title: t('aidRequest.amount'), key: 'amount', align: 'right', render: (_: unknown, e: TimelineEntry) => <Money fen={e.data.amountRequestedFen as number} /> },
                { title: t('aidRequest.reason'), key: 'reason', render: (_: unknown, e: TimelineEntry) => sealedText(e.data.reason) || '—' },
              ]}
            />
          ),
        },
      ]}
    />
  );
}

function FileBody({ file }: { file: FileDetail }) {
  const { t } = useTranslation(NS);
  const me = useMe();
  const navigate = useNavigate();
  const [action, setAction] = useState<FileAction | null>(null);
  const canWrite = (CASEWORK_ROLES as readonly string[]).includes(me.role);
  const open = file.status === 'open';
  const erased = file.personalDataErased;
  const proposeHref = `/aid-grants/new?hardshipFileId=${file.id}`;
  const dash = (value: ReactNode) => value ?? '—';

  const actionButtons: { key: FileAction; show: boolean; danger?: boolean }[] = [
    { key: 'visit', show: true },
    { key: 'review', show: open },
    { key: 'aidRequest', show: open },
    { key: 'leave', show: open, danger: true },
    { key: 'reenter', show: !open && file.leavingReason !== 'deceased' },
  ];

  return (
    <Page
      title={erased ? t('detail.titleErased') : t('detail.title', { name: file.name })}
      back={{ to: '/hardship-files', label: t('list.title') }}
      extra={
        canWrite && open ? (
          <Button
            type="primary"
            size="large"
            icon={<GiftOutlined />}
            href={proposeHref}
            data-testid="propose-aid"
            onClick={(event) => {
              event.preventDefault();
              void navigate(proposeHref);
            }}
          >
            {t('detail.proposeAid')}
          </Button>
        ) : undefined
      }
    >
      {erased && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('detail.erasedNotice')} />}
      {!open && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('detail.closedNotice', { reason: t(`leavingReasons.${file.leavingReason}`, { defaultValue: file.leavingReason ?? '' }), date: formatDate(file.leftOn) })}
        />
      )}
      {canWrite && (
        <Space wrap style={{ marginBottom: 16 }} role="toolbar" aria-label={t('detail.actionsLabel')}>
          {actionButtons
            .filter((b) => b.show)
            .map((b) => (
              <Button key={b.key} danger={b.danger} onClick={() => setAction(b.key)}>
                {t(`actions.${b.key}`)}
              </Button>
            ))}
        </Space>
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card size="small" title={t('detail.personal')}>
              <Descriptions size="small" column={DESCRIPTION_COLUMNS} bordered styles={LABEL_STYLES}>
                <Descriptions.Item label={t('detail.name')}>
                  <PersonName name={file.name} erased={erased} />
                </Descriptions.Item>
                <Descriptions.Item label={t('detail.residentId')}>
                  {erased ? <PersonName name={null} erased /> : <span className="mono">{file.residentId ?? file.residentIdMasked ?? '—'}</span>}
                </Descriptions.Item>
                <Descriptions.Item label={t('detail.gender')}>{t(`genders.${file.gender}`, { defaultValue: file.gender })}</Descriptions.Item>
                <Descriptions.Item label={t('detail.phone')}>{erased ? '—' : dash(file.phone)}</Descriptions.Item>
                <Descriptions.Item label={t('detail.address')}>{erased ? '—' : dash(file.address)}</Descriptions.Item>
                <Descriptions.Item label={t('detail.employer')}>{dash(file.employerName)}</Descriptions.Item>
                {file.illnessDetails && <Descriptions.Item label={t('detail.illnessDetails')}>{file.illnessDetails}</Descriptions.Item>}
              </Descriptions>
            </Card>
            <Card size="small" title={t('detail.household')}>
              <Descriptions size="small" column={DESCRIPTION_COLUMNS} bordered styles={LABEL_STYLES}>
                <Descriptions.Item label={t('detail.householdSize')}>{t('detail.people', { count: file.householdSize })}</Descriptions.Item>
                <Descriptions.Item label={t('detail.tier')}>
                  <TierTag tier={open ? file.tier : file.tier} />
                </Descriptions.Item>
                <Descriptions.Item label={t('detail.income')}>
                  <Money fen={file.perCapitaMonthlyIncomeFen} />
                </Descriptions.Item>
                <Descriptions.Item label={t('detail.standard')}>
                  <Money fen={file.minimumLivingStandardFen} />
                </Descriptions.Item>
                <Descriptions.Item label={t('detail.categories')} span={2}>
                  <CategoryTags categories={file.categories} />
                </Descriptions.Item>
              </Descriptions>
            </Card>
            <Card size="small" title={t('detail.register')}>
              <Descriptions size="small" column={DESCRIPTION_COLUMNS} bordered styles={LABEL_STYLES}>
                <Descriptions.Item label={t('detail.status')}>
                  <StatusTag status={file.status} overdue={file.reviewOverdue} />
                </Descriptions.Item>
                <Descriptions.Item label={t('detail.unit')}>{dash(file.unitName)}</Descriptions.Item>
                <Descriptions.Item label={t('detail.surveyedOn')}><DateText value={file.surveyedOn} /></Descriptions.Item>
                <Descriptions.Item label={t('detail.openedOn')}><DateText value={file.openedOn} /></Descriptions.Item>
                <Descriptions.Item label={t('detail.onRegisterSince')}><DateText value={file.onRegisterSince} /></Descriptions.Item>
                <Descriptions.Item label={t('detail.lastReviewedOn')}><DateText value={file.lastReviewedOn} /></Descriptions.Item>
                <Descriptions.Item label={t('detail.nextReviewDue')}><DateText value={file.nextReviewDue} /></Descriptions.Item>
                {!open && (
                  <>
                    <Descriptions.Item label={t('detail.leavingReason')}>{t(`leavingReasons.${file.leavingReason}`, { defaultValue: file.leavingReason ?? '—' })}</Descriptions.Item>
                    <Descriptions.Item label={t('detail.leftOn')}><DateText value={file.leftOn} /></Descriptions.Item>
                  </>
                )}
                <Descriptions.Item label={t('detail.visits')}>{file.visitCount}</Descriptions.Item>
                <Descriptions.Item label={t('detail.lastVisitedOn')}><DateText value={file.lastVisitedOn} /></Descriptions.Item>
                <Descriptions.Item label={t('detail.aidRequests')}>{file.aidRequestCount}</Descriptions.Item>
                <Descriptions.Item label={t('detail.aidRequested')}><Money fen={file.aidRequestedFen} /></Descriptions.Item>
              </Descriptions>
            </Card>
            {file.fiveClears && (
              <Card size="small" title={t('detail.fiveClears')}>
                <Descriptions size="small" column={1} bordered>
                  {(['familySituation', 'causeOfHardship', 'stateOfMind', 'employmentNeeds', 'skills'] as const).map((key) => (
                    <Descriptions.Item key={key} label={t(`form.${key}`)}>
                      {file.fiveClears![key]}
                    </Descriptions.Item>
                  ))}
                </Descriptions>
              </Card>
            )}
            <Card size="small">
              <VisitsAndReviews id={file.id} />
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={9}>
          <Card size="small" title={<h2 style={{ margin: 0, fontSize: 16 }}>{t('detail.timeline')}</h2>}>
            <FileTimeline id={file.id} />
          </Card>
        </Col>
      </Row>
      {action && <FileActionModal key={`${action}-${file.revision}`} action={action} file={file} onClose={() => setAction(null)} />}
    </Page>
  );
}

export function HardshipFilePage() {
  const { id = '' } = useParams();
  const file = useFile(id);
  return (
    <QueryView query={file} empty={<Empty />}>
      {(data) => <FileBody file={data} />}
    </QueryView>
  );
}
