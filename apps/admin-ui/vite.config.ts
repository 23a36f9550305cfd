import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

// No React plugin: Vite 8 compiles TSX itself (automatic JSX runtime); the plugin only adds fast refresh in dev.
export default defineConfig({
  root: here,
  base: '/',
  build: {
    outDir: fileURLToPath(new URL('../../dist/admin-ui', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    sourcemap: false,
    rolldownOptions: {
      // antd marks its modules "use client" for React Server Components; a client bundle has no use for it.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    // `npm run ui:dev` proxies the API so cookies stay same-origin.
    proxy: { '/api': { target: process.env.UNIONCASE_API ?? 'http://localhost:3000', changeOrigin: false } },
  },
});
