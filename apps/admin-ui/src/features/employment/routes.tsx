import { READ_ROLES, type PageRoute } from '../../app/page-route';
import { JobFairPage, JobFairsPage } from './JobFairsPage';
import { JobSeekerPage } from './JobSeekerPage';
import { JobSeekersPage } from './JobSeekersPage';

export const employmentRoutes: PageRoute[] = [
  { path: 'job-seekers', element: <JobSeekersPage />, roles: READ_ROLES, menu: { group: 'employment', label: 'nav.jobSeekers', order: 1 } },
  { path: 'job-seekers/:id', element: <JobSeekerPage />, roles: READ_ROLES },
  { path: 'job-fairs', element: <JobFairsPage />, roles: READ_ROLES, menu: { group: 'employment', label: 'nav.jobFairs', order: 2 } },
  { path: 'job-fairs/:id', element: <JobFairPage />, roles: READ_ROLES },
];
