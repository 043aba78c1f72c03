import { jest } from '@jest/globals';
import { createRequire } from 'node:module';

// `$batch` runs its requests through Fastify's `inject`, whose light-my-request (CommonJS)
// requires the ES module `cookie`: Node.js does so itself from 20.19, Jest's module system only
// from Node.js 24.9. A test file that reaches `inject` imports this module first, so that
// light-my-request is handed the module imported.
const jestRequire = createRequire(import.meta.url);
const COOKIE_MODULE = jestRequire.resolve('cookie', {
  paths: [jestRequire.resolve('light-my-request')],
});
const cookie = (await import(COOKIE_MODULE)) as object;
jest.doMock(COOKIE_MODULE, () => cookie);
