import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Flex, Form, Input, Result, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Paged } from '../../api/client';
import { describeProblem } from '../../api/problem';
import { formatDateTime, formatNumber } from '../../components/format';
import { DateText } from '../../components/Money';
import { Page } from '../../components/Page';
import { usePaging } from '../../components/paging';
import type { Checkpoint, VerifyReport } from './api';
import { Mono } from './shared';

function saveFile(name: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function parseCheckpoint(text: string): Checkpoint | null {
  try {
    const value = JSON.parse(text) as Partial<Checkpoint>;
    if (value && typeof value === 'object' && typeof value.sequence === 'number' && typeof value.chainHash === 'string' && typeof value.signature === 'string') {
      return value as Checkpoint;
    }
  } catch {
    // falls through
  }
  return null;
}

export function VerifyPage() {
  const { t, i18n } = useTranslation('audit');
  const { paging: { page, pageSize }, pagination } = usePaging(10);
  const [kept, setKept] = useState('');
  const [keptError, setKeptError] = useState<string | null>(null);
  const key = useQuery({
    queryKey: ['audit', 'public-key'],
    queryFn: () => api.get<{ algorithm: string; keyId: string; publicKeyPem: string }>('/audit/public-key'),
    staleTime: Infinity,
  });
  const checkpoints = useQuery({
    queryKey: ['audit', 'checkpoints', page, pageSize],
    queryFn: () => api.get<Paged<Checkpoint>>('/audit/checkpoints', { page, pageSize }),
  });
  const verify = useMutation({
    mutationFn: (checkpoint?: Checkpoint) => (checkpoint ? api.post<VerifyReport>('/audit/verify', checkpoint) : api.get<VerifyReport>('/audit/verify')),
    onSuccess: () => void checkpoints.refetch(),
  });
  const report = verify.data;

  const runKept = () => {
    const checkpoint = parseCheckpoint(kept);
    if (!checkpoint) {
      setKeptError(t('verify.keptInvalid'));
      return;
    }
    setKeptError(null);
    verify.mutate(checkpoint);
  };

  return (
    <Page title={t('verify.title')}>
      <Flex vertical gap={16}>
        <Card size="small">
          <Typography.Paragraph>{t('verify.intro')}</Typography.Paragraph>
          <Button type="primary" size="large" icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate(undefined)}>
            {verify.isPending ? t('verify.running') : t('verify.run')}
          </Button>
        </Card>
        {verify.isError && <Alert type="error" showIcon role="alert" title={describeProblem(verify.error, t)} />}
        {report && (
          <Card size="small" data-testid="verify-result" aria-live="polite">
            <Result
              status={report.ok ? 'success' : 'error'}
              title={<span data-testid="verify-verdict">{report.ok ? t('verify.ok') : t('verify.failed')}</span>}
              subTitle={
                report.ok
                  ? t('verify.okSub', { events: formatNumber(report.verifiedEvents, i18n.language), checkpoints: report.checkpointsHeld })
                  : t('verify.failedSub', { sequence: report.firstProblem?.sequence ?? report.verifiedEvents })
              }
            />
            {report.keptCheckpoint && (
              <Alert
                style={{ marginBottom: 12 }}
                showIcon
                type={report.keptCheckpoint.held ? 'success' : 'error'}
                title={report.keptCheckpoint.held ? t('verify.keptHeld', { sequence: report.keptCheckpoint.sequence }) : t('verify.keptNotHeld', { sequence: report.keptCheckpoint.sequence })}
              />
            )}
            <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2 }}>
              <Descriptions.Item label={t('verify.checkedAt')}>{formatDateTime(report.checkedAt, i18n.language)}</Descriptions.Item>
              <Descriptions.Item label={t('verify.verifiedEvents')}><span data-testid="verify-events">{formatNumber(report.verifiedEvents, i18n.language)}</span></Descriptions.Item>
              <Descriptions.Item label={t('verify.chainedEvents')}>{formatNumber(report.chainedEvents, i18n.language)}</Descriptions.Item>
              <Descriptions.Item label={t('verify.unsealedEvents')}>{formatNumber(report.unsealedEvents, i18n.language)}</Descriptions.Item>
              <Descriptions.Item label={t('verify.checkpointsHeld')}>{report.checkpointsHeld}</Descriptions.Item>
              <Descriptions.Item label={t('verify.latestCheckpoint')}>
                {report.latestCheckpoint ? t('verify.checkpointAt', { sequence: report.latestCheckpoint.sequence, at: formatDateTime(report.latestCheckpoint.createdAt, i18n.language) }) : t('verify.none')}
              </Descriptions.Item>
              <Descriptions.Item label={t('verify.keyId')} span={2}><Mono copyable>{key.data?.keyId ?? report.latestCheckpoint?.keyId}</Mono></Descriptions.Item>
            </Descriptions>
            {report.firstProblem && (
              <Card type="inner" size="small" title={t('verify.problem')} style={{ marginTop: 12, borderColor: '#ffa39e' }} data-testid="verify-problem">
                <Descriptions size="small" column={1}>
                  <Descriptions.Item label={t('verify.problemKind')}>
                    <Typography.Text type="danger" strong>{t(`verify.kinds.${report.firstProblem.kind}`, { defaultValue: report.firstProblem.kind })}</Typography.Text>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('verify.sequence')}>{report.firstProblem.sequence}</Descriptions.Item>
                  {report.firstProblem.event && (
                    <Descriptions.Item label={t('verify.problemEvent')}>
                      <Mono>{report.firstProblem.event.eventId}</Mono> · {t('verify.stream')} <Mono>{report.firstProblem.event.streamName}</Mono> · {t('fields.revision')} {report.firstProblem.event.revision} ·{' '}
                      {t('fields.position')} {report.firstProblem.event.position}
                    </Descriptions.Item>
                  )}
                  {report.firstProblem.expected && (
                    <Descriptions.Item label={t('verify.expected')}>
                      <Mono>{report.firstProblem.expected.eventId}</Mono> · <Mono>{report.firstProblem.expected.streamName}</Mono>
                    </Descriptions.Item>
                  )}
                  {(report.firstProblem.expectedHash || report.firstProblem.foundHash) && (
                    <Descriptions.Item label={t('verify.hashes')}>
                      <Mono>{report.firstProblem.expectedHash}</Mono> / <Mono>{report.firstProblem.foundHash}</Mono>
                    </Descriptions.Item>
                  )}
                  {report.firstProblem.between && (
                    <Descriptions.Item label={t('verify.sequence')}>{t('verify.between', { from: report.firstProblem.between.fromSequence, to: report.firstProblem.between.toSequence })}</Descriptions.Item>
                  )}
                  <Descriptions.Item label={t('verify.message')}>{report.firstProblem.message}</Descriptions.Item>
                </Descriptions>
              </Card>
            )}
          </Card>
        )}
        <Card size="small" title={t('verify.publicKey')}>
          <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2 }}>
            <Descriptions.Item label={t('verify.algorithm')}>{key.data?.algorithm ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('verify.keyId')}><span data-testid="public-key-id"><Mono copyable>{key.data?.keyId}</Mono></span></Descriptions.Item>
          </Descriptions>
          <Button icon={<DownloadOutlined />} disabled={!key.data} onClick={() => key.data && saveFile('unioncase-audit-public-key.pem', key.data.publicKeyPem, 'application/x-pem-file')}>
            {t('verify.downloadKey')}
          </Button>
        </Card>
        <Card size="small" title={t('verify.kept')}>
          <Typography.Paragraph type="secondary">{t('verify.keptHint')}</Typography.Paragraph>
          <Form layout="vertical" onFinish={runKept}>
            <Form.Item label={t('verify.keptField')} htmlFor="kept-checkpoint" validateStatus={keptError ? 'error' : undefined} help={keptError ?? undefined}>
              <Input.TextArea id="kept-checkpoint" rows={4} value={kept} onChange={(event) => setKept(event.target.value)} style={{ fontFamily: 'monospace', fontSize: 12 }} />
            </Form.Item>
            <Button htmlType="submit" disabled={!kept.trim()} loading={verify.isPending}>{t('verify.keptRun')}</Button>
          </Form>
        </Card>
        <Card size="small" title={t('verify.checkpoints')}>
          {checkpoints.isError && <Alert type="error" showIcon title={describeProblem(checkpoints.error, t)} style={{ marginBottom: 12 }} />}
          <Table<Checkpoint>
            rowKey="sequence"
            size="small"
            loading={checkpoints.isFetching}
            dataSource={checkpoints.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            onRow={() => ({ 'data-testid': 'checkpoint-row' }) as React.HTMLAttributes<HTMLElement>}
            pagination={pagination(checkpoints.data?.total ?? 0, { showSizeChanger: undefined })}
            columns={[
              { title: t('verify.sequence'), dataIndex: 'sequence' },
              { title: t('verify.createdAt'), dataIndex: 'createdAt', render: (value: string) => <DateText value={value} withTime /> },
              { title: t('fields.position'), dataIndex: 'position' },
              { title: t('verify.chainHash'), dataIndex: 'chainHash', render: (hash: string) => <Typography.Text code copyable={{ text: hash }} style={{ fontSize: 12 }}>{hash.slice(0, 16)}…</Typography.Text> },
              { title: t('verify.keyId'), dataIndex: 'keyId', render: (id: string) => <Typography.Text code style={{ fontSize: 12 }}>{id.slice(0, 12)}…</Typography.Text> },
              {
                title: t('table.actions', { ns: 'common' }),
                key: 'actions',
                render: (_: unknown, checkpoint) => (
                  <Space wrap>
                    <Button size="small" aria-label={t('verify.saveNamed', { sequence: checkpoint.sequence })} onClick={() => saveFile(`checkpoint-${checkpoint.sequence}.json`, JSON.stringify(checkpoint, null, 2), 'application/json')}>
                      {t('verify.save')}
                    </Button>
                    <Button size="small" aria-label={t('verify.verifyAgainstNamed', { sequence: checkpoint.sequence })} loading={verify.isPending && verify.variables?.sequence === checkpoint.sequence} onClick={() => verify.mutate(checkpoint)}>
                      {t('verify.verifyAgainst')}
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      </Flex>
    </Page>
  );
}
