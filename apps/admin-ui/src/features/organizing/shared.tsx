import { Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DateText } from '../../components/Money';
import { formatDate, formatDateTime } from '../../components/format';
import type { HistoryEntry } from './api';

/** An enterprise's or a union's events, oldest first, as a timeline with a one-line summary of each. */
export function HistoryTimeline({ entries }: { entries: HistoryEntry[] }) {
  const { t, i18n } = useTranslation('organizing');
  if (!entries.length) return <Typography.Text type="secondary">{t('history.empty')}</Typography.Text>;
  const lang = i18n.language;
  const summary = (entry: HistoryEntry): ReactNode => {
    const d = entry.data as Record<string, string | number | string[] | boolean>;
    switch (entry.type) {
      case 'EnterpriseRegistered':
        return t('history.detail.registered', { name: d.name, employees: d.employeeCount, women: d.womenEmployeeCount });
      case 'UnionizationSurveyRecorded':
        return t('history.detail.survey', { reason: d.reason, target: formatDate(String(d.targetDate), lang) });
      case 'EnterpriseUnionized':
        return t('history.detail.unionized', { kind: t(`unionKind.${String(d.unionKind)}`), since: formatDate(String(d.since), lang) });
      case 'UnionFounded':
        return t('history.detail.founded', {
          name: d.name,
          kind: t(`unionKind.${String(d.kind)}`),
          chair: d.chairName,
          members: d.initialMemberCount,
          count: Array.isArray(d.coveredEnterpriseIds) ? d.coveredEnterpriseIds.length : 0,
        });
      default:
        return null;
    }
  };
  return (
    <Timeline
      items={entries.map((entry) => ({
        key: entry.revision,
        color: entry.type === 'UnionizationSurveyRecorded' ? 'gray' : entry.type === 'EnterpriseRegistered' ? 'blue' : 'green',
        content: (
          <div>
            <Typography.Text type="secondary"><DateText value={entry.occurredAt} /></Typography.Text>{' '}
            <Typography.Text strong>{t(`history.${entry.type}`, { defaultValue: entry.type })}</Typography.Text>
            <div>{summary(entry)}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('history.at', { at: formatDateTime(entry.recordedAt, lang) })}
            </Typography.Text>
          </div>
        ),
      }))}
    />
  );
}
