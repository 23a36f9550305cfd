import { Card, Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../auth/session';
import { Page } from '../components/Page';
import { pageRoutes } from './routes';

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const mine = pageRoutes.filter((route) => route.menu && route.roles.includes(me.role));
  return (
    <Page title={t('home.welcome', { name: me.displayName })}>
      <Typography.Paragraph type="secondary">
        {t(`roles.${me.role}`)} · {me.unit.name}
      </Typography.Paragraph>
      <Typography.Title level={4}>{t('home.shortcuts')}</Typography.Title>
      <Row gutter={[16, 16]}>
        {mine.map((route) => (
          <Col key={route.path} xs={24} sm={12} md={8} xl={6}>
            <Link to={`/${route.path}`}>
              <Card hoverable size="small">
                <Typography.Text strong>{t(route.menu!.label)}</Typography.Text>
                <br />
                <Typography.Text type="secondary">{t(`nav.${route.menu!.group}`)}</Typography.Text>
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </Page>
  );
}
