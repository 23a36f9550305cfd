import type { PageRoute } from '../../app/page-route';
import { AccountsPage } from './AccountsPage';
import { TargetsPage } from './TargetsPage';
import { UnitsPage } from './UnitsPage';

export const adminRoutes: PageRoute[] = [
  { path: 'admin/units', element: <UnitsPage />, roles: ['admin'], menu: { group: 'admin', label: 'nav.units', order: 1 } },
  { path: 'admin/accounts', element: <AccountsPage />, roles: ['admin', 'auditor'], menu: { group: 'admin', label: 'nav.accounts', order: 2 } },
  {
    path: 'admin/targets',
    element: <TargetsPage />,
    roles: ['admin', 'supervisor', 'auditor', 'caseworker'],
    menu: { group: 'admin', label: 'nav.targets', order: 3 },
  },
];
