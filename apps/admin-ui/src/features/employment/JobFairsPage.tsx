import { DeleteOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Descriptions, Empty, Form, Input, InputNumber, Row, Space, Table, Typography } from 'antd';
import type dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, type Paged } from '../../api/client';
import { useMe } from '../../auth/session';
import { DateText } from '../../components/Money';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/QueryView';
import { UnitSelect } from '../../components/UnitSelect';
import { formatNumber, toIsoDate } from '../../components/format';
import { usePaging } from '../../components/paging';
import { useKnownRevision } from '../../components/readModel';
import { useFair, useRefreshSoon, type CommandResult, type FairPosition, type JobFair } from './api';
import { CommandModal } from './CommandModal';
import { maxLength, required } from './fields';

const ACTING_ROLES = ['caseworker', 'supervisor'];

interface FairFilters {
  from?: string;
  to?: string;
  unitId?: string;
}

export function JobFairsPage() {
  const { t, i18n } = useTranslation('employment');
  const me = useMe();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<FairFilters>({});
  const { paging, firstPage, pagination } = usePaging();
  const [organising, setOrganising] = useState(false);
  const [filterForm] = Form.useForm<{ from?: dayjs.Dayjs; to?: dayjs.Dayjs; unitId?: string }>();
  const list = useQuery({
    queryKey: ['employment', 'fairs', filters, paging],
    queryFn: () => api.get<Paged<JobFair>>('/job-fairs', { ...filters, ...paging }),
    placeholderData: keepPreviousData,
  });
  return (
    <Page
      title={t('fairs.title')}
      extra={
        ACTING_ROLES.includes(me.role) && (
          <Button type="primary" onClick={() => setOrganising(true)}>
            {t('fairs.organise')}
          </Button>
        )
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form
          form={filterForm}
          name="fairFilters"
          layout="vertical"
          aria-label={t('seekers.filters')}
          onFinish={(v) => {
            setFilters({ from: toIsoDate(v.from), to: toIsoDate(v.to), unitId: v.unitId });
            firstPage();
          }}
        >
          <Row gutter={12}>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item label={t('fairs.from')} name="from">
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item label={t('fairs.to')} name="to">
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} lg={8}>
              <Form.Item label={t('fairs.unit')} name="unitId">
                <UnitSelect allowClear placeholder={t('seekers.allUnits')} />
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
      <Table<JobFair>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: list.isError ? t('common:states.error') : t('fairs.empty') }}
        pagination={pagination(list.data?.total ?? 0)}
        columns={[
          { title: t('fairs.name'), dataIndex: 'name', render: (name: string, row) => <Link to={`/job-fairs/${row.id}`}>{name}</Link> },
          { title: t('fairs.heldOn'), dataIndex: 'heldOn', render: (v: string) => <DateText value={v} /> },
          { title: t('fairs.place'), dataIndex: 'place' },
          { title: t('fairs.organiser'), dataIndex: 'organiser' },
          { title: t('fairs.unit'), dataIndex: 'unitName' },
          { title: t('fairs.employers'), dataIndex: 'employers', align: 'right', render: (v: number) => formatNumber(v, i18n.language) },
          { title: t('fairs.positionsOffered'), dataIndex: 'positionsOffered', align: 'right', render: (v: number) => formatNumber(v, i18n.language) },
        ]}
      />
      {organising && <OrganiseFairModal onClose={() => setOrganising(false)} onDone={(id) => navigate(`/job-fairs/${id}`)} />}
    </Page>
  );
}

interface OrganiseValues {
  name: string;
  heldOn: dayjs.Dayjs;
  place: string;
  unitId: string;
  organiser: string;
  positions?: { employer: string; position: string; count: number }[];
}

function PositionInputs({ prefix }: { prefix?: (string | number)[] }) {
  const { t } = useTranslation('employment');
  const name = (field: string) => [...(prefix ?? []), field];
  return (
    <>
      <Col xs={24} md={10}>
        <Form.Item label={t('fairs.employer')} name={name('employer')} rules={[required(t, t('fairs.employer')), maxLength(t, t('fairs.employer'), 200)]}>
          <Input />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item label={t('fairs.position')} name={name('position')} rules={[required(t, t('fairs.position')), maxLength(t, t('fairs.position'), 100)]}>
          <Input />
        </Form.Item>
      </Col>
      <Col xs={18} md={4}>
        <Form.Item
          label={t('fairs.count')}
          name={name('count')}
          rules={[required(t, t('fairs.count')), { type: 'integer', min: 1, max: 100000, message: t('form.countRange') }]}
        >
          <InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
    </>
  );
}

