import { ClockCircleOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Collapse, Descriptions, Row, Table, Timeline, Typography, type TimelineItemProps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMe } from '../../auth/session';
import { DateText, Money } from '../../components/Money';
import { formatDate, formatDateTime, formatMoney } from '../../components/format';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/QueryView';
import { usePunctuation } from '../../components/punctuation';
import { useGrant, type GrantDetail } from './api';
import { GrantActions } from './GrantActions';
import { GrantStatusTag, RecipientLink, userName } from './labels';

const BLUE = '#1677ff';
const GREEN = '#52c41a';
const RED = '#ff4d4f';
const GRAY = '#bfbfbf';

/** A step of the chain: its name in bold, then who, when and why. */
function step(key: string, color: string, title: string, text: ReactNode, icon?: ReactNode): TimelineItemProps {
  return {
    key,
    color,
    icon: icon ? <span style={{ color }}>{icon}</span> : undefined,
    content: (
      <div data-testid={`step-${key}`}>
        <Typography.Text strong>{title}</Typography.Text>
        {text && <div>{text}</div>}
      </div>
    ),
  };
}

/** Log positions read `commit/prepare`; they order the events as the log recorded them. */
function comparePositions(a: string, b: string): number {
  const parts = (position: string) => position.split('/').map((part) => Number(part.replace(/\D/g, '')) || 0);
  const [ac, ap = 0] = parts(a);
  const [bc, bp = 0] = parts(b);
  return ac - bc || ap - bp;
}

/** One grant with its whole chain, and the steps the user may take next. */
export function GrantPage() {
  const { t } = useTranslation('funds');
  const { id } = useParams();
  const grant = useGrant(id);
  return (
    <Page
      title={t('detail.title')}
      back={{ to: '/aid-grants', label: t('detail.back') }}
      extra={grant.data && <GrantStatusTag status={grant.data.status} />}
    >
      <QueryView query={grant}>{(data) => <GrantView grant={data} />}</QueryView>
    </Page>
  );
}

