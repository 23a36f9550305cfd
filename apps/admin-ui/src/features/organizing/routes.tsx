import { BuildOutlined, TeamOutlined } from '@ant-design/icons';
import { CASEWORK_ROLES, READ_ROLES, type PageRoute } from '../../app/page-route';
import { EnterprisePage } from './EnterprisePage';
import { EnterprisesPage } from './EnterprisesPage';
import { FoundUnionPage } from './FoundUnionPage';
import { RegisterEnterprisePage } from './RegisterEnterprisePage';
import { UnionPage } from './UnionPage';
import { UnionsPage } from './UnionsPage';

export const organizingRoutes: PageRoute[] = [
  { path: 'enterprises', element: <EnterprisesPage />, roles: READ_ROLES, menu: { group: 'organizing', label: 'nav.enterprises', icon: <BuildOutlined />, order: 1 } },
  { path: 'enterprises/new', element: <RegisterEnterprisePage />, roles: CASEWORK_ROLES },
  { path: 'enterprises/:id', element: <EnterprisePage />, roles: READ_ROLES },
  { path: 'unions', element: <UnionsPage />, roles: READ_ROLES, menu: { group: 'organizing', label: 'nav.unions', icon: <TeamOutlined />, order: 2 } },
  { path: 'unions/new', element: <FoundUnionPage />, roles: CASEWORK_ROLES },
  { path: 'unions/:id', element: <UnionPage />, roles: READ_ROLES },
];
