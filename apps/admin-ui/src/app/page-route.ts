import type { ReactNode } from 'react';
import type { Role } from '../auth/session';

export type MenuGroup = 'organizing' | 'bargaining' | 'casework' | 'aid' | 'employment' | 'supervision' | 'funds' | 'admin';
export const MENU_GROUPS: readonly MenuGroup[] = ['organizing', 'bargaining', 'casework', 'aid', 'employment', 'supervision', 'funds', 'admin'];

/** A page of the app: its path, who may open it, and where (if anywhere) it sits in the menu. */
export interface PageRoute {
  /** Relative to the app root, react-router syntax: `enterprises`, `enterprises/:id`. */
  path: string;
  element: ReactNode;
  /** The roles the API lets do what the page does; the menu shows only these. */
  roles: readonly Role[];
  menu?: { group: MenuGroup; label: string; icon?: ReactNode; order?: number };
}

export const CASEWORK_ROLES = ['caseworker', 'supervisor'] as const;
export const READ_ROLES = ['caseworker', 'supervisor', 'auditor'] as const;
export const FIGURE_ROLES = ['supervisor', 'auditor', 'admin'] as const;
