import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Flex, Grid, Radio, Table, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { describeProblem } from '../../api/problem';
import { useMe } from '../../auth/session';
import { DateText, Money } from '../../components/Money';
import { Page } from '../../components/Page';
import { usePaging } from '../../components/paging';
import { useGrants, type Grant } from './api';
import { GrantActions } from './GrantActions';
import { RecipientLink, userName } from './labels';

/**
 * The supervisor's inbox: proposals above the threshold waiting for approval under programmes of their units,
 * oldest first. Approve (after confirming the amount) or reject (with a reason) from the list; it refreshes after each.
 */
export function ApprovalsPage() {
  const { t } = useTranslation('funds');
  const me = useMe();
  const wide = Grid.useBreakpoint().md ?? true;
  const [scope, setScope] = useState<'mine' | 'all'>('mine');
  const { paging, firstPage, pagination } = usePaging(20, { resetOnSizeChange: false });
  const grants = useGrants(scope === 'mine' ? { awaitingMyApproval: 'true', ...paging } : { status: 'proposed', ...paging });

  const columns = useMemo<TableColumnsType<Grant>>(
    () => [
      { key: 'recipient', title: t('fields.recipient'), render: (_, grant) => <RecipientLink grant={grant} /> },
      { key: 'amount', title: t('fields.amount'), align: 'right', render: (_, grant) => <Typography.Text strong><Money fen={grant.amountFen} /></Typography.Text> },
      { key: 'programme', title: t('fields.programme'), render: (_, grant) => grant.programme.name },
      { key: 'proposer', title: t('fields.proposedBy'), render: (_, grant) => userName(grant.proposal.by, t) },
      { key: 'proposedOn', title: t('fields.proposedOn'), render: (_, grant) => <DateText value={grant.proposal.at} withTime /> },
      {
        key: 'waiting',
        title: t('fields.daysWaiting'),
        align: 'right',
        render: (_, grant) => {
          const days = dayjs().startOf('day').diff(dayjs(grant.proposal.on), 'day');
          return <Typography.Text type={days >= 7 ? 'danger' : undefined}>{t('grants.days', { count: days })}</Typography.Text>;
        },
      },
      { key: 'fund', title: t('fields.fundShort'), render: (_, grant) => grant.fund.name },
      { key: 'unit', title: t('fields.caseUnit'), render: (_, grant) => grant.unitName },
      {
        key: 'actions',
        title: t('common:table.actions'),
        fixed: wide ? 'right' : undefined,
        render: (_, grant) => (
          <Flex gap={8} wrap={false} align="center">
            {grant.proposal.by.userId !== me.userId && <GrantActions grant={grant} only={['approve', 'reject']} size="small" inlineError={false} />}
            <Link to={`/aid-grants/${grant.id}`} aria-label={`${t('grants.view')} ${grant.recipient.name ?? ''}`}>
              {t('grants.view')}
            </Link>
          </Flex>
        ),
      },
    ],
    [t, me.userId, wide],
  );

  return (
    <Page
      title={t('approvals.title')}
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => void grants.refetch()} loading={grants.isFetching}>
          {t('common:actions.refresh')}
        </Button>
      }
    >
      <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
        <span id="approvals-scope">{t('approvals.scope')}</span>
        <Radio.Group
          aria-labelledby="approvals-scope"
          optionType="button"
          value={scope}
          onChange={(event) => {
            setScope(event.target.value);
            firstPage();
          }}
          options={[
            { value: 'mine', label: t('approvals.mine') },
            { value: 'all', label: t('approvals.all') },
          ]}
        />
        <Typography.Text type="secondary">{t('approvals.oldestFirst')}</Typography.Text>
      </Flex>
      {grants.isError && <Alert type="error" showIcon role="alert" title={describeProblem(grants.error, t)} style={{ marginBottom: 12 }} />}
      <Table<Grant>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={grants.data?.items}
        loading={grants.isFetching}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('approvals.empty')} /> }}
        pagination={pagination(grants.data?.total ?? 0)}
      />
    </Page>
  );
}
