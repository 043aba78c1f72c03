import { createLogger } from './logger.js';

/** A destination that keeps the lines written to it. */
function capture(): { lines: string[]; write(line: string): void } {
  const lines: string[] = [];
  return {
    lines,
    write: (chunk: string) => {
      lines.push(...chunk.split('\n').filter((line) => line !== ''));
    },
  };
}

describe('createLogger', () => {
  it('writes JSON lines with a level name and an ISO time', () => {
    const output = capture();
    const logger = createLogger({ level: 'info', pretty: false }, output);

    logger.info({ route: '/x' }, 'request completed');

    expect(output.lines).toHaveLength(1);
    expect(JSON.parse(output.lines[0])).toEqual({
      level: 'info',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/),
      pid: process.pid,
      hostname: expect.any(String),
      route: '/x',
      msg: 'request completed',
    });
  });

  it('redacts authorization headers, cookies and tokens handed to a log call', () => {
    const output = capture();
    const logger = createLogger({ level: 'info', pretty: false }, output);

    logger.info(
      {
        req: {
          headers: {
            authorization: 'Bearer secret-1',
            cookie: 'session=secret-2',
            accept: 'application/json',
          },
        },
        headers: { authorization: 'Bearer secret-3' },
        token: 'secret-4',
        authorization: 'Bearer secret-5',
        access_token: 'secret-6',
      },
      'careless',
    );

    expect(output.lines.join('\n')).not.toMatch(/secret-\d/);
    expect(JSON.parse(output.lines[0])).toMatchObject({
      req: {
        headers: {
          authorization: '[Redacted]',
          cookie: '[Redacted]',
          accept: 'application/json',
        },
      },
      headers: { authorization: '[Redacted]' },
      token: '[Redacted]',
      authorization: '[Redacted]',
      access_token: '[Redacted]',
    });
  });

  it('honours the level: below it, nothing is written', () => {
    const output = capture();
    const logger = createLogger({ level: 'warn', pretty: false }, output);

    logger.info('not written');
    logger.debug('not written');
    logger.warn('written');

    expect(output.lines.map((line) => JSON.parse(line) as unknown)).toEqual([
      expect.objectContaining({ level: 'warn', msg: 'written' }),
    ]);
  });

  it('writes readable single lines, without colours off a terminal, when pretty', () => {
    const output = capture();
    const logger = createLogger({ level: 'info', pretty: true }, output);

    logger.info({ route: '/x', status: 204 }, 'request completed');

    expect(output.lines).toHaveLength(1);
    expect(output.lines[0]).toMatch(
      /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: request completed \{"route":"\/x","status":204\}$/,
    );
  });
});
