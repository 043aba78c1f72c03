import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO } from './support/built-app.js';

const YOUNG_GENERATION = '--max-semi-space-size=64';

/**
 * The option production runs Node.js with (docs/deployment.md, "Node.js's young generation"):
 * the npm scripts that start the server, the benchmark (which reads `start:prod`) and every way
 * of running it that the deployment guide gives carry the same one.
 */
describe('the options the server runs with in production', () => {
  const scripts = (
    JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    }
  ).scripts;

  it('npm start and npm run start:prod give the server a young generation of 64 MB', () => {
    expect(scripts['start:prod']).toBe(`node ${YOUNG_GENERATION} dist/main.js`);
    expect(scripts.start).toMatch(
      new RegExp(`&& node ${YOUNG_GENERATION} dist/main\\.js$`),
    );
  });

  it('the container image, the systemd unit and PM2 of the deployment guide give it too', () => {
    const guide = readFileSync(
      path.join(REPO, 'docs', 'deployment.md'),
      'utf8',
    );
    const ways = guide
      .split('\n')
      .filter(
        (line) =>
          line.includes('dist/main.js') &&
          /^(CMD |\s*`ExecStart=|- \*\*PM2:\*\*)/.test(line),
      );

    expect(ways).toHaveLength(3);
    for (const way of ways) {
      expect(way).toContain(YOUNG_GENERATION);
    }
  });
});
