import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, DatePicker, Form, Row, Select, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type Paged } from '../../api/client';
import { describeProblem } from '../../api/problem';
import { formatDateTime } from '../../components/format';
import { DateText } from '../../components/Money';
import { Page } from '../../components/Page';
import { usePaging } from '../../components/paging';
import { useUnits } from '../../components/UnitSelect';
import { usePunctuation } from '../../components/punctuation';
import { ACCESS_KINDS, type AccessLogEntry, type Account } from './api';
import { ShortId } from './shared';

const KIND_COLORS: Record<string, string> = {
  SignInFailed: 'orange',
  UnknownUserSignInFailed: 'orange',
  AccountLocked: 'red',
  AccountDisabled: 'red',
  AccountRoleChanged: 'purple',
  PersonalRecordRead: 'blue',
  SignedIn: 'green',
};

const RECORD_LINKS: Record<string, string> = { hardship_file: '/hardship-files', aid_grant: '/aid-grants', job_seeker: '/job-seekers' };

export function AccessLogPage() {
  const { t, i18n } = useTranslation('audit');
  const punct = usePunctuation();
  const { paging: { page, pageSize }, firstPage, pagination } = usePaging();
  const [kind, setKind] = useState<string>();
  const [userId, setUserId] = useState<string>();
  const [period, setPeriod] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const from = period?.[0]?.startOf('day').toISOString();
  const to = period?.[1]?.add(1, 'day').startOf('day').toISOString();
  const units = useUnits();
  const unitName = (id: unknown) => (typeof id === 'string' ? (units.data?.find((unit) => unit.id === id)?.name ?? id.slice(0, 8)) : '—');
  const accounts = useQuery({
    queryKey: ['accounts', 'all'],
    queryFn: () => api.get<Paged<Account>>('/accounts', { page: 1, pageSize: 100 }).then((result) => result.items),
    staleTime: 60_000,
  });
  const log = useQuery({
    queryKey: ['access-log', { page, pageSize, kind, userId, from, to }],
    queryFn: () => api.get<Paged<AccessLogEntry>>('/access-log', { page, pageSize, kind, userId, from, to }),
    placeholderData: keepPreviousData,
  });

  const role = (value: unknown) => (typeof value === 'string' ? t(`roles.${value}`, { ns: 'common' }) : '—');
  const detail = (entry: AccessLogEntry) => {
    const d = entry.detail ?? {};
    switch (entry.kind) {
      case 'SignedIn':
      case 'UnknownUserSignInFailed':
        return t('accessLog.client', { client: t(`accessLog.clients.${String(d.client)}`, { defaultValue: String(d.client ?? '—') }) });
      case 'SignInFailed':
        return t('accessLog.failures', { reason: t(`accessLog.failureReasons.${String(d.reason)}`, { defaultValue: String(d.reason ?? '') }), count: Number(d.consecutiveFailures ?? 0) });
      case 'AccountLocked':
        return t('accessLog.lockedUntil', { until: formatDateTime(String(d.until), i18n.language) });
      case 'AccountCreated':
        return t('accessLog.created', { name: String(d.displayName ?? d.username ?? ''), role: role(d.role) });
      case 'AccountRoleChanged':
        return t('accessLog.roleChanged', { from: role(d.previousRole), to: role(d.role) });
      case 'AccountMoved':
        return t('accessLog.moved', { from: unitName(d.previousUnitId), to: unitName(d.unitId) });
      case 'PasswordChanged':
        return t(`accessLog.passwordBy.${String(d.by)}`, { defaultValue: String(d.by ?? '') });
      case 'AccountDisabled':
        return t('accessLog.disabledReason', { reason: String(d.reason ?? '') });
      case 'PersonalRecordRead': {
        const type = String(d.recordType ?? '');
        const base = RECORD_LINKS[type];
        const label = t(`accessLog.recordTypes.${type}`, { defaultValue: type });
        return base && typeof d.recordId === 'string' ? (
          <span>
            {label} <Link to={`${base}/${d.recordId}`} aria-label={t('accessLog.openRecord')}>{d.recordId.slice(0, 8)}</Link>
          </span>
        ) : (
          label
        );
      }
      default:
        return null;
    }
  };

  return (
    <Page title={t('accessLog.title')}>
      <Typography.Paragraph type="secondary">{t('accessLog.intro')}</Typography.Paragraph>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="vertical" role="search">
          <Row gutter={16}>
            <Col xs={24} sm={12} md={8}>
              <Form.Item label={t('fields.accessKind')} htmlFor="access-kind">
                <Select
                  id="access-kind"
                  allowClear
                  placeholder={t('accessLog.allKinds')}
                  value={kind}
                  onChange={(value?: string) => { setKind(value); firstPage(); }}
                  options={ACCESS_KINDS.map((value) => ({ value, label: t(`accessLog.kinds.${value}`) }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} md={8}>
              <Form.Item label={t('fields.account')} htmlFor="access-account">
                <Select
                  id="access-account"
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={t('accessLog.allAccounts')}
                  loading={accounts.isPending}
                  value={userId}
                  onChange={(value?: string) => { setUserId(value); firstPage(); }}
                  options={(accounts.data ?? []).map((account) => ({ value: account.id, label: punct.note(account.displayName, account.username) }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} md={8}>
              <Form.Item label={t('fields.period')} htmlFor="access-period">
                <DatePicker.RangePicker id={{ start: 'access-period' }} allowEmpty={[true, true]} value={period} onChange={(value) => { setPeriod(value); firstPage(); }} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      {log.isError && <Alert type="error" showIcon title={describeProblem(log.error, t)} style={{ marginBottom: 12 }} />}
      <Table<AccessLogEntry>
        rowKey="position"
        loading={log.isFetching}
        dataSource={log.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        onRow={() => ({ 'data-testid': 'access-log-row' }) as React.HTMLAttributes<HTMLElement>}
        pagination={pagination(log.data?.total ?? 0)}
        columns={[
          { title: t('fields.time'), dataIndex: 'occurredAt', render: (value: string) => <DateText value={value} withTime /> },
          { title: t('fields.accessKind'), dataIndex: 'kind', render: (value: string) => <Tag color={KIND_COLORS[value]}>{t(`accessLog.kinds.${value}`, { defaultValue: value })}</Tag> },
          { title: t('fields.operator'), key: 'actor', render: (_: unknown, entry) => entry.actorUsername ?? (/^[0-9a-f-]{36}$/.test(entry.actorId) ? <ShortId value={entry.actorId} /> : punct.note(t('accessLog.system'), entry.actorId)) },
          { title: t('fields.account'), key: 'user', render: (_: unknown, entry) => entry.username ?? (entry.userId ? <ShortId value={entry.userId} /> : '—') },
          { title: t('fields.unit'), dataIndex: 'unitId', render: (value: string | null) => (value ? unitName(value) : '—') },
          { title: t('fields.ip'), dataIndex: 'ip', render: (value: string | null) => value ?? '—' },
          { title: t('fields.detail'), key: 'detail', render: (_: unknown, entry) => detail(entry) },
        ]}
      />
    </Page>
  );
}
