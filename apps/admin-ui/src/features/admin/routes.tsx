import type { PageRoute } from '../../app/page-route';

export const adminRoutes: PageRoute[] = [];
