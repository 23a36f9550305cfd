import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../components/format';
import type { NextDeadline } from './api';

const STATUS_COLORS: Record<string, string> = {
  offered: 'blue',
  response_overdue: 'red',
  refused: 'volcano',
  rectification_issued: 'orange',
  accepted: 'cyan',
  negotiating: 'processing',
  agreed: 'geekblue',
  adopted: 'geekblue',
  filed: 'purple',
  effective: 'green',
  expired: 'default',
  withdrawn: 'default',
};

export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation('bargaining');
  return <Tag color={STATUS_COLORS[status] ?? 'default'}>{t(`status.${status}`, { defaultValue: status })}</Tag>;
}

/** What has to happen next, translated, with the overdue days when it is late. */
export function NextStep({ deadline }: { deadline: NextDeadline | null }) {
  const { t, i18n } = useTranslation('bargaining');
  if (!deadline) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size={4} wrap>
      <span>{t(`nextKind.${deadline.kind}`, { defaultValue: deadline.kind })}</span>
      {deadline.overdue && <Typography.Text type="danger">{t('overdueDays', { days: deadline.daysOverdue })}</Typography.Text>}
      {deadline.opensOn && !deadline.overdue && (
        <Typography.Text type="secondary">{t('list.opensOn', { date: formatDate(deadline.opensOn, i18n.language) })}</Typography.Text>
      )}
    </Space>
  );
}
