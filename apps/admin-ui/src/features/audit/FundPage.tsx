import { CheckCircleFilled, CloseCircleFilled, ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Descriptions, Flex, Form, Result, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { useMe } from '../../auth/session';
import { formatDateTime, formatMoney, toIsoDate } from '../../components/format';
import { DateText, Money } from '../../components/Money';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/QueryView';
import { usePaging } from '../../components/paging';
import { usePunctuation } from '../../components/punctuation';
import { useAllFunds, useFund, useLedger, type BalanceAsOf, type Fund, type LedgerLine, type ReplayResult } from './api';
import { actionsFor, MoneyFormModal, type MoneyAction } from './MoneyForms';
import { DownloadLink, formatBeijing, PoolList, ShortId, SourceTag, usePoolLabel } from './shared';

export function FundPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('audit');
  const fund = useFund(id);
  return (
    <QueryView query={fund}>
      {(data) => (
        <Page title={data.name} back={{ to: '/funds', label: t('fund.back') }}>
          <FundBody fund={data} />
        </Page>
      )}
    </QueryView>
  );
}

function FundBody({ fund }: { fund: Fund }) {
  const { t } = useTranslation('audit');
  const punct = usePunctuation();
  const me = useMe();
  const [action, setAction] = useState<MoneyAction | null>(null);
  const actions = actionsFor(fund);
  return (
    <Flex vertical gap={16}>
      <Card title={t('fund.figures')} size="small">
        <Flex wrap gap="12px 48px">
          <MoneyStatistic title={t('fields.balance')} fen={fund.balanceFen} />
          <MoneyStatistic title={t('fields.reserved')} fen={fund.reservedFen} />
          <MoneyStatistic title={t('fields.available')} fen={fund.availableFen} />
          <Statistic title={t('fields.revision')} value={fund.revision} />
        </Flex>
        <Descriptions size="small" style={{ marginTop: 12 }} column={{ xs: 1, sm: 1, md: 2 }}>
          <Descriptions.Item label={t('fields.source')}><SourceTag source={fund.source} /></Descriptions.Item>
          <Descriptions.Item label={t('fields.unit')}>{fund.unitName}</Descriptions.Item>
          <Descriptions.Item label={t('fields.openedOn')}><DateText value={fund.openedOn} /></Descriptions.Item>
          <Descriptions.Item label={t('fields.pools')}><PoolList pools={fund.pools} /></Descriptions.Item>
        </Descriptions>
        {fund.pools.length > 1 && <PoolsTable fund={fund} />}
      </Card>
      {me.role === 'supervisor' && (
        <Card title={t('fund.moneyIn')} size="small">
          <Flex gap={8} wrap>
            {actions.map((name) => (
              <Button key={name} type={name === 'transfer' ? 'default' : 'primary'} onClick={() => setAction(name)}>
                {t(`fund.${name}`)}
              </Button>
            ))}
          </Flex>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {t('fund.sourceNote', { source: t(`sources.${fund.source}`), actions: punct.list(actions.map((name) => t(`fund.${name}`))) })}
          </Typography.Paragraph>
          <MoneyFormModal fund={fund} action={action} onClose={() => setAction(null)} />
        </Card>
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}><BalanceAsOfCard fund={fund} /></Col>
        {(me.role === 'auditor' || me.role === 'supervisor') && <Col xs={24} lg={12}><ReplayCard fund={fund} /></Col>}
      </Row>
      <LedgerCard fund={fund} />
    </Flex>
  );
}

/** An amount as a Statistic, formatted like every other amount (`formatMoney`); a long one wraps rather than overflows. */
function MoneyStatistic({ title, fen }: { title: string; fen: number }) {
  const { i18n } = useTranslation();
  return <Statistic title={title} value={fen} formatter={(value) => formatMoney(value, i18n.language)} styles={{ content: { overflowWrap: 'anywhere' } }} />;
}

function PoolsTable({ fund }: { fund: Fund }) {
  const { t } = useTranslation('audit');
  const label = usePoolLabel();
  return (
    <Table
      size="small"
      rowKey="pool"
      pagination={false}
      dataSource={fund.pools}
      scroll={{ x: 'max-content' }}
      style={{ marginTop: 12 }}
      columns={[
        { title: t('fields.pool'), dataIndex: 'pool', render: (pool: string) => label(pool) },
        { title: t('fields.balance'), dataIndex: 'balanceFen', align: 'right', render: (fen: number) => <Money fen={fen} /> },
        { title: t('fields.reserved'), dataIndex: 'reservedFen', align: 'right', render: (fen: number) => <Money fen={fen} /> },
        { title: t('fields.available'), dataIndex: 'availableFen', align: 'right', render: (fen: number) => <Money fen={fen} /> },
      ]}
    />
  );
}

function BalanceAsOfCard({ fund }: { fund: Fund }) {
  const { t, i18n } = useTranslation('audit');
  const [asOf, setAsOf] = useState<Dayjs | null>(dayjs());
  const date = toIsoDate(asOf);
  const balance = useQuery({
    queryKey: ['funds', 'balance', fund.id, date ?? 'now', fund.revision],
    queryFn: () => api.get<BalanceAsOf>(`/funds/${fund.id}/balance`, { asOf: date }),
  });
  return (
    <Card title={t('fund.asOf')} size="small" data-testid="balance-as-of">
      <Form layout="vertical">
        <Form.Item label={t('fund.asOfDate')} htmlFor="balance-as-of-date" extra={t('fund.asOfHint')} style={{ marginBottom: 12 }}>
          <DatePicker id="balance-as-of-date" value={asOf} onChange={setAsOf} allowClear style={{ width: '100%', maxWidth: 240 }} aria-label={t('fund.asOfDate')} />
        </Form.Item>
      </Form>
      <QueryView query={balance}>
        {(data) => (
          <div aria-live="polite" data-testid="balance-as-of-result">
            <Typography.Text type="secondary" data-testid="balance-as-of-instant">
              {t('fund.asOfResult', { instant: formatBeijing(data.asOf, i18n.language) })}
            </Typography.Text>
            <Flex wrap gap="8px 48px" style={{ marginTop: 8 }}>
              <MoneyStatistic title={t('fields.balance')} fen={data.balanceFen} />
              <MoneyStatistic title={t('fields.reserved')} fen={data.reservedFen} />
              <MoneyStatistic title={t('fields.available')} fen={data.availableFen} />
            </Flex>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              {data.lastEntry
                ? t('fund.asOfSummary', { count: data.entriesCounted, kind: t(`ledgerKinds.${data.lastEntry.kind}`), at: formatDateTime(data.lastEntry.occurredAt, i18n.language) })
                : t('fund.asOfNone')}
            </Typography.Paragraph>
          </div>
        )}
      </QueryView>
    </Card>
  );
}

function ReplayCard({ fund }: { fund: Fund }) {
  const { t } = useTranslation('audit');
  const replay = useQuery({
    queryKey: ['funds', 'replay', fund.id, fund.revision],
    queryFn: () => api.get<ReplayResult>(`/funds/${fund.id}/replay`),
  });
  return (
    <Card
      title={t('fund.replay')}
      size="small"
      data-testid="fund-replay"
      extra={<Button size="small" icon={<ReloadOutlined />} loading={replay.isFetching} onClick={() => void replay.refetch()}>{t('fund.replayRun')}</Button>}
    >
      <Typography.Paragraph type="secondary">{t('fund.replayHint')}</Typography.Paragraph>
      <QueryView query={replay}>
        {(data) => (
          <>
            <Result
              style={{ padding: '8px 0' }}
              icon={data.matches ? <CheckCircleFilled style={{ color: '#52c41a', fontSize: 36 }} /> : <CloseCircleFilled style={{ color: '#cf1322', fontSize: 36 }} />}
              title={<span style={{ fontSize: 16 }} data-testid="replay-verdict">{data.matches ? t('fund.replayMatches') : t('fund.replayDiffers')}</span>}
            />
            {data.streamRevision !== data.projectedRevision && <Alert type="warning" showIcon title={t('fund.replayLag')} style={{ marginBottom: 8 }} />}
            <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2 }} bordered>
              <Descriptions.Item label={t('fund.replayEntries')}>{data.entries}</Descriptions.Item>
              <Descriptions.Item label={t('fund.replayStored')}>{data.readModelEntries}</Descriptions.Item>
              <Descriptions.Item label={t('fund.replayBalance')}><Money fen={data.balanceFen} /></Descriptions.Item>
              <Descriptions.Item label={t('fund.replayReserved')}><Money fen={data.reservedFen} /></Descriptions.Item>
              <Descriptions.Item label={t('fund.replayRevisions')}>{data.streamRevision} / {data.projectedRevision}</Descriptions.Item>
            </Descriptions>
            {data.firstDifference !== undefined && (
              <Alert type="error" style={{ marginTop: 8 }} title={t('fund.replayDifference')} description={<pre style={{ whiteSpace: 'pre-wrap', margin: 0, fontSize: 12 }}>{JSON.stringify(data.firstDifference, null, 2)}</pre>} />
            )}
          </>
        )}
      </QueryView>
    </Card>
  );
}

