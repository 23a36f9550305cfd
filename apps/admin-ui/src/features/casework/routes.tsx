import { CalendarOutlined, FolderOpenOutlined } from '@ant-design/icons';
import { CASEWORK_ROLES, READ_ROLES, type PageRoute } from '../../app/page-route';
import { HardshipFilePage } from './HardshipFilePage';
import { HardshipFilesPage } from './HardshipFilesPage';
import { OpenFilePage } from './OpenFilePage';
import { ReviewsDuePage } from './ReviewsDuePage';

export const caseworkRoutes: PageRoute[] = [
  {
    path: 'hardship-files',
    element: <HardshipFilesPage />,
    roles: READ_ROLES,
    menu: { group: 'casework', label: 'nav.hardshipFiles', icon: <FolderOpenOutlined />, order: 1 },
  },
  {
    path: 'hardship-files/reviews-due',
    element: <ReviewsDuePage />,
    roles: READ_ROLES,
    menu: { group: 'casework', label: 'nav.reviewsDue', icon: <CalendarOutlined />, order: 2 },
  },
  { path: 'hardship-files/new', element: <OpenFilePage />, roles: CASEWORK_ROLES },
  { path: 'hardship-files/:id', element: <HardshipFilePage />, roles: READ_ROLES },
];
