import { Breadcrumb, Flex, Typography } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** Every page: one h1 (also the window title), optional actions, optional trail back to a list. */
export function Page({ title, extra, back, children }: { title: ReactNode; extra?: ReactNode; back?: { to: string; label: string }; children: ReactNode }) {
  const { t } = useTranslation();
  useEffect(() => {
    if (typeof title === 'string') document.title = `${title} · ${t('appShort')}`;
  }, [title, t]);
  return (
    <section className="page">
      {back && <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to={back.to}>{back.label}</Link> }, { title }]} />}
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Typography.Title level={2} style={{ margin: 0, fontSize: 22 }}>
          {title}
        </Typography.Title>
        {extra && <Flex gap={8} wrap>{extra}</Flex>}
      </Flex>
      {children}
    </section>
  );
}
