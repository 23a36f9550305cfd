import type { PageRoute } from '../../app/page-route';

export const auditRoutes: PageRoute[] = [];
