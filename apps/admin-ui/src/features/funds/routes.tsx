import { AuditOutlined, FileTextOutlined, ProjectOutlined } from '@ant-design/icons';
import { CASEWORK_ROLES, READ_ROLES, type PageRoute } from '../../app/page-route';
import { ApprovalsPage } from './ApprovalsPage';
import { EstablishProgrammePage } from './EstablishProgrammePage';
import { GrantPage } from './GrantPage';
import { GrantsPage } from './GrantsPage';
import { ProgrammesPage } from './ProgrammesPage';
import { ProposeAidPage } from './ProposeAidPage';


/** Aid (救助): grants and their approval, and the programmes they are made under. */
export const fundsRoutes: PageRoute[] = [
  { path: 'aid-grants', element: <GrantsPage />, roles: READ_ROLES, menu: { group: 'aid', label: 'nav.aidGrants', icon: <FileTextOutlined />, order: 1 } },
  { path: 'aid-grants/new', element: <ProposeAidPage />, roles: CASEWORK_ROLES },
  { path: 'aid-grants/:id', element: <GrantPage />, roles: READ_ROLES },
  { path: 'approvals', element: <ApprovalsPage />, roles: ['supervisor'], menu: { group: 'aid', label: 'nav.approvals', icon: <AuditOutlined />, order: 2 } },
  { path: 'aid-programmes', element: <ProgrammesPage />, roles: READ_ROLES, menu: { group: 'aid', label: 'funds:nav.programmes', icon: <ProjectOutlined />, order: 3 } },
  { path: 'aid-programmes/new', element: <EstablishProgrammePage />, roles: ['supervisor'] },
];