function LedgerCard({ fund }: { fund: Fund }) {
  const { t } = useTranslation('audit');
  const { paging: { page, pageSize }, firstPage, pagination } = usePaging();
  const [period, setPeriod] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const from = toIsoDate(period?.[0]);
  const to = toIsoDate(period?.[1]);
  const ledger = useLedger(fund.id, { page, pageSize, from, to });
  const funds = useAllFunds();
  const poolLabel = usePoolLabel();
  const punct = usePunctuation();
  const fundName = (id: string | null) => funds.data?.find((other) => other.id === id)?.name ?? id;

  const counterpart = (line: LedgerLine) => {
    if (line.kind === 'transfer_in' || line.kind === 'transfer_out') {
      const other = line.counterpart;
      return (
        <>
          {other ? <Link to={`/funds/${other}`}>{fundName(other)}</Link> : '—'}
          {line.description && <Typography.Text type="secondary">{punct.open}{line.description}{punct.close}</Typography.Text>}
        </>
      );
    }
    if (line.kind === 'opened') return line.description ?? '—';
    return (
      <>
        {line.counterpart ?? line.description ?? '—'}
        {line.counterpart && line.description && <Typography.Text type="secondary">{punct.open}{line.description}{punct.close}</Typography.Text>}
      </>
    );
  };

  return (
    <Card
      title={t('fund.ledger')}
      size="small"
      extra={
        <Space wrap>
          <DownloadLink path={`/funds/${fund.id}/ledger/export`} query={{ format: 'csv', from, to }} label={t('fund.exportCsv')} testId="ledger-export-csv" />
          <DownloadLink path={`/funds/${fund.id}/ledger/export`} query={{ format: 'xlsx', from, to }} label={t('fund.exportXlsx')} testId="ledger-export-xlsx" />
        </Space>
      }
    >
      <Form layout="vertical">
        <Form.Item label={t('fund.ledgerPeriod')} htmlFor="ledger-period" style={{ marginBottom: 12 }}>
          <DatePicker.RangePicker
            id={{ start: 'ledger-period' }}
            value={period}
            onChange={(value) => { setPeriod(value); firstPage(); }}
            allowEmpty={[true, true]}
            aria-label={t('fund.ledgerPeriod')}
          />
        </Form.Item>
      </Form>
      {ledger.isError && <Alert type="error" showIcon title={t('states.error', { ns: 'common' })} style={{ marginBottom: 12 }} />}
      <Table<LedgerLine>
        rowKey="revision"
        size="small"
        loading={ledger.isFetching}
        dataSource={ledger.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        onRow={() => ({ 'data-testid': 'ledger-row' }) as React.HTMLAttributes<HTMLElement>}
        pagination={pagination(ledger.data?.total ?? 0)}
        columns={[
          { title: t('fields.occurredAt'), dataIndex: 'occurredAt', render: (value: string) => <DateText value={value} withTime /> },
          { title: t('fields.valueDate'), dataIndex: 'valueDate', render: (value: string) => <DateText value={value} /> },
          { title: t('fields.kind'), dataIndex: 'kind', render: (kind: string) => <Tag>{t(`ledgerKinds.${kind}`)}</Tag> },
          { title: t('fields.income'), key: 'in', align: 'right', render: (_: unknown, line) => (line.amountFen > 0 ? <Money fen={line.amountFen} /> : null) },
          { title: t('fields.expense'), key: 'out', align: 'right', render: (_: unknown, line) => (line.amountFen < 0 ? <Money fen={-line.amountFen} /> : null) },
          { title: t('fields.balanceAfter'), dataIndex: 'balanceAfterFen', align: 'right', render: (fen: number) => <Typography.Text strong><Money fen={fen} /></Typography.Text> },
          {
            title: t('fields.reservedChange'),
            dataIndex: 'reservedChangeFen',
            align: 'right',
            render: (fen: number) => (fen ? <Typography.Text type={fen > 0 ? 'warning' : 'secondary'}>{fen > 0 ? '+' : '−'}<Money fen={Math.abs(fen)} /></Typography.Text> : null),
          },
          { title: t('fields.reserved'), dataIndex: 'reservedAfterFen', align: 'right', render: (fen: number) => <Money fen={fen} /> },
          { title: t('fields.counterpart'), key: 'counterpart', render: (_: unknown, line) => counterpart(line) },
          { title: t('fields.pool'), dataIndex: 'pool', render: (pool: string | null) => poolLabel(pool) },
          {
            title: t('fields.grant'),
            dataIndex: 'grantId',
            render: (grantId: string | null) => (grantId ? <Link to={`/aid-grants/${grantId}`} aria-label={t('fund.grantLink', { id: grantId })}>{grantId.slice(0, 8)}</Link> : null),
          },
          { title: t('fields.actor'), key: 'actor', render: (_: unknown, line) => line.actorName ?? <ShortId value={line.actor} /> },
          { title: t('fields.eventId'), dataIndex: 'eventId', render: (value: string) => <ShortId value={value} /> },
          { title: t('fields.position'), dataIndex: 'position' },
        ]}
      />
    </Card>
  );
}