function GrantView({ grant }: { grant: GrantDetail }) {
  const { t, i18n } = useTranslation('funds');
  const punct = usePunctuation();
  const me = useMe();
  const language = i18n.language;
  const reason = typeof grant.reason?.reason === 'string' ? grant.reason.reason : null;
  const ownProposal = grant.status === 'proposed' && me.role === 'supervisor' && grant.proposal.by.userId === me.userId;

  const steps: TimelineItemProps[] = [
    step('proposed', BLUE, t('detail.proposed'), t('detail.proposedText', { by: userName(grant.proposal.by, t), at: formatDateTime(grant.proposal.at, language), amount: formatMoney(grant.amountFen, language) })),
  ];
  if (grant.approval) {
    steps.push(
      step(
        'approved',
        GREEN,
        `${t('detail.approvedTitle')}${t('paren', { text: t(`approvalKinds.${grant.approval.kind}`) })}`,
        grant.approval.kind === 'within_threshold'
          ? t('detail.approvedAuto', { threshold: formatMoney(grant.thresholdFen, language) })
          : t('detail.approvedBy', { by: userName(grant.approval.by, t), on: formatDate(grant.approval.on, language) }),
      ),
    );
  } else if (grant.rejection) {
    steps.push(step('rejected', RED, t('detail.rejected'), t('detail.rejectedText', { on: formatDate(grant.rejection.on, language), reason: grant.rejection.reason })));
  } else if (grant.status === 'proposed') {
    steps.push(step('waiting', GRAY, t('detail.waitingApproval'), null, <ClockCircleOutlined />));
  }
  if (grant.disbursement) {
    const paid = grant.disbursement;
    steps.push(
      step(
        'disbursed',
        GREEN,
        t('detail.disbursed'),
        <>
          <div>{t('detail.disbursedText', { on: formatDate(paid.paidOn, language), method: t(`methods.${paid.method}`), receipt: paid.receiptReference, by: userName(paid.by, t) })}</div>
          {paid.inKindDescription && <div>{t('detail.inKind', { what: paid.inKindDescription })}</div>}
        </>,
      ),
    );
  } else if (grant.status === 'granted') {
    steps.push(step('waiting-payment', GRAY, t('detail.waitingDisbursement'), null, <ClockCircleOutlined />));
  }
  if (grant.revocation) {
    steps.push(step('revoked', GRAY, t('detail.revoked'), t('detail.revokedText', { on: formatDate(grant.revocation.on, language), reason: grant.revocation.reason })));
  }
  if (grant.reversal) {
    steps.push(step('reversed', RED, t('detail.reversed'), t('detail.reversedText', { on: formatDate(grant.reversal.on, language), reason: grant.reversal.reason })));
  }

  const events = [
    ...grant.events.map((event) => ({ ...event, stream: t('fields.grantStream'), amountFen: null as number | null, reservedChangeFen: null as number | null })),
    ...grant.fundEvents.map((event) => ({ ...event, stream: t('fields.fundLedger') })),
  ].sort((a, b) => comparePositions(a.position, b.position) || a.occurredAt.localeCompare(b.occurredAt));

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14}>
        <Card>
          <Descriptions
            column={{ xs: 1, sm: 1, md: 2 }}
            size="small"
            items={[
              { key: 'amount', label: t('fields.amount'), children: <Typography.Text strong><Money fen={grant.amountFen} /></Typography.Text> },
              { key: 'status', label: t('fields.status'), children: <GrantStatusTag status={grant.status} /> },
              {
                key: 'recipient',
                label: t('fields.recipient'),
                children: <RecipientLink grant={grant} />,
              },
              { key: 'unit', label: t('fields.caseUnit'), children: grant.unitName ?? '—' },
              {
                key: 'programme',
                label: t('fields.programme'),
                children: (
                  <span>
                    {grant.programme.name}
                    {t('paren', { text: t(`kinds.${grant.programme.kind}`) })}
                  </span>
                ),
              },
              {
                key: 'fund',
                label: t('fields.fundShort'),
                children: (
                  <Link to={`/funds/${grant.fund.id}`} aria-label={punct.labelled(t('detail.openFund'), grant.fund.name)}>
                    {grant.fund.name}
                  </Link>
                ),
              },
              { key: 'proposedBy', label: t('fields.proposedBy'), children: userName(grant.proposal.by, t) },
              { key: 'proposedOn', label: t('fields.proposedOn'), children: <DateText value={grant.proposal.on} /> },
              { key: 'threshold', label: t('fields.threshold'), children: <Money fen={grant.thresholdFen} /> },
              ...(grant.disbursement
                ? [
                    { key: 'receipt', label: t('fields.receipt'), children: grant.disbursement.receiptReference },
                    { key: 'method', label: t('fields.method'), children: t(`methods.${grant.disbursement.method}`) },
                  ]
                : []),
              ...(grant.admission
                ? [
                    {
                      key: 'admission',
                      label: t('fields.admission'),
                      children: `${t(`admissionLevels.${grant.admission.level}`)} ${grant.admission.school ?? ''}${grant.studentName ? t('paren', { text: grant.studentName }) : ''}`,
                    },
                  ]
                : []),
              { key: 'reason', label: t('fields.reason'), span: { xs: 1, sm: 1, md: 2 }, children: reason ?? '—' },
            ]}
          />
          {grant.recipient.fileId && (
            <div style={{ marginTop: 12 }}>
              <Link to={`/hardship-files/${grant.recipient.fileId}`}>{t('detail.openFile')}</Link>
              {' · '}
              <Link to={`/funds/${grant.fund.id}`}>{t('detail.openFund')}</Link>
            </div>
          )}
          <div style={{ marginTop: 16 }} data-testid="grant-actions">
            {ownProposal && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('detail.ownProposalHint')} />}
            <GrantActions grant={grant} />
          </div>
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card title={t('detail.chain')} size="small">
          <Timeline items={steps} data-testid="grant-chain" />
        </Card>
      </Col>
      <Col xs={24}>
        <Collapse
          items={[
            {
              key: 'events',
              label: `${t('detail.events')}${t('paren', { text: events.length })}`,
              children: (
                <Table
                  rowKey="eventId"
                  size="small"
                  pagination={false}
                  scroll={{ x: 'max-content' }}
                  dataSource={events}
                  columns={[
                    { key: 'time', title: t('detail.eventTime'), render: (_, e) => <DateText value={e.occurredAt} withTime /> },
                    { key: 'stream', title: t('fields.stream'), dataIndex: 'stream' },
                    { key: 'type', title: t('detail.eventType'), render: (_, e) => t(`eventTypes.${e.type}`, { defaultValue: e.type }) },
                    { key: 'change', title: t('fields.change'), align: 'right', render: (_, e) => (e.amountFen ? <Money fen={e.amountFen} /> : '') },
                    { key: 'reserved', title: t('fields.reservedChange'), align: 'right', render: (_, e) => (e.reservedChangeFen ? <Money fen={e.reservedChangeFen} /> : '') },
                    { key: 'position', title: t('detail.eventPosition'), dataIndex: 'position' },
                    { key: 'id', title: t('detail.eventId'), render: (_, e) => <Typography.Text code copyable>{e.eventId}</Typography.Text> },
                  ]}
                />
              ),
            },
          ]}
        />
      </Col>
    </Row>
  );
}
