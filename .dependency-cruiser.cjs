// The boundaries of docs/architecture.md, checked by `npm run lint` (depcruise).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'plumbing-knows-no-feature',
      comment:
        'Shared plumbing (errors, auth, OData, database, config...) serves every feature module and surface: it never imports one. Features register themselves with it.',
      severity: 'error',
      from: {
        path: '^src/(auth|clock|config|database|entity-store|graph|health|http|logging|openapi|resource-manager|security|seeding|throttling|values)/',
      },
      to: { path: '^src/privileged-access/' },
    },
    {
      name: 'surface-knows-no-database',
      comment:
        'The data layer hands the surfaces errors they know (src/errors/); an API layer never reads driver errors itself.',
      severity: 'error',
      from: { path: '^src/(graph|resource-manager)/' },
      to: { path: '^src/database/' },
    },
    {
      name: 'domain-errors-know-no-surface',
      comment:
        "A feature module's errors are the domain's refusals, a code and facts: each API surface words them itself (*.graph-errors.ts for Graph), so that a second surface answers the same refusals its own way.",
      severity: 'error',
      from: { path: '^src/privileged-access/.+\\.errors\\.ts$' },
      to: { path: '^src/graph/' },
    },
    {
      name: 'domain-knows-no-surface',
      comment:
        "A feature module's domain (entities, repositories, services, rules, transitions, seeders) serves every API surface: it imports neither the Graph layer nor the module's graph/ folder. Only the module's *.module.ts joins the two.",
      severity: 'error',
      from: {
        path: '^src/privileged-access/',
        pathNot: '(/graph/|\\.module\\.ts$|\\.spec\\.ts$)',
      },
      to: { path: '(^src/graph/|^src/privileged-access/.*/graph/)' },
    },
    {
      name: 'surfaces-know-no-other-surface',
      comment:
        "Each API surface of a module (graph/, and resource-manager/ for Azure Resource Manager) stands on the domain and its own plumbing only: a Resource Manager route never answers in Graph's shapes or errors, nor the other way round.",
      severity: 'error',
      from: { path: '/resource-manager/' },
      to: { path: '(^src/graph/|/graph/)' },
    },
    {
      name: 'graph-knows-no-resource-manager',
      comment:
        'The Graph surface stands on the domain and the Graph plumbing only.',
      severity: 'error',
      from: { path: '(^src/graph/|/graph/)' },
      to: { path: '(^src/resource-manager/|/resource-manager/)' },
    },
    {
      name: 'modules-meet-through-what-they-export',
      comment:
        'A feature module uses a sibling only through what the sibling offers: its module, its repositories (and the entities they return), its errors, and for each surface its wordings (and Graph parent route). Its services, seeders, queries and controllers are its own; what the modules of a surface share is in azure-resources/graph/ and azure-resources/resource-manager/.',
      severity: 'error',
      from: { path: '^src/privileged-access/azure-resources/([^/]+)/' },
      to: {
        path: '^src/privileged-access/azure-resources/[^/]+/',
        pathNot:
          '(^src/privileged-access/azure-resources/($1|graph|resource-manager)/|\\.(module|repository|entity|errors)\\.ts$|/graph/[^/]+\\.(parent|graph-errors)\\.ts$|/resource-manager/[^/]+\\.arm-errors\\.ts$)',
      },
    },
    {
      name: 'services-refuse-with-domain-errors',
      comment:
        "A feature module's services refuse with domain errors (src/errors/, its *.errors.ts), never with an API's own error classes, which only that API's surface throws.",
      severity: 'error',
      from: { path: '^src/privileged-access/.+\\.service\\.ts$' },
      to: {
        path: '^src/(auth/auth\\.errors|graph/graph-errors?|graph/protocol-errors|resource-manager/arm-errors?)\\.ts$',
      },
    },
    {
      name: 'no-test-code-in-the-service',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^test/' },
    },
    {
      name: 'no-development-dependency-in-the-service',
      comment: 'npm ci --omit=dev must give a server that starts.',
      severity: 'error',
      from: { path: '^src/', pathNot: '\\.spec\\.ts$' },
      to: { dependencyTypes: ['npm-dev'] },
    },
    {
      name: 'no-circular',
      comment:
        'Modules that import each other are evaluated half-initialized in one order or the other; registries resolve references by name instead.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-unresolvable-import',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
