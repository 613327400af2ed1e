// Configuration for @vscode/test-cli (`npx vscode-test`), the standard runner of VS Code extension
// tests on machines that can download desktop VS Code. It runs the same host suite that
// `npm run test:host` runs here in the VS Code server (test/host/run.mjs): build it first with
// `node scripts/build.mjs --tests`. @vscode/test-cli is not a dependency (it cannot run here); with
// it installed, `import { defineConfig } from '@vscode/test-cli'` and wrap this object for types.
// test/host/electron.mjs runs the same suite through @vscode/test-electron without test-cli.
export default {
  label: 'host',
  files: 'out/host-suite/**/*.test.js',
  workspaceFolder: 'test/host/fixtures/workspace',
  version: 'stable',
  extensionDevelopmentPath: '.',
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  mocha: {
    ui: 'bdd',
    // The first test waits for activation and deck loading in a cold VS Code.
    timeout: 60_000,
    color: true,
  },
};
