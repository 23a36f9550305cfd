import { BarChartOutlined, FileWordOutlined } from '@ant-design/icons';
import { Skeleton } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import { FIGURE_ROLES, type PageRoute } from '../../app/page-route';

// The charts (echarts) load with these pages only, not with the rest of the app.
const DashboardPage = lazy(() => import('./DashboardPage'));
const AnnualReportPage = lazy(() => import('./AnnualReportPage'));

const loading = (page: ReactNode) => <Suspense fallback={<Skeleton active />}>{page}</Suspense>;

export const dashboardRoutes: PageRoute[] = [
  {
    path: 'dashboard',
    element: loading(<DashboardPage />),
    roles: FIGURE_ROLES,
    menu: { group: 'supervision', label: 'nav.dashboard', icon: <BarChartOutlined />, order: 1 },
  },
  {
    path: 'reports/annual',
    element: loading(<AnnualReportPage />),
    roles: FIGURE_ROLES,
    menu: { group: 'supervision', label: 'nav.report', icon: <FileWordOutlined />, order: 2 },
  },
];
