import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Form, Radio, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, downloadUrl } from '../../api/client';
import { DateText } from '../../components/Money';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/QueryView';
import { DrillDownDrawer } from './DrillDownDrawer';
import { PeriodFilters, usePeriodSearch } from './Filters';
import { cleanParams, drillTargetFromUrl, type DrillTarget, type Measure } from './model';

type ReportLanguage = 'zh' | 'en';

interface ReportFigure {
  id: string;
  key: string;
  dimensions: Record<string, string>;
  label: string;
  value: string | null;
  measure: Measure;
  formatted: string;
  target?: { value: string; formatted: string; attainment: string | null };
  drillDown: string;
}

interface AnnualReport {
  language: ReportLanguage;
  title: string;
  subtitle: string;
  unit: { id: string; name: string };
  period: { from: string; to: string };
  asOf: string | null;
  sections: { key: string; heading: string; paragraphs: { text: string; figures: string[] }[]; figures: string[] }[];
  figures: ReportFigure[];
  generatedAt: string;
  checkpoint: string;
}

export default function AnnualReportPage() {
  const { t, i18n } = useTranslation('dashboard');
  const { search, unitId, year, asOf, update } = usePeriodSearch();
  const languageParam = search.get('language');
  const language: ReportLanguage = languageParam === 'en' || languageParam === 'zh' ? languageParam : i18n.language === 'en' ? 'en' : 'zh';
  const params = useMemo(() => cleanParams({ unitId, year, asOf, language }), [unitId, year, asOf, language]);
  const query = useQuery({
    queryKey: ['reports', 'annual', params],
    queryFn: ({ signal }) => api.get<AnnualReport>('/reports/annual', { ...params, format: 'json' }, signal),
  });
  const [drill, setDrill] = useState<DrillTarget | null>(null);

  return (
    <Page
      title={t('reportTitle')}
      extra={
        <Button type="primary" icon={<DownloadOutlined />} href={downloadUrl('/reports/annual', { ...params, format: 'docx' })} data-testid="report-download">
          {t('report.download')}
        </Button>
      }
    >
      <PeriodFilters idPrefix="report" withPeriod={false}>
        <Col xs={24} md={6} xl={4}>
          <Form.Item label={t('report.language')} htmlFor="report-language">
            <Radio.Group
              id="report-language"
              optionType="button"
              value={language}
              onChange={(event) => update({ language: event.target.value as string })}
              options={[
                { value: 'zh', label: t('report.languages.zh') },
                { value: 'en', label: t('report.languages.en') },
              ]}
            />
          </Form.Item>
        </Col>
      </PeriodFilters>
      <QueryView query={query}>{(report) => <ReportPreview report={report} onDrill={setDrill} />}</QueryView>
      <DrillDownDrawer target={drill} onClose={() => setDrill(null)} />
    </Page>
  );
}

function ReportPreview({ report, onDrill }: { report: AnnualReport; onDrill: (target: DrillTarget) => void }) {
  const { t } = useTranslation('dashboard');
  const figures = useMemo(() => new Map(report.figures.map((figure) => [figure.id, figure])), [report.figures]);
  const drill = (figure: ReportFigure) => {
    const target = drillTargetFromUrl(figure.drillDown, figure.label, figure.measure);
    if (target) onDrill(target);
  };
  const columns: TableColumnsType<ReportFigure> = [
    { title: t('report.label'), dataIndex: 'label' },
    {
      title: t('report.value'),
      dataIndex: 'formatted',
      align: 'right',
      render: (formatted: string, figure) => (
        <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={() => drill(figure)} title={t('report.drill', { label: figure.label })} data-testid={`report-figure-${figure.id}`}>
          {formatted}
        </Button>
      ),
    },
    { title: t('report.target'), key: 'target', align: 'right', render: (_, figure) => figure.target?.formatted ?? '—' },
    { title: t('report.attainment'), key: 'attainment', align: 'right', render: (_, figure) => figure.target?.attainment ?? '—' },
  ];
  return (
    <Card title={t('report.preview')} data-testid="report-preview">
      <article lang={report.language === 'zh' ? 'zh-CN' : 'en'}>
        <Typography.Title level={3} style={{ textAlign: 'center', fontSize: 20 }}>
          {report.title}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          {report.subtitle}
        </Typography.Paragraph>
        {report.sections.map((section) => (
          <section key={section.key} data-testid={`report-section-${section.key}`} style={{ marginBottom: 24 }}>
            <Typography.Title level={4} style={{ fontSize: 16 }}>
              {section.heading}
            </Typography.Title>
            {section.paragraphs.map((paragraph, index) => (
              <Typography.Paragraph key={index} style={{ textIndent: report.language === 'zh' ? '2em' : undefined }}>
                {paragraph.text}
              </Typography.Paragraph>
            ))}
            {section.figures.length > 0 && (
              <Table<ReportFigure>
                rowKey="id"
                size="small"
                columns={columns}
                dataSource={section.figures.map((id) => figures.get(id)).filter((figure) => figure !== undefined)}
                pagination={false}
                scroll={{ x: 'max-content' }}
                aria-label={t('report.figures')}
              />
            )}
          </section>
        ))}
      </article>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('report.generatedAt')}<DateText value={report.generatedAt} withTime />
      </Typography.Text>
    </Card>
  );
}
