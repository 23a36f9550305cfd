import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Col, Form, Input, Modal, Row, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, type Paged } from '../../api/client';
import { useMe } from '../../auth/session';
import { DraftNotice } from '../../components/DraftNotice';
import { Money, DateText } from '../../components/Money';
import { Page } from '../../components/Page';
import { UnitSelect } from '../../components/UnitSelect';
import { useCommandForm } from '../../components/useCommandForm';
import { usePaging } from '../../components/paging';
import { FUND_SOURCES, waitForFund, type Fund, type FundSource } from './api';
import { PoolList, SourceTag, useAttemptKey } from './shared';

export function FundsPage() {
  const { t } = useTranslation('audit');
  const me = useMe();
  const { paging: { page, pageSize }, firstPage, pagination } = usePaging();
  const [unitId, setUnitId] = useState<string>();
  const [source, setSource] = useState<FundSource>();
  const [opening, setOpening] = useState(false);
  const funds = useQuery({
    queryKey: ['funds', 'list', { page, pageSize, unitId, source }],
    queryFn: () => api.get<Paged<Fund>>('/funds', { page, pageSize, unitId, source }),
  });
  const items = funds.data?.items ?? [];
  const sum = (pick: (fund: Fund) => number) => items.reduce((total, fund) => total + pick(fund), 0);

  return (
    <Page
      title={t('funds.title')}
      extra={
        me.role === 'supervisor' && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpening(true)}>
            {t('funds.open')}
          </Button>
        )
      }
    >
      <Form layout="vertical" role="search">
        <Row gutter={16}>
          <Col xs={24} sm={12} md={8}>
            <Form.Item label={t('fields.unit')} htmlFor="funds-unit">
              <UnitSelect id="funds-unit" allowClear value={unitId} onChange={(value) => { setUnitId(value); firstPage(); }} aria-label={t('funds.filterUnit')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={8}>
            <Form.Item label={t('fields.source')} htmlFor="funds-source">
              <Select<FundSource>
                id="funds-source"
                allowClear
                placeholder={t('funds.allSources')}
                value={source}
                onChange={(value) => { setSource(value); firstPage(); }}
                options={FUND_SOURCES.map((value) => ({ value, label: t(`sources.${value}`) }))}
                aria-label={t('funds.filterSource')}
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {funds.isError && <Alert type="error" showIcon title={t('states.error', { ns: 'common' })} style={{ marginBottom: 16 }} />}
      <Table<Fund>
        rowKey="id"
        loading={funds.isFetching}
        dataSource={items}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('states.empty', { ns: 'common' }) }}
        onRow={() => ({ 'data-testid': 'fund-row' }) as React.HTMLAttributes<HTMLElement>}
        pagination={pagination(funds.data?.total ?? 0)}
        columns={[
          { title: t('fields.fundName'), dataIndex: 'name', render: (name: string, fund) => <Link to={`/funds/${fund.id}`} aria-label={t('funds.viewNamed', { name })}>{name}</Link> },
          { title: t('fields.source'), dataIndex: 'source', render: (value: FundSource) => <SourceTag source={value} /> },
          { title: t('fields.unit'), dataIndex: 'unitName' },
          { title: t('fields.balance'), dataIndex: 'balanceFen', align: 'right', render: (fen: number) => <Money fen={fen} /> },
          { title: t('fields.reserved'), dataIndex: 'reservedFen', align: 'right', render: (fen: number) => <Money fen={fen} /> },
          { title: t('fields.available'), dataIndex: 'availableFen', align: 'right', render: (fen: number) => <Typography.Text strong><Money fen={fen} /></Typography.Text> },
          { title: t('fields.pools'), dataIndex: 'pools', render: (_: unknown, fund) => <PoolList pools={fund.pools} /> },
          { title: t('fields.openedOn'), dataIndex: 'openedOn', render: (value: string) => <DateText value={value} /> },
          {
            title: t('table.actions', { ns: 'common' }),
            key: 'actions',
            render: (_: unknown, fund) => <Link to={`/funds/${fund.id}`}>{t('funds.view')}</Link>,
          },
        ]}
        summary={() =>
          items.length > 1 ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={3}><Typography.Text strong>{t('funds.total')}</Typography.Text></Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right"><Money fen={sum((f) => f.balanceFen)} /></Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right"><Money fen={sum((f) => f.reservedFen)} /></Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right"><Money fen={sum((f) => f.availableFen)} /></Table.Summary.Cell>
              <Table.Summary.Cell index={6} colSpan={3} />
            </Table.Summary.Row>
          ) : null
        }
      />
      {me.role === 'supervisor' && <OpenFundModal open={opening} onClose={() => setOpening(false)} />}
    </Page>
  );
}

interface OpenFundValues {
  unitId: string;
  source: FundSource;
  name: string;
}

function OpenFundModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('audit');
  const [form] = Form.useForm<OpenFundValues>();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const draftKey = 'audit.open-fund';
  const attempt = useAttemptKey(draftKey);
  const command = useCommandForm<OpenFundValues, { id: string }>({
    form,
    draftKey,
    successMessage: t('funds.opened'),
    submit: async (values) => {
      try {
        const result = await api.post<{ id: string; revision: number }>('/funds', { unitId: values.unitId, source: values.source, name: values.name.trim() }, { idempotencyKey: attempt.key });
        attempt.settle();
        await waitForFund(result.id, result.revision ?? 0);
        return result;
      } catch (error) {
        attempt.settle(error);
        throw error;
      }
    },
    onSuccess: (result) => {
      void queries.invalidateQueries({ queryKey: ['funds'] });
      onClose();
      navigate(`/funds/${result.id}`);
    },
  });
  return (
    <Modal open={open} title={t('funds.openTitle')} onCancel={onClose} footer={null} destroyOnHidden={false} forceRender>
      <Form form={form} layout="vertical" onFinish={command.onFinish} onValuesChange={command.onValuesChange} aria-label={t('funds.openTitle')}>
        <DraftNotice command={command} />
        <Form.Item name="unitId" label={t('fields.unit')} rules={[{ required: true, message: t('form.requiredSelect', { ns: 'common', label: t('fields.unit') }) }]}>
          <UnitSelect />
        </Form.Item>
        <Form.Item name="source" label={t('fields.source')} rules={[{ required: true, message: t('form.requiredSelect', { ns: 'common', label: t('fields.source') }) }]}>
          <Select options={FUND_SOURCES.map((value) => ({ value, label: t(`sources.${value}`) }))} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('fields.fundName')}
          rules={[
            { required: true, whitespace: true, message: t('form.required', { ns: 'common', label: t('fields.fundName') }) },
            { max: 100, message: t('form.maxLength', { ns: 'common', label: t('fields.fundName'), max: 100 }) },
          ]}
        >
          <Input placeholder={t('funds.namePlaceholder')} maxLength={100} />
        </Form.Item>
        {command.formError}
        <Space>
          <Button type="primary" htmlType="submit" loading={command.submitting}>{t('funds.open')}</Button>
          <Button onClick={onClose}>{t('actions.cancel', { ns: 'common' })}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
