import fastify from 'fastify';
import { createLogger } from './logger.js';
import { RequestLogController } from './request-log.js';

const SECRET_ID = '5ec7e700-aaaa-4bbb-8ccc-0123456789ab';
const SECRET_QUERY_VALUE = 'sv-2026-leaked-signature-Zq8x';

/** Fastify's own error lines, beneath Nest: its default error and not-found handlers. */
describe('RequestLogController', () => {
  const lines: string[] = [];
  const server = fastify({
    loggerInstance: createLogger(
      { level: 'info', pretty: false },
      {
        write: (chunk: string) => {
          lines.push(...chunk.split('\n').filter((line) => line !== ''));
        },
      },
    ),
    logController: new RequestLogController(),
  });
  server.get('/items/:id', () => {
    throw new Error('the handler failed');
  });

  let baseUrl: string;

  // A real connection: light-my-request (inject) cannot load under Jest's ESM mode.
  beforeAll(async () => {
    baseUrl = await server.listen({ host: '127.0.0.1', port: 0 });
  });
  beforeEach(() => {
    lines.length = 0;
  });
  afterAll(() => server.close());

  it("names a 5xx's route pattern, never the id or query of its URL", async () => {
    const response = await fetch(
      `${baseUrl}/items/${SECRET_ID}?sig=${SECRET_QUERY_VALUE}`,
    );

    expect(response.status).toBe(500);
    const output = lines.join('\n');
    expect(output).not.toContain(SECRET_ID);
    expect(output).not.toContain(SECRET_QUERY_VALUE);
    expect(lines.map((line) => JSON.parse(line) as object)).toContainEqual(
      expect.objectContaining({
        level: 'error',
        route: '/items/:id',
        msg: 'the handler failed',
      }),
    );
  });

  it('leaves the URL out of a path no route matches', async () => {
    const response = await fetch(
      `${baseUrl}/unknown/${SECRET_ID}?sig=${SECRET_QUERY_VALUE}`,
    );

    expect(response.status).toBe(404);
    const output = lines.join('\n');
    expect(output).not.toContain(SECRET_ID);
    expect(output).not.toContain(SECRET_QUERY_VALUE);
    expect(output).toContain('Route GET not found');
  });
});
