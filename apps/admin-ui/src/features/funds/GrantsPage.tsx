import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Form, Grid, Row, Select, Table, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { describeProblem } from '../../api/problem';
import { useMe } from '../../auth/session';
import { DateText, Money } from '../../components/Money';
import { Page } from '../../components/Page';
import { UnitSelect } from '../../components/UnitSelect';
import { useUrlPaging } from '../../components/paging';
import { usePunctuation } from '../../components/punctuation';
import { GRANT_STATUSES, useFunds, useGrants, useProgrammes, type Grant, type GrantFilter } from './api';
import { GrantStatusTag, RecipientLink } from './labels';

/** Every grant of cases in the user's units, filtered by status, programme, fund, file and unit, newest first. */
export function GrantsPage() {
  const { t } = useTranslation('funds');
  const punct = usePunctuation();
  const me = useMe();
  const wide = Grid.useBreakpoint().md ?? true;
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const paging = useUrlPaging();
  const filter: GrantFilter = {
    status: params.get('status') ?? undefined,
    programmeId: params.get('programmeId') ?? undefined,
    fundId: params.get('fundId') ?? undefined,
    fileId: params.get('fileId') ?? undefined,
    unitId: params.get('unitId') ?? undefined,
    page: paging.page,
    pageSize: paging.pageSize,
  };
  const grants = useGrants(filter);
  const programmes = useProgrammes();
  const funds = useFunds();

  const set = (changes: Record<string, string | number | undefined | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === null || value === '') next.delete(key);
      else next.set(key, String(value));
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };

  const columns = useMemo<TableColumnsType<Grant>>(
    () => [
      { key: 'recipient', title: t('fields.recipient'), render: (_, grant) => <RecipientLink grant={grant} /> },
      {
        key: 'programme',
        title: t('fields.programme'),
        render: (_, grant) => grant.programme.name ?? t(`kinds.${grant.programme.kind}`),
      },
      { key: 'amount', title: t('fields.amount'), align: 'right', render: (_, grant) => <Money fen={grant.amountFen} /> },
      { key: 'status', title: t('fields.status'), render: (_, grant) => <GrantStatusTag status={grant.status} /> },
      { key: 'fund', title: t('fields.fundShort'), render: (_, grant) => grant.fund.name },
      { key: 'unit', title: t('fields.caseUnit'), render: (_, grant) => grant.unitName },
      { key: 'proposedOn', title: t('fields.proposedOn'), render: (_, grant) => <DateText value={grant.proposal.on} /> },
      { key: 'approvedOn', title: t('fields.approvedOn'), render: (_, grant) => <DateText value={grant.approval?.on} /> },
      { key: 'paidOn', title: t('fields.paidOn'), render: (_, grant) => <DateText value={grant.disbursement?.paidOn} /> },
      {
        key: 'actions',
        title: t('common:table.actions'),
        fixed: wide ? 'right' : undefined,
        render: (_, grant) => (
          <Link to={`/aid-grants/${grant.id}`} aria-label={`${t('grants.view')} ${grant.recipient.name ?? ''}`}>
            {t('grants.view')}
          </Link>
        ),
      },
    ],
    [t, wide],
  );

  const mayPropose = me.role === 'caseworker' || me.role === 'supervisor';
  return (
    <Page
      title={t('grants.title')}
      extra={
        mayPropose && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(filter.fileId ? `/aid-grants/new?hardshipFileId=${filter.fileId}` : '/aid-grants/new')}>
            {t('grants.propose')}
          </Button>
        )
      }
    >
      <Form layout="vertical" aria-label={t('grants.filters')} style={{ marginBottom: 8 }}>
        <Row gutter={12}>
          <Col xs={24} sm={12} lg={5}>
            <Form.Item label={t('fields.status')} htmlFor="grant-filter-status">
              <Select
                id="grant-filter-status"
                allowClear
                placeholder={t('grants.allStatuses')}
                value={filter.status}
                onChange={(value) => set({ status: value })}
                options={GRANT_STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={7}>
            <Form.Item label={t('fields.programme')} htmlFor="grant-filter-programme">
              <Select
                id="grant-filter-programme"
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('grants.allProgrammes')}
                loading={programmes.isPending}
                value={filter.programmeId}
                onChange={(value) => set({ programmeId: value })}
                options={(programmes.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <Form.Item label={t('fields.fundShort')} htmlFor="grant-filter-fund">
              <Select
                id="grant-filter-fund"
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('grants.allFunds')}
                loading={funds.isPending}
                value={filter.fundId}
                onChange={(value) => set({ fundId: value })}
                options={(funds.data?.items ?? []).map((f) => ({ value: f.id, label: f.name }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <Form.Item label={t('fields.caseUnit')} htmlFor="grant-filter-unit">
              <UnitSelect id="grant-filter-unit" allowClear value={filter.unitId} onChange={(value) => set({ unitId: value })} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {filter.fileId && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={grants.data?.items[0]?.recipient.name ? punct.labelled(t('grants.onlyFile'), grants.data.items[0].recipient.name) : t('grants.onlyFile')}
          action={
            <Button size="small" onClick={() => set({ fileId: undefined })}>
              {t('grants.clearFile')}
            </Button>
          }
        />
      )}
      {grants.isError && <Alert type="error" showIcon role="alert" title={describeProblem(grants.error, t)} style={{ marginBottom: 12 }} />}
      <Table<Grant>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={grants.data?.items}
        loading={grants.isFetching}
        scroll={{ x: 'max-content' }}
        pagination={paging.pagination(grants.data?.total ?? 0, { onChange: (page, pageSize) => set({ page, pageSize }) })}
      />
    </Page>
  );
}
