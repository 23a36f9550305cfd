import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { App, Alert, Button, Card, Col, Form, Input, Popconfirm, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Paged } from '../../api/client';
import { describeProblem } from '../../api/problem';
import { useMe } from '../../auth/session';
import { DateText } from '../../components/Money';
import { Page } from '../../components/Page';
import { UnitSelect } from '../../components/UnitSelect';
import { formatDateTime } from '../../components/format';
import { usePaging } from '../../components/paging';
import { useRefreshSoon } from '../../components/readModel';
import { CommandModal } from '../employment/CommandModal';
import { maxLength, required } from '../employment/fields';
import { PASSWORD_MAX, PASSWORD_MIN, ROLES, USERNAME_PATTERN, type AccountView, type WriteResult } from './adminApi';

type Action =
  | { type: 'create' }
  | { type: 'role'; account: AccountView }
  | { type: 'unit'; account: AccountView }
  | { type: 'disable'; account: AccountView }
  | { type: 'password'; account: AccountView };

interface Filters {
  search?: string;
  role?: string;
  status?: string;
  unitId?: string;
}

export function AccountsPage() {
  const { t, i18n } = useTranslation('admin');
  const me = useMe();
  const { message } = App.useApp();
  const refreshSoon = useRefreshSoon();
  const [filters, setFilters] = useState<Filters>({});
  const { paging, firstPage, pagination } = usePaging();
  const [action, setAction] = useState<Action | null>(null);
  const [filterForm] = Form.useForm<Filters>();
  const isAdmin = me.role === 'admin';

  const list = useQuery({
    queryKey: ['admin', 'accounts', filters, paging],
    queryFn: () => api.get<Paged<AccountView>>('/accounts', { ...filters, ...paging }),
    placeholderData: keepPreviousData,
  });
  const refresh = () => refreshSoon(['admin', 'accounts']);
  const close = () => setAction(null);

  const enable = async (account: AccountView) => {
    try {
      await api.post(`/accounts/${account.id}/enable`, {});
      void message.success(t('accounts.enabled'));
      refresh();
    } catch (error) {
      void message.error(describeProblem(error, t));
    }
  };

  const passwordRules = [
    required(t, t('accounts.password')),
    { min: PASSWORD_MIN, message: t('accounts.passwordShort') },
    { max: PASSWORD_MAX, message: t('accounts.passwordLong') },
  ];

  return (
    <Page
      title={t('accounts.title')}
      extra={
        isAdmin && (
          <Button type="primary" onClick={() => setAction({ type: 'create' })}>
            {t('accounts.create')}
          </Button>
        )
      }
    >
      {!isAdmin && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('accounts.readOnly')} />}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form<Filters>
          form={filterForm}
          name="accountFilters"
          layout="vertical"
          aria-label={t('common:actions.search')}
          onFinish={(values) => {
            setFilters(Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== '')) as Filters);
            firstPage();
          }}
        >
          <Row gutter={12}>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item label={t('accounts.search')} name="search">
                <Input allowClear maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={5}>
              <Form.Item label={t('accounts.role')} name="role">
                <Select allowClear placeholder={t('accounts.allRoles')} options={ROLES.map((r) => ({ value: r, label: t(`common:roles.${r}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={5}>
              <Form.Item label={t('accounts.status')} name="status">
                <Select
                  allowClear
                  placeholder={t('accounts.allStatuses')}
                  options={(['active', 'disabled'] as const).map((s) => ({ value: s, label: t(`accounts.statuses.${s}`) }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item label={t('accounts.unit')} name="unitId">
                <UnitSelect allowClear placeholder={t('accounts.allUnits')} />
              </Form.Item>
            </Col>
          </Row>
          <Space>
            <Button type="primary" htmlType="submit">
              {t('common:actions.search')}
            </Button>
            <Button
              onClick={() => {
                filterForm.resetFields();
                setFilters({});
              }}
            >
              {t('common:actions.reset')}
            </Button>
          </Space>
        </Form>
      </Card>
      <Table<AccountView>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: list.isError ? t('common:states.error') : t('common:states.empty') }}
        pagination={pagination(list.data?.total ?? 0)}
        columns={[
          { title: t('accounts.username'), dataIndex: 'username', render: (v: string, a) => (a.id === me.userId ? `${v} ${t('accounts.you')}` : v) },
          { title: t('accounts.displayName'), dataIndex: 'displayName' },
          { title: t('accounts.role'), dataIndex: 'role', render: (r: string) => <Tag>{t(`common:roles.${r}`)}</Tag> },
          { title: t('accounts.unit'), dataIndex: 'unitName' },
          {
            title: t('accounts.status'),
            dataIndex: 'status',
            render: (s: string, a) => (
              <Space size={4} wrap>
                <Tag color={s === 'active' ? 'success' : 'default'}>{t(`accounts.statuses.${s}`)}</Tag>
                {a.lockedUntil && new Date(a.lockedUntil) > new Date() && (
                  <Typography.Text type="warning">{t('accounts.locked', { until: formatDateTime(a.lockedUntil, i18n.language) })}</Typography.Text>
                )}
              </Space>
            ),
          },
          { title: t('accounts.createdAt'), dataIndex: 'createdAt', render: (v: string) => <DateText value={v} /> },
          ...(isAdmin
            ? [
                {
                  title: t('common:table.actions'),
                  key: 'actions',
                  render: (_: unknown, a: AccountView) =>
                    a.id === me.userId ? null : (
                      <Space size={4} wrap>
                        <Button size="small" onClick={() => setAction({ type: 'role', account: a })} aria-label={`${t('accounts.changeRole')} ${a.username}`}>
                          {t('accounts.changeRole')}
                        </Button>
                        <Button size="small" onClick={() => setAction({ type: 'unit', account: a })} aria-label={`${t('accounts.moveUnit')} ${a.username}`}>
                          {t('accounts.moveUnit')}
                        </Button>
                        <Button size="small" onClick={() => setAction({ type: 'password', account: a })} aria-label={`${t('accounts.resetPassword')} ${a.username}`}>
                          {t('accounts.resetPassword')}
                        </Button>
                        {a.status === 'active' ? (
                          <Button size="small" danger onClick={() => setAction({ type: 'disable', account: a })} aria-label={`${t('accounts.disable')} ${a.username}`}>
                            {t('accounts.disable')}
                          </Button>
                        ) : (
                          <Popconfirm
                            title={t('accounts.enableConfirm', { name: a.displayName })}
                            okText={t('common:actions.confirm')}
                            cancelText={t('common:actions.cancel')}
                            onConfirm={() => enable(a)}
                          >
                            <Button size="small" aria-label={`${t('accounts.enable')} ${a.username}`}>
                              {t('accounts.enable')}
                            </Button>
                          </Popconfirm>
                        )}
                      </Space>
                    ),
                },
              ]
            : []),
        ]}
      />

      {action?.type === 'create' && (
        <CommandModal<{ username: string; displayName: string; role: string; unitId: string; password: string }, WriteResult>
          title={t('accounts.create')}
          testId="create-account"
          okText={t('accounts.create')}
          onClose={close}
          submit={(v) => api.post<WriteResult>('/accounts', { ...v, username: v.username.trim(), displayName: v.displayName.trim() })}
          onSuccess={refresh}
        >
          {() => (
            <>
              <Form.Item
                label={t('accounts.username')}
                name="username"
                extra={t('accounts.usernameHelp')}
                rules={[required(t, t('accounts.username')), { pattern: USERNAME_PATTERN, message: t('accounts.usernameInvalid') }]}
              >
                <Input autoComplete="off" />
              </Form.Item>
              <Form.Item label={t('accounts.displayName')} name="displayName" rules={[required(t, t('accounts.displayName')), maxLength(t, t('accounts.displayName'), 100)]}>
                <Input autoComplete="off" />
              </Form.Item>
              <Form.Item label={t('accounts.role')} name="role" rules={[required(t, t('accounts.role'), true)]}>
                <Select options={ROLES.map((r) => ({ value: r, label: t(`common:roles.${r}`) }))} />
              </Form.Item>
              <Form.Item label={t('accounts.unit')} name="unitId" rules={[required(t, t('accounts.unit'), true)]}>
                <UnitSelect />
              </Form.Item>
              <Form.Item label={t('accounts.password')} name="password" extra={t('accounts.passwordHelp')} rules={passwordRules}>
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </>
          )}
        </CommandModal>
      )}
      {action?.type === 'role' && (
        <CommandModal<{ role: string }, WriteResult>
          title={t('accounts.changeRoleTitle', { name: action.account.displayName })}
          testId="change-role"
          okText={t('accounts.changeRole')}
          initialValues={{ role: action.account.role }}
          onClose={close}
          submit={(v) => api.put<WriteResult>(`/accounts/${action.account.id}/role`, { role: v.role }, { ifMatch: action.account.revision })}
          onSuccess={refresh}
        >
          {() => (
            <Form.Item label={t('accounts.role')} name="role" rules={[required(t, t('accounts.role'), true)]}>
              <Select options={ROLES.map((r) => ({ value: r, label: t(`common:roles.${r}`) }))} />
            </Form.Item>
          )}
        </CommandModal>
      )}
      {action?.type === 'unit' && (
        <CommandModal<{ unitId: string }, WriteResult>
          title={t('accounts.moveUnitTitle', { name: action.account.displayName })}
          testId="move-account"
          okText={t('accounts.moveUnit')}
          initialValues={{ unitId: action.account.unitId }}
          onClose={close}
          submit={(v) => api.put<WriteResult>(`/accounts/${action.account.id}/unit`, { unitId: v.unitId }, { ifMatch: action.account.revision })}
          onSuccess={refresh}
        >
          {() => (
            <Form.Item label={t('accounts.unit')} name="unitId" rules={[required(t, t('accounts.unit'), true)]}>
              <UnitSelect />
            </Form.Item>
          )}
        </CommandModal>
      )}
      {action?.type === 'disable' && (
        <CommandModal<{ reason: string }, WriteResult>
          title={t('accounts.disableTitle', { name: action.account.displayName })}
          testId="disable-account"
          okText={t('accounts.disable')}
          onClose={close}
          submit={(v) => api.post<WriteResult>(`/accounts/${action.account.id}/disable`, { reason: v.reason.trim() })}
          onSuccess={refresh}
        >
          {() => (
            <Form.Item label={t('accounts.reason')} name="reason" rules={[required(t, t('accounts.reason')), maxLength(t, t('accounts.reason'), 500)]}>
              <Input.TextArea rows={2} />
            </Form.Item>
          )}
        </CommandModal>
      )}
      {action?.type === 'password' && (
        <CommandModal<{ newPassword: string }, WriteResult>
          title={t('accounts.resetPasswordTitle', { name: action.account.displayName })}
          testId="reset-password"
          okText={t('accounts.resetPassword')}
          onClose={close}
          submit={(v) => api.put<WriteResult>(`/accounts/${action.account.id}/password`, { newPassword: v.newPassword })}
          onSuccess={refresh}
        >
          {() => (
            <Form.Item
              label={t('accounts.newPassword')}
              name="newPassword"
              extra={t('accounts.passwordHelp')}
              rules={[required(t, t('accounts.newPassword')), { min: PASSWORD_MIN, message: t('accounts.passwordShort') }, { max: PASSWORD_MAX, message: t('accounts.passwordLong') }]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          )}
        </CommandModal>
      )}
    </Page>
  );
}
