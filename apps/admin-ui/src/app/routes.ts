import type { PageRoute } from './page-route';
import { organizingRoutes } from '../features/organizing/routes';
import { bargainingRoutes } from '../features/bargaining/routes';
import { caseworkRoutes } from '../features/casework/routes';
import { employmentRoutes } from '../features/employment/routes';
import { fundsRoutes } from '../features/funds/routes';
import { dashboardRoutes } from '../features/dashboard/routes';
import { auditRoutes } from '../features/audit/routes';
import { adminRoutes } from '../features/admin/routes';

export const pageRoutes: readonly PageRoute[] = [
  ...organizingRoutes,
  ...bargainingRoutes,
  ...caseworkRoutes,
  ...employmentRoutes,
  ...fundsRoutes,
  ...dashboardRoutes,
  ...auditRoutes,
  ...adminRoutes,
];
