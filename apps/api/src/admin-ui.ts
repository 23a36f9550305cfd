import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DynamicModule } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import type { Response } from 'express';

/** Where `npm run build` puts the browser app: dist/admin-ui, beside dist/apps (this file is dist/apps/api/src/admin-ui.js). */
export const BUILT_ADMIN_UI_DIR = fileURLToPath(new URL('../../../admin-ui/', import.meta.url));

/**
 * The admin UI, served from the API's own origin so the session cookie (SameSite=Strict) and the CSP's
 * 'self' cover it. Any path that is not the API, the docs or /metrics gets the app's index.html, so a reload
 * on /hardship-files/… lands in the app's own router.
 */
export function adminUiModule(directory: string | undefined): DynamicModule[] {
  if (!directory || !existsSync(join(directory, 'index.html'))) return [];
  return [
    ServeStaticModule.forRoot({
      rootPath: directory,
      exclude: ['/api/{*path}', '/metrics'],
      serveStaticOptions: {
        index: 'index.html',
        setHeaders: (response: Response, path: string) => {
          // Built assets carry a content hash in their names; index.html must be asked for again after a deploy.
          response.setHeader('Cache-Control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      },
    }),
  ];
}
