import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Col, Divider, Empty, Form, Input, InputNumber, Row, Select, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import { useMe } from '../../auth/session';
import { DateText } from '../../components/Money';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/QueryView';
import { UnitSelect } from '../../components/UnitSelect';
import { formatBasisPoints, formatMoney, formatNumber, yuanToFen } from '../../components/format';
import { useRefreshSoon } from '../../components/readModel';
import { usePunctuation } from '../../components/punctuation';
import { CommandModal } from '../employment/CommandModal';
import { maxLength } from '../employment/fields';
import { MEASURE_OF, METRICS, metricName, type Measure } from './adminApi';

interface RecordedBy {
  userId: string;
  username: string | null;
  displayName: string | null;
}
interface TargetView {
  metric: string;
  measure: Measure;
  value: string;
  reason: string | null;
  setAt: string;
  setBy: RecordedBy;
}
interface UnitTargets {
  unitId: string;
  unitName: string;
  year: number;
  asOf: string | null;
  revision: number | null;
  targets: TargetView[];
}
interface TargetChange {
  revision: number;
  change: 'set' | 'withdrawn';
  metric: string;
  value: string | null;
  previousValue: string | null;
  reason: string | null;
  recordedAt: string;
  recordedBy: RecordedBy;
}
interface UnitTargetHistory {
  unitId: string;
  unitName: string;
  year: number;
  changes: TargetChange[];
}

/** A target's value (count, fen or basis points, as a string) in the user's terms. */
export function formatTarget(value: string | null, measure: Measure | undefined, language: string): string {
  if (value === null) return '—';
  if (measure === 'fen') return formatMoney(value, language);
  if (measure === 'basis_points') return formatBasisPoints(Number(value));
  return formatNumber(Number(value), language);
}

/** Fen → yuan and basis points → percent both divide by a hundred; counts stay. */
const toInput = (value: string, measure: Measure) => (measure === 'count' ? Number(value) : Number(value) / 100);
const fromInput = (value: number, measure: Measure) => (measure === 'count' ? String(Math.round(value)) : String(yuanToFen(value)));

const who = (by: RecordedBy) => by.displayName ?? by.username ?? by.userId;

