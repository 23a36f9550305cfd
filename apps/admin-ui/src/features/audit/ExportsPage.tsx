import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Flex, Form, Input, Radio, Row, Select, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { describeProblem } from '../../api/problem';
import { toIsoDate } from '../../components/format';
import { Money } from '../../components/Money';
import { Page } from '../../components/Page';
import { UnitSelect } from '../../components/UnitSelect';
import { usePunctuation } from '../../components/punctuation';
import { useAllFunds, useProgrammes, type FundReconciliation, type ProgrammeReconciliation, type Reconciliation } from './api';
import { DownloadLink, SourceTag } from './shared';

type Range = [Dayjs | null, Dayjs | null] | null;
const CATEGORIES = ['illness', 'disability', 'schooling', 'disaster_accident', 'unemployment', 'single_parent_woman', 'model_worker', 'migrant_worker'];
const TIERS = ['deep', 'relative', 'accident'];

function ExportCard({ title, hint, children, testId }: { title: string; hint: string; children: ReactNode; testId: string }) {
  return (
    <Card size="small" title={title} data-testid={testId} style={{ height: '100%' }}>
      <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>
      <Form layout="vertical">{children}</Form>
    </Card>
  );
}

function FormatChoice({ id, value, onChange }: { id: string; value: 'csv' | 'xlsx'; onChange: (value: 'csv' | 'xlsx') => void }) {
  const { t } = useTranslation('audit');
  return (
    <Form.Item label={t('fields.format')} htmlFor={id}>
      <Radio.Group id={id} value={value} onChange={(event) => onChange(event.target.value)} options={[{ value: 'csv', label: 'CSV' }, { value: 'xlsx', label: 'Excel (XLSX)' }]} />
    </Form.Item>
  );
}

