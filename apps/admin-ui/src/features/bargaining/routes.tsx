import { SolutionOutlined } from '@ant-design/icons';
import { CASEWORK_ROLES, READ_ROLES, type PageRoute } from '../../app/page-route';
import { OpenWageTalksPage } from './OpenWageTalksPage';
import { WageTalkPage } from './WageTalkPage';
import { WageTalksPage } from './WageTalksPage';

export const bargainingRoutes: PageRoute[] = [
  { path: 'wage-talks', element: <WageTalksPage />, roles: READ_ROLES, menu: { group: 'bargaining', label: 'nav.wageTalks', icon: <SolutionOutlined />, order: 1 } },
  { path: 'wage-talks/new', element: <OpenWageTalksPage />, roles: CASEWORK_ROLES },
  { path: 'wage-talks/:id', element: <WageTalkPage />, roles: READ_ROLES },
];
