import type { PageRoute } from '../../app/page-route';

export const dashboardRoutes: PageRoute[] = [];
