import { Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Grant, GrantStatus, UserRef } from './api';

const STATUS_COLORS: Record<GrantStatus, string> = {
  proposed: 'gold',
  granted: 'blue',
  disbursed: 'green',
  rejected: 'red',
  revoked: '',
  reversed: 'volcano',
};

export function GrantStatusTag({ status }: { status: GrantStatus }) {
  const { t } = useTranslation('funds');
  return (
    <Tag key={status} color={STATUS_COLORS[status] || undefined} data-testid="grant-status">
      {t(`status.${status}`)}
    </Tag>
  );
}

export const userName = (user: UserRef | null | undefined, t: TFunction) => user?.displayName ?? t('funds:detail.unknownUser');

export function recipientName(grant: Pick<Grant, 'recipient'>, t: TFunction): string {
  return grant.recipient.name ?? t('funds:grants.erased');
}

/** The recipient, linked to their hardship file when they have one. */
export function RecipientLink({ grant }: { grant: Pick<Grant, 'recipient'> }) {
  const { t } = useTranslation('funds');
  const name = recipientName(grant, t);
  if (grant.recipient.fileId) return <Link to={`/hardship-files/${grant.recipient.fileId}`}>{name}</Link>;
  return (
    <span>
      {name} <Typography.Text type="secondary">{t('paren', { text: t('recipientKinds.worker') })}</Typography.Text>
    </span>
  );
}

export const today = () => {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
};
