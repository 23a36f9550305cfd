import { BranchesOutlined, SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Descriptions, Drawer, Flex, Form, Grid, Input, Row, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { formatDateTime, formatMoney, toIsoDate } from '../../components/format';
import { DateText, Money } from '../../components/Money';
import { Page } from '../../components/Page';
import { UnitSelect } from '../../components/UnitSelect';
import { usePaging } from '../../components/paging';
import { usePunctuation } from '../../components/punctuation';
import type { EventBehind, Grant, UserRef } from '../funds/api';
import { useAllFunds, useProgrammes, type Disbursements } from './api';
import { DownloadLink, ShortId, usePoolLabel } from './shared';

interface Filter {
  fundId?: string;
  programmeId?: string;
  unitId?: string;
  from?: string;
  to?: string;
}

const STATUS_COLORS: Record<string, string> = { disbursed: 'green', reversed: 'red', granted: 'blue', proposed: 'gold', rejected: 'default', revoked: 'default' };

/** Every payment of the filter, read page by page (the API has no search by receipt; the register is small per period). */
async function allDisbursements(filter: Filter): Promise<Grant[]> {
  const items: Grant[] = [];
  for (let page = 1; ; page++) {
    const result = await api.get<Disbursements>('/disbursements', { ...filter, page, pageSize: 100 });
    items.push(...result.items);
    if (items.length >= result.total || !result.items.length || page >= 50) return items;
  }
}

function matches(grant: Grant, text: string) {
  const needle = text.trim().toLowerCase();
  return (
    (grant.disbursement?.receiptReference ?? '').toLowerCase().includes(needle) ||
    (grant.recipient.name ?? '').toLowerCase().includes(needle) ||
    grant.id.toLowerCase().startsWith(needle)
  );
}

export function DisbursementsPage() {
  const { t, i18n } = useTranslation('audit');
  const screens = Grid.useBreakpoint();
  const [filter, setFilter] = useState<Filter>({});
  const [period, setPeriod] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [searchText, setSearchText] = useState('');
  const [search, setSearch] = useState('');
  const { paging: { page, pageSize }, firstPage, pagination } = usePaging();
  const [open, setOpen] = useState<Grant | null>(null);
  const funds = useAllFunds();
  const programmes = useProgrammes();
  const punct = usePunctuation();

  const paged = useQuery({
    queryKey: ['disbursements', 'page', filter, page, pageSize],
    queryFn: () => api.get<Disbursements>('/disbursements', { ...filter, page, pageSize }),
    placeholderData: keepPreviousData,
    enabled: !search,
  });
  const everything = useQuery({
    queryKey: ['disbursements', 'all', filter],
    queryFn: () => allDisbursements(filter),
    enabled: !!search,
  });
  const found = useMemo(() => (search ? (everything.data ?? []).filter((grant) => matches(grant, search)) : []), [everything.data, search]);
  const rows = search ? found.slice((page - 1) * pageSize, page * pageSize) : (paged.data?.items ?? []);
  const total = search ? found.length : (paged.data?.total ?? 0);
  const loading = search ? everything.isFetching : paged.isFetching;
  const failed = search ? everything.isError : paged.isError;
  const totals = paged.data?.totals;

  const change = (next: Partial<Filter>) => {
    setFilter((current) => ({ ...current, ...next }));
    firstPage();
  };
  const who = (ref: UserRef | null | undefined) => ref?.displayName ?? ref?.userId.slice(0, 8) ?? '—';

  return (
    <Page
      title={t('disbursements.title')}
      extra={
        <Space wrap>
          <DownloadLink path="/disbursements/export" query={{ ...filter, format: 'csv' }} label={t('disbursements.exportCsv')} testId="disbursements-export-csv" />
          <DownloadLink path="/disbursements/export" query={{ ...filter, format: 'xlsx' }} label={t('disbursements.exportXlsx')} testId="disbursements-export-xlsx" />
        </Space>
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="vertical" role="search" onFinish={() => { setSearch(searchText.trim()); firstPage(); }}>
          <Row gutter={16}>
            <Col xs={24} md={12} xl={8}>
              <Form.Item label={t('fields.search')} htmlFor="disbursement-search" extra={t('disbursements.searchHint')}>
                <Space.Compact style={{ width: '100%' }}>
                  <Input
                    id="disbursement-search"
                    value={searchText}
                    allowClear
                    placeholder={t('disbursements.searchPlaceholder')}
                    onChange={(event) => {
                      setSearchText(event.target.value);
                      if (!event.target.value) { setSearch(''); firstPage(); }
                    }}
                  />
                  <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>{t('actions.search', { ns: 'common' })}</Button>
                </Space.Compact>
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} xl={8}>
              <Form.Item label={t('fields.period')} htmlFor="disbursement-period">
                <DatePicker.RangePicker
                  id={{ start: 'disbursement-period' }}
                  value={period}
                  allowEmpty={[true, true]}
                  style={{ width: '100%' }}
                  onChange={(value) => { setPeriod(value); change({ from: toIsoDate(value?.[0]), to: toIsoDate(value?.[1]) }); }}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} xl={8}>
              <Form.Item label={t('fields.unit')} htmlFor="disbursement-unit">
                <UnitSelect id="disbursement-unit" allowClear value={filter.unitId} onChange={(unitId) => change({ unitId })} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} xl={8}>
              <Form.Item label={t('fields.fund')} htmlFor="disbursement-fund">
                <Select
                  id="disbursement-fund"
                  allowClear
                  loading={funds.isPending}
                  value={filter.fundId}
                  onChange={(fundId?: string) => change({ fundId })}
                  showSearch={{ optionFilterProp: 'label' }}
                  options={(funds.data ?? []).map((fund) => ({ value: fund.id, label: fund.name }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} xl={8}>
              <Form.Item label={t('fields.programme')} htmlFor="disbursement-programme">
                <Select
                  id="disbursement-programme"
                  allowClear
                  loading={programmes.isPending}
                  value={filter.programmeId}
                  onChange={(programmeId?: string) => change({ programmeId })}
                  showSearch={{ optionFilterProp: 'label' }}
                  options={(programmes.data ?? []).map((programme) => ({ value: programme.id, label: punct.note(programme.name, programme.year) }))}
                />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      {totals && !search && (
        <Typography.Paragraph data-testid="disbursement-totals">
          {t('disbursements.totals', {
            count: totals.count,
            disbursed: formatMoney(totals.disbursedFen, i18n.language),
            reversed: formatMoney(totals.reversedFen, i18n.language),
            net: formatMoney(totals.netFen, i18n.language),
          })}
        </Typography.Paragraph>
      )}
      {failed && <Alert type="error" showIcon title={t('states.error', { ns: 'common' })} style={{ marginBottom: 12 }} />}
      <Table<Grant>
        rowKey="id"
        loading={loading}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: search ? t('disbursements.noMatch') : t('states.empty', { ns: 'common' }) }}
        onRow={(grant) => ({ 'data-testid': 'disbursement-row', 'data-receipt': grant.disbursement?.receiptReference }) as React.HTMLAttributes<HTMLElement>}
        pagination={pagination(total)}
        columns={[
          { title: t('fields.paidOn'), key: 'paidOn', render: (_: unknown, grant) => <DateText value={grant.disbursement?.paidOn} /> },
          {
            title: t('fields.receipt'),
            key: 'receipt',
            render: (_: unknown, grant) => <Typography.Text strong data-testid="disbursement-receipt">{grant.disbursement?.receiptReference ?? '—'}</Typography.Text>,
          },
          {
            title: t('fields.recipient'),
            key: 'recipient',
            render: (_: unknown, grant) => <RecipientName grant={grant} />,
          },
          { title: t('fields.amount'), dataIndex: 'amountFen', align: 'right', render: (fen: number) => <Money fen={fen} /> },
          { title: t('fields.programme'), key: 'programme', render: (_: unknown, grant) => grant.programme.name ?? t(`programmeKinds.${grant.programme.kind}`) },
          { title: t('fields.fund'), key: 'fund', render: (_: unknown, grant) => <Link to={`/funds/${grant.fund.id}`}>{grant.fund.name ?? grant.fund.id.slice(0, 8)}</Link> },
          { title: t('fields.unit'), dataIndex: 'unitName' },
          {
            title: t('fields.proposal'),
            key: 'proposal',
            render: (_: unknown, grant) => (
              <span>{who(grant.proposal.by)}<br /><Typography.Text type="secondary"><DateText value={grant.proposal.at} withTime /></Typography.Text></span>
            ),
          },
          {
            title: t('fields.approval'),
            key: 'approval',
            render: (_: unknown, grant) =>
              grant.approval ? (
                <span>
                  {grant.approval.kind === 'supervisor' ? who(grant.approval.by) : t('approvalKinds.within_threshold')}
                  <br />
                  <Typography.Text type="secondary"><DateText value={grant.approval.at} withTime /></Typography.Text>
                </span>
              ) : '—',
          },
          { title: t('fields.method'), key: 'method', render: (_: unknown, grant) => (grant.disbursement ? t(`methods.${grant.disbursement.method}`) : '—') },
          { title: t('fields.status'), dataIndex: 'status', render: (status: string) => <Tag color={STATUS_COLORS[status]}>{t(`grantStatuses.${status}`)}</Tag> },
          {
            title: t('table.actions', { ns: 'common' }),
            key: 'actions',
            fixed: screens.md ? 'right' : undefined,
            render: (_: unknown, grant) => (
              <Button
                size="small"
                icon={<BranchesOutlined />}
                onClick={() => setOpen(grant)}
                title={t('disbursements.chainNamed', { receipt: grant.disbursement?.receiptReference ?? grant.id })}
                data-testid="disbursement-chain-button"
              >
                {t('disbursements.chain')}
              </Button>
            ),
          },
        ]}
      />
      <Drawer
        open={open !== null}
        onClose={() => setOpen(null)}
        size={screens.md ? 720 : '100%'}
        title={open ? t('disbursements.chainTitle', { receipt: open.disbursement?.receiptReference ?? open.id.slice(0, 8) }) : ''}
        data-testid="disbursement-chain"
      >
        {open && <Chain grant={open} />}
      </Drawer>
    </Page>
  );
}

