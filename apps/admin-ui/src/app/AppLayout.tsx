import {
  BankOutlined,
  DashboardOutlined,
  HeartOutlined,
  HomeOutlined,
  MenuOutlined,
  SettingOutlined,
  SolutionOutlined,
  TeamOutlined,
  TransactionOutlined,
  LogoutOutlined,
  MoneyCollectOutlined,
} from '@ant-design/icons';
import { Button, Drawer, Grid, Layout, Menu, Space, Tag, Typography, type MenuProps } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useMe, useSession } from '../auth/session';
import { LanguageSwitch } from './LanguageSwitch';
import { MENU_GROUPS, type MenuGroup } from './page-route';
import { pageRoutes } from './routes';

const GROUP_ICONS: Record<MenuGroup, ReactNode> = {
  organizing: <TeamOutlined />,
  bargaining: <SolutionOutlined />,
  casework: <HeartOutlined />,
  aid: <MoneyCollectOutlined />,
  employment: <BankOutlined />,
  supervision: <DashboardOutlined />,
  funds: <TransactionOutlined />,
  admin: <SettingOutlined />,
};

export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const { signOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const wide = screens.lg ?? true;
  const [drawerOpen, setDrawerOpen] = useState(false);

  const items = useMemo<MenuProps['items']>(() => {
    const mine = pageRoutes.filter((route) => route.menu && route.roles.includes(me.role));
    const groups = MENU_GROUPS.map((group) => {
      const children = mine
        .filter((route) => route.menu!.group === group)
        .sort((a, b) => (a.menu!.order ?? 0) - (b.menu!.order ?? 0))
        .map((route) => ({ key: `/${route.path}`, label: t(route.menu!.label), icon: route.menu!.icon }));
      return children.length ? { key: group, label: t(`nav.${group}`), icon: GROUP_ICONS[group], children } : null;
    }).filter((group) => group !== null);
    return [{ key: '/', label: t('nav.home'), icon: <HomeOutlined /> }, ...groups];
  }, [me.role, t]);

  const selected = useMemo(() => {
    const keys = pageRoutes.filter((r) => r.menu).map((r) => `/${r.path}`);
    const match = keys.filter((key) => location.pathname === key || location.pathname.startsWith(`${key}/`)).sort((a, b) => b.length - a.length)[0];
    return match ?? '/';
  }, [location.pathname]);
  const openGroup = pageRoutes.find((r) => `/${r.path}` === selected)?.menu?.group;

  const menu = (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={[selected]}
      defaultOpenKeys={openGroup ? [openGroup] : []}
      onClick={({ key }) => {
        navigate(key);
        setDrawerOpen(false);
      }}
      style={{ borderInlineEnd: 0 }}
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {wide && (
        <Layout.Sider width={232} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
          <div className="brand">{t('appShort')}</div>
          <nav aria-label={t('nav.home')}>{menu}</nav>
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header className="app-header">
          <Space>
            {!wide && <Button icon={<MenuOutlined />} aria-label="menu" onClick={() => setDrawerOpen(true)} />}
            {!wide && <span className="brand-inline">{t('appShort')}</span>}
          </Space>
          <Space size="middle" wrap={false}>
            <LanguageSwitch />
            {screens.md && (
              <span data-testid="current-user">
                <Typography.Text strong>{me.displayName}</Typography.Text> <Tag>{t(`roles.${me.role}`)}</Tag>
                <Typography.Text type="secondary">{me.unit.name}</Typography.Text>
              </span>
            )}
            <Button icon={<LogoutOutlined />} onClick={() => void signOut().then(() => navigate('/'))} aria-label={t('actions.signOut')}>
              {screens.md ? t('actions.signOut') : null}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content className="app-content">
          <Outlet />
        </Layout.Content>
      </Layout>
      <Drawer open={!wide && drawerOpen} onClose={() => setDrawerOpen(false)} placement="left" size={260} title={t('appShort')}>
        <div style={{ marginBottom: 12 }} data-testid="current-user-mobile">
          <Typography.Text strong>{me.displayName}</Typography.Text> <Tag>{t(`roles.${me.role}`)}</Tag>
        </div>
        <nav>{menu}</nav>
      </Drawer>
    </Layout>
  );
}

