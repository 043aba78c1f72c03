import { REPO } from './support/built-app.js';
import { runExampleSuite } from './support/example-suite.js';

/**
 * examples/emulator-suite as its README says: an app's own tests, with the emulator started in
 * their process by `startEmulator()` (this repository's build, as `npm test` made it).
 * test/package.e2e-spec.ts runs it against the packed package.
 */
describe('examples/emulator-suite', () => {
  it('passes with startEmulator() and both Graph SDKs', async () => {
    const report = await runExampleSuite(REPO);

    expect(report).toMatch(/^# pass 4$/m);
    expect(report).toMatch(/^# fail 0$/m);
  });
});
