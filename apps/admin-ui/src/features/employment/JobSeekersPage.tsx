import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Col, DatePicker, Form, Input, Radio, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, type Paged } from '../../api/client';
import { useMe } from '../../auth/session';
import { DateText } from '../../components/Money';
import { Page } from '../../components/Page';
import { UnitSelect } from '../../components/UnitSelect';
import { formatNumber, toIsoDate } from '../../components/format';
import { usePaging } from '../../components/paging';
import {
  GENDERS,
  isResidentId,
  PHONE_PATTERN,
  SEEKER_KINDS,
  SEEKER_STATUSES,
  type CommandResult,
  type EmploymentFigures,
  type JobSeekerListItem,
} from './api';
import { CommandModal } from './CommandModal';
import { maxLength, notFuture, optionsOf, pastDate, required } from './fields';

export const STATUS_COLORS: Record<string, string> = { registered: 'default', in_training: 'processing', referred: 'warning', rehired: 'success' };
const ACTING_ROLES = ['caseworker', 'supervisor'];

interface Filters {
  search?: string;
  skill?: string;
  status?: string;
  kind?: string;
  unitId?: string;
}

export function JobSeekersPage() {
  const { t } = useTranslation('employment');
  const me = useMe();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<Filters>({});
  const { paging, firstPage, pagination } = usePaging();
  const [registering, setRegistering] = useState(false);
  const [filterForm] = Form.useForm<Filters>();

  const list = useQuery({
    queryKey: ['employment', 'seekers', filters, paging],
    queryFn: () => api.get<Paged<JobSeekerListItem>>('/job-seekers', { ...filters, ...paging }),
    placeholderData: keepPreviousData,
  });

  return (
    <Page
      title={t('seekers.title')}
      extra={
        ACTING_ROLES.includes(me.role) && (
          <Button type="primary" onClick={() => setRegistering(true)}>
            {t('seekers.register')}
          </Button>
        )
      }
    >
      <FiguresCard />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form<Filters>
          form={filterForm}
          name="seekerFilters"
          layout="vertical"
          aria-label={t('seekers.filters')}
          onFinish={(values) => {
            setFilters(Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== '')) as Filters);
            firstPage();
          }}
        >
          <Row gutter={12}>
            <Col xs={24} sm={12} lg={5}>
              <Form.Item label={t('seekers.search')} name="search">
                <Input placeholder={t('seekers.searchPlaceholder')} allowClear maxLength={50} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={4}>
              <Form.Item label={t('seekers.skill')} name="skill">
                <Input placeholder={t('seekers.skillPlaceholder')} allowClear maxLength={50} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={4}>
              <Form.Item label={t('seekers.status')} name="status">
                <Select allowClear placeholder={t('seekers.allStatuses')} options={optionsOf(t, SEEKER_STATUSES, 'statuses')} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={4}>
              <Form.Item label={t('seekers.kind')} name="kind">
                <Select allowClear placeholder={t('seekers.allKinds')} options={optionsOf(t, SEEKER_KINDS, 'kinds')} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={7}>
              <Form.Item label={t('seekers.unit')} name="unitId">
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
                firstPage();
              }}
            >
              {t('common:actions.reset')}
            </Button>
          </Space>
        </Form>
      </Card>
      <Table<JobSeekerListItem>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: list.isError ? t('common:states.error') : t('seekers.empty') }}
        pagination={pagination(list.data?.total ?? 0)}
        columns={[
          {
            title: t('fields.name'),
            dataIndex: 'name',
            render: (name: string | null, row) => <Link to={`/job-seekers/${row.id}`}>{name ?? t('seekers.erased')}</Link>,
          },
          { title: t('fields.gender'), dataIndex: 'gender', render: (g: string) => t(`genders.${g}`) },
          { title: t('fields.kind'), dataIndex: 'kind', render: (k: string) => t(`kinds.${k}`) },
          { title: t('fields.phone'), dataIndex: 'phoneMasked', render: (v: string | null) => v ?? '—' },
          {
            title: t('fields.skills'),
            dataIndex: 'skills',
            render: (skills: string[] | null) => (skills?.length ? skills.map((s) => <Tag key={s}>{s}</Tag>) : '—'),
          },
          { title: t('fields.unit'), dataIndex: 'unitName' },
          { title: t('fields.status'), dataIndex: 'status', render: (s: string) => <Tag color={STATUS_COLORS[s]}>{t(`statuses.${s}`)}</Tag> },
          { title: t('fields.registeredOn'), dataIndex: 'registeredOn', render: (d: string) => <DateText value={d} /> },
          { title: t('fields.rehiredOn'), dataIndex: 'rehiredOn', render: (d: string | null) => <DateText value={d} /> },
          {
            title: t('common:table.actions'),
            key: 'actions',
            render: (_: unknown, row) => (
              <Link to={`/job-seekers/${row.id}`} aria-label={`${t('common:actions.view')} ${row.name ?? ''}`}>
                {t('common:actions.view')}
              </Link>
            ),
          },
        ]}
      />
      {registering && <RegisterSeekerModal onClose={() => setRegistering(false)} onRegistered={(id) => navigate(`/job-seekers/${id}`)} />}
    </Page>
  );
}