export function ExportsPage() {
  const { t } = useTranslation('audit');
  const funds = useAllFunds();
  const programmes = useProgrammes();
  const any = t('exports.any');
  const punct = usePunctuation();

  const [enterprise, setEnterprise] = useState<{ unitId?: string; status?: string; search?: string }>({});
  const [files, setFiles] = useState<{ unitId?: string; category?: string; tier?: string; status?: string; name?: string }>({});
  const [disb, setDisb] = useState<{ unitId?: string; fundId?: string; programmeId?: string; period: Range; format: 'csv' | 'xlsx' }>({ period: null, format: 'xlsx' });
  const [ledger, setLedger] = useState<{ fundId?: string; period: Range; format: 'csv' | 'xlsx' }>({ period: null, format: 'xlsx' });

  const enterpriseQuery = { ...enterprise, search: enterprise.search?.trim() || undefined };
  const fileQuery = { ...files, name: files.name?.trim() || undefined };

  return (
    <Page title={t('exports.title')}>
      <Typography.Paragraph type="secondary">{t('exports.intro')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <ExportCard title={t('exports.enterprises')} hint={t('exports.enterprisesHint')} testId="export-enterprises">
            <Form.Item label={t('fields.unit')} htmlFor="export-enterprise-unit">
              <UnitSelect id="export-enterprise-unit" allowClear placeholder={any} value={enterprise.unitId} onChange={(unitId) => setEnterprise({ ...enterprise, unitId })} />
            </Form.Item>
            <Form.Item label={t('fields.enterpriseStatus')} htmlFor="export-enterprise-status">
              <Select id="export-enterprise-status" allowClear placeholder={any} value={enterprise.status} onChange={(status?: string) => setEnterprise({ ...enterprise, status })} options={['unionized', 'not_unionized'].map((value) => ({ value, label: t(`exports.enterpriseStatuses.${value}`) }))} />
            </Form.Item>
            <Form.Item label={t('fields.enterpriseSearch')} htmlFor="export-enterprise-search">
              <Input id="export-enterprise-search" allowClear value={enterprise.search} onChange={(event) => setEnterprise({ ...enterprise, search: event.target.value })} />
            </Form.Item>
            <DownloadLink primary path="/enterprises/export" query={enterpriseQuery} label={`${t('exports.download')} CSV`} ariaLabel={t('exports.downloadNamed', { name: t('exports.enterprises') })} testId="export-enterprises-download" />
          </ExportCard>
        </Col>
        <Col xs={24} lg={12}>
          <ExportCard title={t('exports.hardshipFiles')} hint={t('exports.hardshipFilesHint')} testId="export-hardship-files">
            <Row gutter={12}>
              <Col xs={24} sm={12}>
                <Form.Item label={t('fields.unit')} htmlFor="export-file-unit">
                  <UnitSelect id="export-file-unit" allowClear placeholder={any} value={files.unitId} onChange={(unitId) => setFiles({ ...files, unitId })} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item label={t('fields.name')} htmlFor="export-file-name">
                  <Input id="export-file-name" allowClear value={files.name} onChange={(event) => setFiles({ ...files, name: event.target.value })} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={8}>
                <Form.Item label={t('fields.category')} htmlFor="export-file-category">
                  <Select id="export-file-category" allowClear placeholder={any} value={files.category} onChange={(category?: string) => setFiles({ ...files, category })} options={CATEGORIES.map((value) => ({ value, label: t(`exports.categories.${value}`) }))} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={8}>
                <Form.Item label={t('fields.tier')} htmlFor="export-file-tier">
                  <Select id="export-file-tier" allowClear placeholder={any} value={files.tier} onChange={(tier?: string) => setFiles({ ...files, tier })} options={TIERS.map((value) => ({ value, label: t(`exports.tiers.${value}`) }))} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={8}>
                <Form.Item label={t('fields.fileStatus')} htmlFor="export-file-status">
                  <Select id="export-file-status" allowClear placeholder={any} value={files.status} onChange={(status?: string) => setFiles({ ...files, status })} options={['open', 'closed'].map((value) => ({ value, label: t(`exports.fileStatuses.${value}`) }))} />
                </Form.Item>
              </Col>
            </Row>
            <DownloadLink primary path="/hardship-files/export" query={fileQuery} label={`${t('exports.download')} CSV`} ariaLabel={t('exports.downloadNamed', { name: t('exports.hardshipFiles') })} testId="export-hardship-files-download" />
          </ExportCard>
        </Col>
        <Col xs={24} lg={12}>
          <ExportCard title={t('exports.disbursements')} hint={t('exports.disbursementsHint')} testId="export-disbursements">
            <Form.Item label={t('fields.period')} htmlFor="export-disb-period">
              <DatePicker.RangePicker id={{ start: 'export-disb-period' }} allowEmpty={[true, true]} value={disb.period} onChange={(period) => setDisb({ ...disb, period })} style={{ width: '100%' }} />
            </Form.Item>
            <Row gutter={12}>
              <Col xs={24} sm={12}>
                <Form.Item label={t('fields.unit')} htmlFor="export-disb-unit">
                  <UnitSelect id="export-disb-unit" allowClear placeholder={any} value={disb.unitId} onChange={(unitId) => setDisb({ ...disb, unitId })} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item label={t('fields.fund')} htmlFor="export-disb-fund">
                  <Select id="export-disb-fund" allowClear placeholder={any} value={disb.fundId} onChange={(fundId?: string) => setDisb({ ...disb, fundId })} options={(funds.data ?? []).map((fund) => ({ value: fund.id, label: fund.name }))} />
                </Form.Item>
              </Col>
              <Col xs={24}>
                <Form.Item label={t('fields.programme')} htmlFor="export-disb-programme">
                  <Select id="export-disb-programme" allowClear placeholder={any} value={disb.programmeId} onChange={(programmeId?: string) => setDisb({ ...disb, programmeId })} options={(programmes.data ?? []).map((p) => ({ value: p.id, label: punct.note(p.name, p.year) }))} />
                </Form.Item>
              </Col>
            </Row>
            <FormatChoice id="export-disb-format" value={disb.format} onChange={(format) => setDisb({ ...disb, format })} />
            <DownloadLink
              primary
              path="/disbursements/export"
              query={{ unitId: disb.unitId, fundId: disb.fundId, programmeId: disb.programmeId, from: toIsoDate(disb.period?.[0]), to: toIsoDate(disb.period?.[1]), format: disb.format }}
              label={`${t('exports.download')} ${disb.format === 'csv' ? 'CSV' : 'Excel'}`}
              ariaLabel={t('exports.downloadNamed', { name: t('exports.disbursements') })}
              testId="export-disbursements-download"
            />
          </ExportCard>
        </Col>
        <Col xs={24} lg={12}>
          <ExportCard title={t('exports.ledger')} hint={t('exports.ledgerHint')} testId="export-ledger">
            <Form.Item label={t('fields.fund')} htmlFor="export-ledger-fund" required>
              <Select id="export-ledger-fund" value={ledger.fundId} onChange={(fundId?: string) => setLedger({ ...ledger, fundId })} loading={funds.isPending} options={(funds.data ?? []).map((fund) => ({ value: fund.id, label: fund.name }))} />
            </Form.Item>
            <Form.Item label={t('fields.period')} htmlFor="export-ledger-period">
              <DatePicker.RangePicker id={{ start: 'export-ledger-period' }} allowEmpty={[true, true]} value={ledger.period} onChange={(period) => setLedger({ ...ledger, period })} style={{ width: '100%' }} />
            </Form.Item>
            <FormatChoice id="export-ledger-format" value={ledger.format} onChange={(format) => setLedger({ ...ledger, format })} />
            <DownloadLink
              primary
              path={`/funds/${ledger.fundId ?? ''}/ledger/export`}
              query={{ from: toIsoDate(ledger.period?.[0]), to: toIsoDate(ledger.period?.[1]), format: ledger.format }}
              label={`${t('exports.download')} ${ledger.format === 'csv' ? 'CSV' : 'Excel'}`}
              ariaLabel={t('exports.downloadNamed', { name: t('exports.ledger') })}
              testId="export-ledger-download"
              disabled={!ledger.fundId}
              disabledReason={t('exports.chooseFund')}
            />
          </ExportCard>
        </Col>
      </Row>
      <ReconciliationCard />
    </Page>
  );
}

function ReconciliationCard() {
  const { t } = useTranslation('audit');
  const [unitId, setUnitId] = useState<string>();
  const [period, setPeriod] = useState<Range>(null);
  const [asked, setAsked] = useState<{ unitId?: string; from?: string; to?: string }>({});
  const reconciliation = useQuery({
    queryKey: ['funds', 'reconciliation', asked],
    queryFn: () => api.get<Reconciliation>('/funds/reconciliation', asked),
  });
  const mark = (ok: boolean) =>
    ok ? <Tag icon={<CheckCircleFilled />} color="success">{t('exports.reconciled')}</Tag> : <Tag icon={<CloseCircleFilled />} color="error">{t('exports.notReconciled')}</Tag>;
  const money = (fen: number) => <Money fen={fen} />;
  const data = reconciliation.data;
  return (
    <Card size="small" title={t('exports.reconciliation')} style={{ marginTop: 16 }} data-testid="reconciliation">
      <Typography.Paragraph type="secondary">{t('exports.reconciliationHint')}</Typography.Paragraph>
      <Form layout="vertical" onFinish={() => setAsked({ unitId, from: toIsoDate(period?.[0]), to: toIsoDate(period?.[1]) })}>
        <Row gutter={12} align="bottom">
          <Col xs={24} sm={10} md={8}>
            <Form.Item label={t('fields.unit')} htmlFor="reconcile-unit">
              <UnitSelect id="reconcile-unit" allowClear value={unitId} onChange={setUnitId} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10} md={8}>
            <Form.Item label={t('fields.period')} htmlFor="reconcile-period">
              <DatePicker.RangePicker id={{ start: 'reconcile-period' }} allowEmpty={[true, true]} value={period} onChange={setPeriod} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={4} md={8}>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={reconciliation.isFetching}>{t('exports.reconcile')}</Button>
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {reconciliation.isError && <Alert type="error" showIcon title={describeProblem(reconciliation.error, t)} style={{ marginBottom: 12 }} />}
      {data && (
        <Alert
          showIcon
          type={data.reconciled ? 'success' : 'error'}
          style={{ marginBottom: 12 }}
          title={t(data.reconciled ? 'exports.overallOk' : 'exports.overallBad', { from: data.from, to: data.to })}
          data-testid="reconciliation-verdict"
        />
      )}
      <Flex vertical gap={12}>
        <Typography.Title level={5} style={{ margin: 0 }}>{t('exports.fundsTable')}</Typography.Title>
        <Table<FundReconciliation>
          size="small"
          rowKey="fundId"
          loading={reconciliation.isFetching}
          dataSource={data?.funds ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('fields.fund'), dataIndex: 'fundName', render: (name: string, line) => <Link to={`/funds/${line.fundId}`}>{name}</Link> },
            { title: t('fields.source'), dataIndex: 'source', render: (source) => <SourceTag source={source} /> },
            { title: t('exports.opening'), dataIndex: 'openingBalanceFen', align: 'right', render: money },
            { title: t('exports.moneyIn'), dataIndex: 'moneyInFen', align: 'right', render: money },
            { title: t('exports.transfersIn'), dataIndex: 'transfersInFen', align: 'right', render: money },
            { title: t('exports.transfersOut'), dataIndex: 'transfersOutFen', align: 'right', render: money },
            { title: t('exports.disbursed'), dataIndex: 'disbursedFen', align: 'right', render: money },
            { title: t('exports.reversed'), dataIndex: 'reversedFen', align: 'right', render: money },
            { title: t('exports.moneyOut'), dataIndex: 'moneyOutFen', align: 'right', render: money },
            { title: t('exports.closing'), dataIndex: 'closingBalanceFen', align: 'right', render: money },
            { title: t('exports.closingFromEvents'), dataIndex: 'closingBalanceFromEventsFen', align: 'right', render: money },
            { title: t('exports.result'), dataIndex: 'reconciled', render: mark },
          ]}
        />
        <Typography.Title level={5} style={{ margin: 0 }}>{t('exports.programmesTable')}</Typography.Title>
        <Table<ProgrammeReconciliation>
          size="small"
          rowKey="programmeId"
          loading={reconciliation.isFetching}
          dataSource={data?.programmes ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('fields.programme'), dataIndex: 'programmeName' },
            { title: t('exports.year'), dataIndex: 'year' },
            { title: t('exports.fromGrants'), dataIndex: 'disbursedFromGrantsFen', align: 'right', render: money },
            { title: t('exports.inLedgers'), dataIndex: 'paidOutInLedgersFen', align: 'right', render: money },
            { title: t('exports.reversedFromGrants'), dataIndex: 'reversedFromGrantsFen', align: 'right', render: money },
            { title: t('exports.reversedInLedgers'), dataIndex: 'reversedInLedgersFen', align: 'right', render: money },
            { title: t('exports.result'), dataIndex: 'reconciled', render: mark },
          ]}
        />
      </Flex>
    </Card>
  );
}