export function TargetsPage() {
  const { t, i18n } = useTranslation('admin');
  const punct = usePunctuation();
  const me = useMe();
  const refreshSoon = useRefreshSoon();
  const [unitId, setUnitId] = useState<string>(me.unit.id);
  const thisYear = dayjs().year();
  const [year, setYear] = useState(thisYear);
  const [dialog, setDialog] = useState<'set' | 'withdraw' | null>(null);
  const isAdmin = me.role === 'admin';

  const targets = useQuery({
    queryKey: ['admin', 'targets', unitId, year],
    queryFn: () => api.get<UnitTargets>(`/units/${unitId}/targets/${year}`),
    enabled: !!unitId,
  });
  const history = useQuery({
    queryKey: ['admin', 'targets', unitId, year, 'history'],
    queryFn: () => api.get<UnitTargetHistory>(`/units/${unitId}/targets/${year}/history`),
    enabled: !!unitId,
  });
  const refresh = () => refreshSoon(['admin', 'targets', unitId, year]);

  const [lastRevision, setLastRevision] = useState<{ key: string; revision: number } | null>(null);
  const key = `${unitId}/${year}`;
  const revision = Math.max(targets.data?.revision ?? -1, lastRevision?.key === key ? lastRevision.revision : -1);

  const byMetric = new Map((targets.data?.targets ?? []).map((target) => [target.metric, target]));
  const rows = METRICS.map((m) => ({ ...m, target: byMetric.get(m.key) }));

  return (
    <Page
      title={t('targets.title')}
      extra={
        isAdmin &&
        targets.data && (
          <>
            <Button type="primary" onClick={() => setDialog('set')}>
              {t('targets.set')}
            </Button>
            <Button onClick={() => setDialog('withdraw')} disabled={!targets.data.targets.length}>
              {t('targets.withdraw')}
            </Button>
          </>
        )
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <Row gutter={12}>
          <Col xs={24} md={14} lg={10}>
            <Form.Item label={t('targets.unit')} htmlFor="targets-unit" style={{ marginBottom: 8 }}>
              <UnitSelect id="targets-unit" value={unitId} onChange={(v) => v && setUnitId(v)} aria-label={t('targets.unit')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={10} lg={6}>
            <Form.Item label={t('targets.year')} htmlFor="targets-year" style={{ marginBottom: 8 }}>
              <Select
                id="targets-year"
                aria-label={t('targets.year')}
                value={year}
                onChange={setYear}
                options={[thisYear - 2, thisYear - 1, thisYear, thisYear + 1].map((y) => ({ value: y, label: String(y) }))}
              />
            </Form.Item>
          </Col>
        </Row>
        {!isAdmin && <Typography.Text type="secondary">{t('targets.readOnly')}</Typography.Text>}
      </Card>
      <Tabs
        items={[
          {
            key: 'targets',
            label: t('targets.title'),
            children: (
              <QueryView query={targets}>
                {(data) => (
                  <>
                    {!data.targets.length && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('targets.noneSet')} />}
                    <Table
                      rowKey="key"
                      size="small"
                      dataSource={rows}
                      pagination={false}
                      scroll={{ x: 'max-content' }}
                      columns={[
                        { title: t('targets.metric'), dataIndex: 'key', render: (k: string) => metricName(t, k) },
                        { title: t('targets.measure'), dataIndex: 'measure', render: (m: Measure) => t(`targets.measures.${m}`) },
                        {
                          title: t('targets.value'),
                          key: 'value',
                          align: 'right',
                          render: (_: unknown, r) =>
                            r.target ? <strong>{formatTarget(r.target.value, r.measure, i18n.language)}</strong> : <Typography.Text type="secondary">{t('targets.notSet')}</Typography.Text>,
                        },
                        { title: t('targets.reason'), key: 'reason', render: (_: unknown, r) => r.target?.reason ?? '—' },
                        { title: t('targets.setBy'), key: 'setBy', render: (_: unknown, r) => (r.target ? who(r.target.setBy) : '—') },
                        { title: t('targets.setAt'), key: 'setAt', render: (_: unknown, r) => <DateText value={r.target?.setAt} withTime /> },
                      ]}
                    />
                  </>
                )}
              </QueryView>
            ),
          },
          {
            key: 'history',
            label: t('targets.history'),
            children: (
              <QueryView query={history} isEmpty={(d) => !d.changes.length} empty={<Empty description={t('targets.noHistory')} />}>
                {(data) => (
                  <Table<TargetChange>
                    rowKey="revision"
                    size="small"
                    dataSource={[...data.changes].reverse()}
                    pagination={{ pageSize: 20, hideOnSinglePage: true }}
                    scroll={{ x: 'max-content' }}
                    columns={[
                      { title: t('targets.recordedAt'), dataIndex: 'recordedAt', render: (v: string) => <DateText value={v} withTime /> },
                      { title: t('targets.metric'), dataIndex: 'metric', render: (k: string) => metricName(t, k) },
                      {
                        title: t('targets.change'),
                        dataIndex: 'change',
                        render: (c: string) => <Tag color={c === 'set' ? 'blue' : 'default'}>{t(`targets.changes.${c}`)}</Tag>,
                      },
                      { title: t('targets.previousValue'), key: 'prev', align: 'right', render: (_: unknown, c) => formatTarget(c.previousValue, MEASURE_OF.get(c.metric), i18n.language) },
                      { title: t('targets.newValue'), key: 'new', align: 'right', render: (_: unknown, c) => formatTarget(c.value, MEASURE_OF.get(c.metric), i18n.language) },
                      { title: t('targets.reason'), dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
                      { title: t('targets.recordedBy'), key: 'by', render: (_: unknown, c) => who(c.recordedBy) },
                    ]}
                  />
                )}
              </QueryView>
            ),
          },
        ]}
      />
      {dialog === 'set' && targets.data && (
        <SetTargetsModal
          data={targets.data}
          revision={revision}
          onClose={() => setDialog(null)}
          onDone={(r) => {
            setLastRevision({ key, revision: r });
            refresh();
          }}
        />
      )}
      {dialog === 'withdraw' && targets.data && (
        <CommandModal<{ metrics: string[]; reason?: string }, { revision: number }>
          title={t('targets.withdrawTitle', { unit: targets.data.unitName, year })}
          testId="withdraw-targets"
          okText={t('targets.withdraw')}
          onClose={() => setDialog(null)}
          submit={(v) =>
            api.post<{ revision: number }>(
              `/units/${unitId}/targets/${year}/withdrawals`,
              { metrics: v.metrics, reason: v.reason?.trim() || undefined },
              revision >= 0 ? { ifMatch: revision } : {},
            )
          }
          onSuccess={(r) => {
            setLastRevision({ key, revision: r.revision });
            refresh();
          }}
        >
          {() => (
            <>
              <Form.Item
                label={t('targets.withdrawMetrics')}
                name="metrics"
                rules={[{ required: true, type: 'array', min: 1, message: t('common:form.requiredSelect', { label: t('targets.withdrawMetrics') }) }]}
              >
                <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
                  {targets.data!.targets.map((target) => (
                    <Checkbox key={target.metric} value={target.metric}>
                      {punct.labelled(metricName(t, target.metric), formatTarget(target.value, target.measure, i18n.language))}
                    </Checkbox>
                  ))}
                </Checkbox.Group>
              </Form.Item>
              <Form.Item label={t('common:form.optionalLabel', { label: t('targets.withdrawReason') })} name="reason" rules={[maxLength(t, t('targets.withdrawReason'), 500)]}>
                <Input />
              </Form.Item>
            </>
          )}
        </CommandModal>
      )}
    </Page>
  );
}

function SetTargetsModal({ data, revision, onClose, onDone }: { data: UnitTargets; revision: number; onClose: () => void; onDone: (revision: number) => void }) {
  const { t } = useTranslation('admin');
  const initial = useMemo(() => {
    const values: (number | null)[] = METRICS.map((m) => {
      const target = data.targets.find((x) => x.metric === m.key);
      return target ? toInput(target.value, m.measure) : null;
    });
    return { values };
  }, [data]);
  /** The server names `targets[i].value`; i counts only the entries sent, so the map is filled on each submit. */
  const fieldMap = useRef<Record<string, (string | number)[]>>({}).current;
  return (
    <CommandModal<{ values: (number | null)[]; reason?: string }, { revision: number; changed: string[] }>
      title={t('targets.setTitle', { unit: data.unitName, year: data.year })}
      testId="set-targets"
      width={720}
      okText={t('targets.set')}
      initialValues={initial}
      fieldMap={fieldMap}
      onClose={onClose}
      submit={(v) => {
        const entries: { metric: string; value: string; reason?: string }[] = [];
        for (const key of Object.keys(fieldMap)) delete fieldMap[key];
        METRICS.forEach((m, index) => {
          const value = v.values?.[index];
          if (value === null || value === undefined) return;
          const next = fromInput(value, m.measure);
          const before = initial.values[index];
          if (before !== null && fromInput(before, m.measure) === next) return;
          fieldMap[`targets[${entries.length}].value`] = ['values', index];
          fieldMap[`targets[${entries.length}].metric`] = ['values', index];
          entries.push({ metric: m.key, value: next, reason: v.reason?.trim() || undefined });
        });
        if (!entries.length) return Promise.reject(new ApiError({ title: t('targets.nothingChanged'), status: 400 }));
        return api.put<{ revision: number; changed: string[] }>(`/units/${data.unitId}/targets/${data.year}`, { targets: entries }, revision >= 0 ? { ifMatch: revision } : {});
      }}
      onSuccess={(r) => onDone(r.revision)}
    >
      {() => (
        <>
          <Typography.Paragraph type="secondary">{t('targets.setHelp')}</Typography.Paragraph>
          <MetricInputs t={t} programme={false} />
          <Divider titlePlacement="start">{t('targets.groups.programmes')}</Divider>
          <MetricInputs t={t} programme />
          <Form.Item label={t('common:form.optionalLabel', { label: t('targets.reason') })} name="reason" rules={[maxLength(t, t('targets.reason'), 500)]}>
            <Input placeholder="市总工会2026年下达目标" />
          </Form.Item>
        </>
      )}
    </CommandModal>
  );
}

function MetricInputs({ t, programme }: { t: TFunction; programme: boolean }) {
  return (
    <Row gutter={12}>
      {METRICS.map((m, index) =>
        m.programme === programme ? (
          <Col xs={24} sm={12} key={m.key}>
            <Form.Item
              label={metricName(t, m.key)}
              name={['values', index]}
              rules={[{ type: 'number', min: 0, message: t('targets.valueInvalid') }]}
              style={{ marginBottom: 12 }}
            >
              <InputNumber
                min={0}
                precision={m.measure === 'count' ? 0 : 2}
                max={m.measure === 'basis_points' ? 100 : undefined}
                suffix={m.measure === 'fen' ? t('common:money.yuan') : m.measure === 'basis_points' ? '%' : undefined}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
        ) : null,
      )}
    </Row>
  );
}