interface RegisterValues {
  name: string;
  phone: string;
  residentId?: string;
  kind: string;
  gender: string;
  skills?: string[];
  wantedWork?: string;
  notes?: string;
  unitId: string;
  registeredOn?: dayjs.Dayjs;
}

function RegisterSeekerModal({ onClose, onRegistered }: { onClose: () => void; onRegistered: (id: string) => void }) {
  const { t } = useTranslation('employment');
  return (
    <CommandModal<RegisterValues, CommandResult>
      title={t('seekers.registerTitle')}
      testId="register-seeker"
      width={720}
      draftKey="employment.registerSeeker"
      okText={t('seekers.register')}
      onClose={onClose}
      note={t('fields.personalDataNote')}
      submit={(values) =>
        api.post<CommandResult>('/job-seekers', {
          ...values,
          name: values.name.trim(),
          phone: values.phone.trim(),
          residentId: values.residentId?.trim() ? values.residentId.trim().toUpperCase() : undefined,
          skills: values.skills?.length ? values.skills.map((s) => s.trim()).filter(Boolean) : undefined,
          wantedWork: values.wantedWork?.trim() || undefined,
          notes: values.notes?.trim() || undefined,
          registeredOn: toIsoDate(values.registeredOn),
        })
      }
      onSuccess={(result) => onRegistered(result.id)}
    >
      {() => (
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item label={t('fields.name')} name="name" rules={[required(t, t('fields.name')), maxLength(t, t('fields.name'), 50), { whitespace: true, message: t('common:form.required', { label: t('fields.name') }) }]}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('fields.gender')} name="gender" rules={[required(t, t('fields.gender'), true)]}>
              <Radio.Group options={optionsOf(t, GENDERS, 'genders')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('fields.phone')} name="phone" rules={[required(t, t('fields.phone')), { pattern: PHONE_PATTERN, message: t('form.phoneInvalid') }]}>
              <Input inputMode="tel" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label={t('common:form.optionalLabel', { label: t('fields.residentId') })}
              name="residentId"
              rules={[{ validator: (_r, v?: string) => (!v?.trim() || isResidentId(v) ? Promise.resolve() : Promise.reject(new Error(t('form.residentIdInvalid')))) }]}
            >
              <Input autoComplete="off" maxLength={18} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('fields.kind')} name="kind" rules={[required(t, t('fields.kind'), true)]}>
              <Select options={optionsOf(t, SEEKER_KINDS, 'kinds')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('fields.unit')} name="unitId" rules={[required(t, t('fields.unit'), true)]}>
              <UnitSelect />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('common:form.optionalLabel', { label: t('fields.registeredOn') })} name="registeredOn" rules={[pastDate(t)]}>
              <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label={t('common:form.optionalLabel', { label: t('fields.skills') })}
              name="skills"
              extra={t('fields.skillsHelp')}
              rules={[
                {
                  validator: (_r, v?: string[]) =>
                    !v || v.length <= 20
                      ? v?.some((s) => s.length > 50)
                        ? Promise.reject(new Error(t('form.skillTooLong')))
                        : Promise.resolve()
                      : Promise.reject(new Error(t('form.tooManySkills'))),
                },
              ]}
            >
              <Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} suffixIcon={null} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item label={t('common:form.optionalLabel', { label: t('fields.wantedWork') })} name="wantedWork" rules={[maxLength(t, t('fields.wantedWork'), 200)]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item label={t('common:form.optionalLabel', { label: t('fields.notes') })} name="notes" rules={[maxLength(t, t('fields.notes'), 2000)]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          </Col>
        </Row>
      )}
    </CommandModal>
  );
}

/** This year's re-employment figures for the user's own unit and below; a small card above the list. */
function FiguresCard() {
  const { t, i18n } = useTranslation('employment');
  const year = dayjs().year();
  const figures = useQuery({
    queryKey: ['employment', 'figures', year],
    queryFn: () => api.get<EmploymentFigures>('/figures/employment', { from: `${year}-01-01`, to: `${year}-12-31` }),
    staleTime: 60_000,
  });
  if (!figures.data) return null;
  const f = figures.data;
  const n = (value: number) => formatNumber(value, i18n.language);
  const items = [
    { key: 'registered', value: f.registered.total, sub: t('figures.women', { n: n(f.registered.women) }) },
    { key: 'trained', value: f.trained.people, sub: t('figures.certified', { n: n(f.trained.certified) }) },
    { key: 'referrals', value: f.referrals.made, sub: t('figures.ledToJob', { n: n(f.referrals.ledToJob) }) },
    { key: 'rehired', value: f.rehired.total, sub: t('figures.women', { n: n(f.rehired.women) }) },
    { key: 'fairs', value: f.jobFairs.held, sub: t('figures.positions', { n: n(f.jobFairs.positionsOffered) }) },
  ];
  return (
    <Card size="small" title={t('figures.title', { year })} style={{ marginBottom: 16 }} data-testid="employment-figures">
      <Row gutter={[16, 8]}>
        {items.map((item) => (
          <Col key={item.key} xs={12} sm={8} md={8} lg={4}>
            <Statistic title={t(`figures.${item.key}`)} value={item.value} formatter={(v) => n(Number(v))} />
            <Typography.Text type="secondary">{item.sub}</Typography.Text>
          </Col>
        ))}
      </Row>
    </Card>
  );
}