function OrganiseFairModal({ onClose, onDone }: { onClose: () => void; onDone: (id: string) => void }) {
  const { t } = useTranslation('employment');
  const refreshSoon = useRefreshSoon();
  return (
    <CommandModal<OrganiseValues, CommandResult>
      title={t('fairs.organiseTitle')}
      testId="organise-fair"
      width={820}
      draftKey="employment.organiseFair"
      okText={t('fairs.organise')}
      onClose={onClose}
      submit={(v) =>
        api.post<CommandResult>('/job-fairs', {
          ...v,
          heldOn: toIsoDate(v.heldOn),
          positions: (v.positions ?? []).map((p) => ({ employer: p.employer.trim(), position: p.position.trim(), count: p.count })),
        })
      }
      onSuccess={(result) => {
        refreshSoon();
        onDone(result.id);
      }}
    >
      {() => (
        <>
          <Row gutter={12}>
            <Col xs={24}>
              <Form.Item label={t('fairs.name')} name="name" rules={[required(t, t('fairs.name')), maxLength(t, t('fairs.name'), 200)]}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('fairs.heldOn')} name="heldOn" rules={[required(t, t('fairs.heldOn'), true)]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('fairs.unit')} name="unitId" rules={[required(t, t('fairs.unit'), true)]}>
                <UnitSelect />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('fairs.place')} name="place" rules={[required(t, t('fairs.place')), maxLength(t, t('fairs.place'), 200)]}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t('fairs.organiser')} name="organiser" rules={[required(t, t('fairs.organiser')), maxLength(t, t('fairs.organiser'), 200)]}>
                <Input />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Title level={5}>{t('fairs.positions')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('fairs.positionsHelp')}</Typography.Paragraph>
          <Form.List name="positions">
            {(rows, { add, remove }) => (
              <>
                {rows.map((row, index) => (
                  <Row gutter={12} key={row.key} align="bottom" data-testid={`position-row-${index}`}>
                    <PositionInputs prefix={[row.name]} />
                    <Col xs={6} md={2}>
                      <Form.Item label={<span className="visually-hidden">{t('actions.removeRow')}</span>}>
                        <Button icon={<DeleteOutlined />} aria-label={`${t('actions.removeRow')} ${index + 1}`} onClick={() => remove(row.name)} />
                      </Form.Item>
                    </Col>
                  </Row>
                ))}
                <Form.Item>
                  <Button type="dashed" onClick={() => add({ count: 1 })}>
                    {t('actions.addRow')}
                  </Button>
                </Form.Item>
              </>
            )}
          </Form.List>
        </>
      )}
    </CommandModal>
  );
}

export function JobFairPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('employment');
  const me = useMe();
  const fair = useFair(id);
  const refreshSoon = useRefreshSoon();
  const [adding, setAdding] = useState(false);
  const [revision, sent] = useKnownRevision(fair.data?.revision ?? -1);
  return (
    <Page
      title={fair.data?.name ?? t('fairs.title')}
      back={{ to: '/job-fairs', label: t('fairs.back') }}
      extra={
        ACTING_ROLES.includes(me.role) &&
        fair.data && (
          <Button type="primary" onClick={() => setAdding(true)}>
            {t('actions.addPosition')}
          </Button>
        )
      }
    >
      <QueryView query={fair}>
        {(data) => (
          <>
            <Card size="small" style={{ marginBottom: 16 }}>
              <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small">
                <Descriptions.Item label={t('fairs.heldOn')}>
                  <DateText value={data.heldOn} />
                </Descriptions.Item>
                <Descriptions.Item label={t('fairs.place')}>{data.place}</Descriptions.Item>
                <Descriptions.Item label={t('fairs.organiser')}>{data.organiser}</Descriptions.Item>
                <Descriptions.Item label={t('fairs.unit')}>{data.unitName ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('fairs.positions')} span={{ xs: 1, sm: 1, md: 2 }}>
                  {t('fairs.openings', { n: formatNumber(data.positionsOffered, i18n.language), employers: data.employers })}
                </Descriptions.Item>
              </Descriptions>
            </Card>
            <Typography.Title level={3} style={{ fontSize: 16 }}>
              {t('fairs.positions')}
            </Typography.Title>
            <Table<FairPosition>
              rowKey="id"
              size="small"
              dataSource={data.positions}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: <Empty description={t('fairs.noPositions')} /> }}
              columns={[
                { title: t('fairs.employer'), dataIndex: 'employer' },
                { title: t('fairs.position'), dataIndex: 'position' },
                { title: t('fairs.count'), dataIndex: 'count', align: 'right', render: (v: number) => formatNumber(v, i18n.language) },
              ]}
            />
            <Alert style={{ marginTop: 16 }} type="info" showIcon title={t('fairs.referrals')} description={t('fairs.referralsNote')} />
            {adding && (
              <CommandModal<{ employer: string; position: string; count: number }, CommandResult>
                title={t('fairs.addPositionTitle')}
                testId="add-position"
                draftKey={`employment.fair.${data.id}.position`}
                okText={t('actions.addPosition')}
                initialValues={{ count: 1 }}
                onClose={() => setAdding(false)}
                submit={(v) =>
                  api.post<CommandResult>(
                    `/job-fairs/${data.id}/positions`,
                    { employer: v.employer.trim(), position: v.position.trim(), count: v.count },
                    { ifMatch: revision },
                  )
                }
                onSuccess={(result) => {
                  sent(result.revision);
                  refreshSoon();
                }}
              >
                {() => (
                  <Row gutter={12}>
                    <PositionInputs />
                  </Row>
                )}
              </CommandModal>
            )}
          </>
        )}
      </QueryView>
    </Page>
  );
}
