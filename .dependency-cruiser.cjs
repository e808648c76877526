/**
 * Layer rules from ARCHITECTURE.md, checked by `npm run lint` (and so by `npm test` and CI).
 * Each rule names a layer and what it may NOT reach; npm packages are listed where a layer is
 * restricted to a few of them.
 */
const layer = (name) => `^src/${name}/`;

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'src/domain imports only zod, date-fns and itself.',
      severity: 'error',
      from: { path: layer('domain') },
      to: { pathNot: ['^src/domain/', 'node_modules/(zod|date-fns)/', '^(zod|date-fns)'] },
    },
    {
      name: 'engine-depends-on-domain',
      severity: 'error',
      from: { path: layer('engine') },
      to: { path: '^src/', pathNot: ['^src/domain/', '^src/engine/'] },
    },
    {
      name: 'plans-depend-on-domain-and-engine-ports',
      severity: 'error',
      from: { path: layer('plans') },
      to: { path: '^src/', pathNot: ['^src/domain/', '^src/engine/', '^src/plans/'] },
    },
    {
      name: 'storage-implements-plans-ports',
      comment: 'Storage implements the ports of plans/ and the engine ports in src/engine/ports/ (caches, budgets).',
      severity: 'error',
      from: { path: layer('storage') },
      to: { path: '^src/', pathNot: ['^src/domain/', '^src/plans/', '^src/storage/', '^src/embedded-mongo/', '^src/engine/ports/'] },
    },
    {
      name: 'embedded-mongo-is-self-contained',
      comment: 'The embedded MongoDB-compatible server imports nothing from the app.',
      severity: 'error',
      from: { path: layer('embedded-mongo') },
      to: { path: '^src/', pathNot: ['^src/embedded-mongo/'] },
    },
    {
      name: 'conversation-is-platform-agnostic',
      severity: 'error',
      from: { path: layer('conversation') },
      to: { path: '^src/', pathNot: ['^src/domain/', '^src/plans/', '^src/conversation/'] },
    },
    {
      name: 'conversation-knows-no-platform-sdk',
      severity: 'error',
      from: { path: '^src/(domain|engine|plans|conversation)/' },
      to: { path: 'node_modules/(@slack|discord\\.js|@discordjs|mongoose|mongodb)/' },
    },
    {
      name: 'chat-adapters-talk-to-the-core',
      comment: 'Every adapter but the HTTP API is a chat adapter, so a new surface falls under this rule unnamed.',
      severity: 'error',
      from: { path: '^src/adapters/', pathNot: '^src/adapters/http/' },
      to: { path: '^src/', pathNot: ['^src/conversation/', '^src/adapters/'] },
    },
    {
      name: 'http-adapter-uses-use-cases',
      comment:
        "The HTTP API has two faces: the seed's endpoints on the use cases, and the chat conversation over HTTP (conversation-routes.ts), which must go through the conversation core so every command of the registry works there unchanged. Engines, storage and the other adapters stay out of reach.",
      severity: 'error',
      from: { path: '^src/adapters/http/' },
      to: { path: '^src/', pathNot: ['^src/plans/', '^src/domain/', '^src/conversation/', '^src/adapters/http/'] },
    },
    {
      name: 'integrations-implement-plans-ports',
      comment: 'Clients of outside services (Strava, issue 21) implement ports of plans/: no chat platform, storage or scheduler.',
      severity: 'error',
      from: { path: layer('integrations') },
      to: { path: '^src/', pathNot: ['^src/domain/', '^src/plans/', '^src/integrations/'] },
    },
    {
      name: 'integrations-are-wired-by-the-roots',
      comment: 'Only the composition roots reach an outside service client; the rest speak to its port.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/app/', '^src/cli/', '^src/integrations/'] },
      to: { path: '^src/integrations/' },
    },
    {
      name: 'scheduler-uses-use-cases',
      severity: 'error',
      from: { path: layer('scheduler') },
      to: { path: '^src/', pathNot: ['^src/plans/', '^src/domain/', '^src/scheduler/'] },
    },
    {
      name: 'only-the-composition-roots-know-everything',
      comment:
        "The composition roots live in src/app/ (the bot) and src/cli/ (the operators' commands): they wire concrete classes. Only the CLI, which starts the bot, may import src/app/; nothing imports the CLI.",
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/app/', '^src/cli/'] },
      to: { path: ['^src/app/', '^src/cli/'] },
    },
    {
      name: 'app-is-not-imported-by-the-cli-internals',
      comment: "Within the CLI, only its entry and commands reach the bot's composition root.",
      severity: 'error',
      from: { path: '^src/app/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'no-orphans',
      comment: 'A module nothing imports is dead code (entry points and type declarations excepted).',
      severity: 'error',
      from: {
        orphan: true,
        // The activity file worker is loaded by URL on its own thread (parse-off-thread.ts).
        pathNot: ['\\.d\\.ts$', '^src/cli/index\\.ts$', '^src/app/main\\.ts$', '^src/plans/activity-files/activity-file-worker\\.ts$'],
      },
      to: {},
    },
    {
      name: 'not-to-dev-dep',
      comment: 'Production code must not need a devDependency: the Docker image installs none.',
      severity: 'error',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
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
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
