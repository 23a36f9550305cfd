import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Descriptions, Form, Grid, InputNumber, Row, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client';
import { describeProblem } from '../../api/problem';
import { useMe } from '../../auth/session';
import { DateText, Money } from '../../components/Money';
import { Page } from '../../components/Page';
import { usePaging } from '../../components/paging';
import { usePunctuation } from '../../components/punctuation';
import { waitForReadModel } from '../../components/readModel';
import type { Fund } from './fund-types';
import { aidKeys, availableForProgramme, programmeState, useFunds, useProgrammes, type Programme } from './api';
import { today } from './labels';

const STATE_COLORS = { open: 'green', closed: 'default', upcoming: 'blue', expired: 'orange' } as const;

/** The aid programmes of the user's units and the units above, with their rules, dates and totals; supervisors establish and close them. */
export function ProgrammesPage() {
  const { t } = useTranslation('funds');
  const punct = usePunctuation();
  const me = useMe();
  const wide = Grid.useBreakpoint().md ?? true;
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const queries = useQueryClient();
  const [year, setYear] = useState<number | null>(null);
  const { paging, firstPage, pagination } = usePaging(20, { resetOnSizeChange: false });
  const programmes = useProgrammes({ year: year ?? undefined, ...paging });
  const funds = useFunds();
  const supervisor = me.role === 'supervisor';
  const now = today();

  const close = (programme: Programme) =>
    modal.confirm({
      title: t('dialogs.closeTitle'),
      content: t('dialogs.closeBody', { name: programme.name }),
      okText: t('actions.close'),
      okButtonProps: { danger: true },
      cancelText: t('common:actions.cancel'),
      onOk: async () => {
        try {
          await api.post(`/aid-programmes/${programme.id}/closing`, {});
          void message.success(t('actions.closed'));
          await waitForReadModel(() => api.get<Programme>(`/aid-programmes/${programme.id}`), (p) => p.status === 'closed');
          await queries.invalidateQueries({ queryKey: aidKeys.programmes });
        } catch (caught) {
          void message.error(describeProblem(caught, t));
        }
      },
    });

  const columns: TableColumnsType<Programme> = [
    {
      key: 'name',
      title: t('programmes.name'),
      render: (_, p) => (
        <>
          <Typography.Text strong>{p.name}</Typography.Text>
          <div>
            <Typography.Text type="secondary">{t(`kinds.${p.kind}`)}</Typography.Text>
          </div>
        </>
      ),
    },
    { key: 'year', title: t('programmes.year'), dataIndex: 'year' },
    { key: 'unit', title: t('programmes.unit'), render: (_, p) => p.unitName },
    {
      key: 'period',
      title: t('programmes.period'),
      render: (_, p) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          <DateText value={p.opensOn} /> – <DateText value={p.closesOn} />
        </span>
      ),
    },
    {
      key: 'state',
      title: t('fields.status'),
      render: (_, p) => {
        const state = programmeState(p, now);
        return <Tag color={STATE_COLORS[state]}>{t(`programmeStatus.${state}`)}</Tag>;
      },
    },
    { key: 'cap', title: t('programmes.cap'), align: 'right', render: (_, p) => <Money fen={p.householdCapFen} /> },
    {
      key: 'eligibility',
      title: t('programmes.eligibility'),
      render: (_, p) => (
        <div style={{ minWidth: 180 }}>
          <div>{punct.list(p.eligibility.recipients.map((kind) => t(`recipientKinds.${kind}`)))}</div>
          <Typography.Text type="secondary">
            {[
              punct.labelled(t('propose.eligibleTiers'), p.eligibility.tiers.length ? punct.list(p.eligibility.tiers.map((tier) => t(`tiers.${tier}`))) : t('propose.anyTier')),
              p.eligibility.admissionLevels.length > 0 && punct.labelled(t('propose.admissionRequired'), punct.list(p.eligibility.admissionLevels.map((l) => t(`admissionLevels.${l}`)))),
              p.oneGrantPerHousehold && t('programmes.oneGrant'),
            ].filter(Boolean).join(punct.semicolon)}
          </Typography.Text>
        </div>
      ),
    },
    { key: 'threshold', title: t('programmes.threshold'), align: 'right', render: (_, p) => <Money fen={p.approvalThresholdFen} /> },
    {
      key: 'grants',
      title: t('programmes.grants'),
      render: (_, p) => (
        <Link to={`/aid-grants?programmeId=${p.id}`}>{t('programmes.grantCounts', { proposed: p.grants.proposed ?? 0, granted: p.grants.granted ?? 0, disbursed: p.grants.disbursed ?? 0 })}</Link>
      ),
    },
    { key: 'reserved', title: t('programmes.reserved'), align: 'right', render: (_, p) => <Money fen={p.reservedFen} /> },
    { key: 'disbursed', title: t('programmes.disbursed'), align: 'right', render: (_, p) => <Money fen={p.disbursedFen} /> },
    ...(supervisor
      ? [
          {
            key: 'actions',
            title: t('common:table.actions'),
            fixed: wide ? ('right' as const) : undefined,
            render: (_: unknown, p: Programme) =>
              p.status === 'open' ? (
                <Button size="small" danger onClick={() => close(p)} aria-label={`${t('actions.close')} ${p.name}`}>
                  {t('actions.close')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <Page
      title={t('programmes.title')}
      extra={
        supervisor && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/aid-programmes/new')}>
            {t('programmes.establish')}
          </Button>
        )
      }
    >
      <Form layout="vertical">
        <Row gutter={12}>
          <Col xs={24} sm={8} lg={4}>
            <Form.Item label={t('programmes.year')} htmlFor="programme-filter-year">
              <InputNumber<number>
                id="programme-filter-year"
                style={{ width: '100%' }}
                min={2000}
                max={2100}
                precision={0}
                placeholder={t('programmes.allYears')}
                value={year}
                onChange={(value) => {
                  setYear(value);
                  firstPage();
                }}
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {programmes.isError && <Alert type="error" showIcon role="alert" title={describeProblem(programmes.error, t)} style={{ marginBottom: 12 }} />}
      <Table<Programme>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={programmes.data?.items}
        loading={programmes.isFetching}
        scroll={{ x: 'max-content' }}
        expandable={{ expandedRowRender: (p) => <ProgrammeFunds programme={p} funds={(funds.data?.items ?? []).filter((f) => f.unitId === p.unitId)} /> }}
        pagination={pagination(programmes.data?.total ?? 0)}
      />
    </Page>
  );
}

/** The funds a programme's grants may be paid from: those of its unit, with what each has available for it. */
function ProgrammeFunds({ programme, funds }: { programme: Programme; funds: Fund[] }) {
  const { t } = useTranslation('funds');
  if (!funds.length) return <Typography.Text type="secondary">{t('programmes.noFunds')}</Typography.Text>;
  return (
    <Descriptions
      size="small"
      title={t('programmes.funds')}
      column={{ xs: 1, sm: 1, md: 2 }}
      items={funds.map((fund) => ({
        key: fund.id,
        label: <Link to={`/funds/${fund.id}`}>{fund.name}</Link>,
        children: (
          <span>
            {t(`sources.${fund.source}`)} · {t('propose.fundAvailableForProgramme')} <Money fen={availableForProgramme(fund, programme)} />
          </span>
        ),
      }))}
    />
  );
}