function RecipientName({ grant }: { grant: Grant }) {
  const { t } = useTranslation('audit');
  const punct = usePunctuation();
  const name = grant.recipient.personalDataErased ? t('disbursements.erased') : (grant.recipient.name ?? '—');
  if (grant.recipient.kind === 'hardship_file' && grant.recipient.fileId) return <Link to={`/hardship-files/${grant.recipient.fileId}`}>{name}</Link>;
  return (
    <span>
      {name} <Typography.Text type="secondary">{punct.open.trimStart()}{t('disbursements.worker')}{punct.close}</Typography.Text>
    </span>
  );
}

function Chain({ grant }: { grant: Grant }) {
  const { t, i18n } = useTranslation('audit');
  const poolLabel = usePoolLabel();
  const punct = usePunctuation();
  const who = (ref: UserRef | null | undefined) => ref?.displayName ?? ref?.userId ?? '—';
  const at = (value: string) => formatDateTime(value, i18n.language);
  const steps = [
    {
      color: 'blue',
      content: (
        <div data-testid="chain-proposal">
          <Typography.Text strong>{t('fields.proposal')}</Typography.Text>
          <div>{t('disbursements.proposedBy', { name: who(grant.proposal.by), at: at(grant.proposal.at) })}</div>
          <EventLine id={grant.proposal.eventId} />
        </div>
      ),
    },
    ...(grant.approval
      ? [
          {
            color: 'green',
            content: (
              <div data-testid="chain-approval">
                <Typography.Text strong>{t('fields.approval')}</Typography.Text> <Tag>{t(`approvalKinds.${grant.approval.kind}`)}</Tag>
                <div>
                  {grant.approval.kind === 'supervisor'
                    ? t('disbursements.approvedBy', { name: who(grant.approval.by), at: at(grant.approval.at) })
                    : t('disbursements.withinThreshold', { at: at(grant.approval.at) })}
                </div>
                <EventLine id={grant.approval.eventId} />
              </div>
            ),
          },
        ]
      : []),
    ...(grant.rejection
      ? [{ color: 'gray', content: <div><Typography.Text strong>{t('disbursements.rejection')}</Typography.Text><div><DateText value={grant.rejection.on} />{punct.colon}{grant.rejection.reason}</div><EventLine id={grant.rejection.eventId} /></div> }]
      : []),
    ...(grant.disbursement
      ? [
          {
            color: 'green',
            content: (
              <div data-testid="chain-disbursement">
                <Typography.Text strong>{t('fields.disbursement')}</Typography.Text> <Tag>{t(`methods.${grant.disbursement.method}`)}</Tag>
                <div>
                  <DateText value={grant.disbursement.paidOn} /> · {t('fields.receipt')} <Typography.Text strong copyable>{grant.disbursement.receiptReference}</Typography.Text> ·{' '}
                  {punct.note(t('disbursements.paidBy', { name: who(grant.disbursement.by) }), at(grant.disbursement.at))}
                </div>
                {grant.disbursement.inKindDescription && <div>{punct.labelled(t('fields.inKind'), grant.disbursement.inKindDescription)}</div>}
                <EventLine id={grant.disbursement.eventId} position={grant.disbursement.position} />
              </div>
            ),
          },
        ]
      : []),
    ...(grant.revocation
      ? [{ color: 'gray', content: <div><Typography.Text strong>{t('disbursements.revocation')}</Typography.Text><div><DateText value={grant.revocation.on} />{punct.colon}{grant.revocation.reason}</div><EventLine id={grant.revocation.eventId} /></div> }]
      : []),
    ...(grant.reversal
      ? [{ color: 'red', content: <div data-testid="chain-reversal"><Typography.Text strong>{t('disbursements.reversal')}</Typography.Text><div><DateText value={grant.reversal.on} />{punct.colon}{grant.reversal.reason}</div><EventLine id={grant.reversal.eventId} /></div> }]
      : []),
  ];
  const eventColumns = [
    { title: t('fields.type'), dataIndex: 'type', render: (type: string) => t(`eventTypes.${type}`, { defaultValue: type }) },
    { title: t('fields.revision'), dataIndex: 'revision' },
    { title: t('fields.position'), dataIndex: 'position' },
    { title: t('fields.eventId'), dataIndex: 'eventId', render: (id: string) => <ShortId value={id} /> },
    { title: t('fields.time'), dataIndex: 'occurredAt', render: (value: string) => <DateText value={value} withTime /> },
  ];
  return (
    <Flex vertical gap={16}>
      <Descriptions size="small" bordered column={{ xs: 1, sm: 1, md: 2 }}>
        <Descriptions.Item label={t('fields.recipient')}><RecipientName grant={grant} /></Descriptions.Item>
        <Descriptions.Item label={t('fields.amount')}><Money fen={grant.amountFen} /></Descriptions.Item>
        <Descriptions.Item label={t('fields.programme')}>{punct.note(grant.programme.name, t(`programmeKinds.${grant.programme.kind}`))}</Descriptions.Item>
        <Descriptions.Item label={t('fields.fund')}><Link to={`/funds/${grant.fund.id}`}>{grant.fund.name}</Link></Descriptions.Item>
        <Descriptions.Item label={t('fields.pool')}>{poolLabel(grant.pool)}</Descriptions.Item>
        <Descriptions.Item label={t('fields.unit')}>{grant.unitName}</Descriptions.Item>
        <Descriptions.Item label={t('fields.status')}><Tag color={STATUS_COLORS[grant.status]}>{t(`grantStatuses.${grant.status}`)}</Tag></Descriptions.Item>
        <Descriptions.Item label={t('disbursements.caseLinks')}>
          <Space wrap>
            {grant.recipient.fileId && <Link to={`/hardship-files/${grant.recipient.fileId}`} data-testid="chain-file-link">{t('disbursements.openFile')}</Link>}
            <Link to={`/aid-grants/${grant.id}`} data-testid="chain-grant-link">{t('disbursements.openGrant')}</Link>
          </Space>
        </Descriptions.Item>
      </Descriptions>
      <div>
        <Typography.Title level={5}>{t('disbursements.steps')}</Typography.Title>
        <Timeline items={steps} />
      </div>
      <div>
        <Typography.Title level={5}>{t('disbursements.grantEvents')}</Typography.Title>
        <Table<EventBehind> size="small" rowKey="eventId" pagination={false} dataSource={grant.events} scroll={{ x: 'max-content' }} columns={eventColumns} data-testid="chain-grant-events" />
      </div>
      <div>
        <Typography.Title level={5}>{t('disbursements.fundEvents')}</Typography.Title>
        <Table<EventBehind>
          size="small"
          rowKey="eventId"
          pagination={false}
          dataSource={grant.fundEvents}
          scroll={{ x: 'max-content' }}
          data-testid="chain-fund-events"
          columns={[
            ...eventColumns,
            { title: t('fields.amount'), dataIndex: 'amountFen', render: (fen: number) => (fen ? <Money fen={fen} /> : null) },
            { title: t('fields.reservedChange'), dataIndex: 'reservedChangeFen', render: (fen: number) => (fen ? <Money fen={fen} /> : null) },
          ]}
        />
      </div>
    </Flex>
  );
}

function EventLine({ id, position }: { id: string; position?: string }) {
  const { t } = useTranslation('audit');
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {t('fields.eventId')} <ShortId value={id} />
      {position && <> · {t('fields.position')} {position}</>}
    </Typography.Text>
  );
}
