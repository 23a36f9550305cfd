import { BookOutlined, DownloadOutlined, FileSearchOutlined, SafetyCertificateOutlined, WalletOutlined } from '@ant-design/icons';
import { READ_ROLES, type PageRoute } from '../../app/page-route';
import { AccessLogPage } from './AccessLogPage';
import { DisbursementsPage } from './DisbursementsPage';
import { ExportsPage } from './ExportsPage';
import { FundPage } from './FundPage';
import { FundsPage } from './FundsPage';
import { VerifyPage } from './VerifyPage';

export const auditRoutes: PageRoute[] = [
  { path: 'funds', element: <FundsPage />, roles: READ_ROLES, menu: { group: 'funds', label: 'nav.fundLedgers', icon: <WalletOutlined />, order: 10 } },
  { path: 'funds/:id', element: <FundPage />, roles: READ_ROLES },
  { path: 'disbursements', element: <DisbursementsPage />, roles: READ_ROLES, menu: { group: 'funds', label: 'nav.disbursements', icon: <BookOutlined />, order: 20 } },
  { path: 'audit/verify', element: <VerifyPage />, roles: ['auditor'], menu: { group: 'funds', label: 'nav.verify', icon: <SafetyCertificateOutlined />, order: 30 } },
  { path: 'exports', element: <ExportsPage />, roles: READ_ROLES, menu: { group: 'funds', label: 'nav.exports', icon: <DownloadOutlined />, order: 40 } },
  { path: 'audit/access-log', element: <AccessLogPage />, roles: ['auditor'], menu: { group: 'funds', label: 'audit:nav.accessLog', icon: <FileSearchOutlined />, order: 50 } },
];

