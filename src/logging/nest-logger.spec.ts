import { Logger } from '@nestjs/common';
import { createLogger } from './logger.js';
import { PinoNestLogger } from './nest-logger.js';

describe('PinoNestLogger', () => {
  const lines: string[] = [];
  const pino = createLogger(
    { level: 'debug', pretty: false },
    { write: (line: string) => lines.push(line) },
  );

  beforeAll(() => {
    Logger.overrideLogger(new PinoNestLogger(pino));
  });
  afterAll(() => {
    Logger.overrideLogger(false);
  });
  beforeEach(() => {
    lines.length = 0;
  });

  function written(): Record<string, unknown>[] {
    return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  it("writes Nest's Logger calls as JSON lines with their context", () => {
    const logger = new Logger('Bootstrap');

    logger.log('Serving http://127.0.0.1:3000/beta');
    logger.warn('Development mode');
    logger.debug('details');

    expect(written()).toEqual([
      expect.objectContaining({
        level: 'info',
        context: 'Bootstrap',
        msg: 'Serving http://127.0.0.1:3000/beta',
      }),
      expect.objectContaining({
        level: 'warn',
        context: 'Bootstrap',
        msg: 'Development mode',
      }),
      expect.objectContaining({
        level: 'debug',
        context: 'Bootstrap',
        msg: 'details',
      }),
    ]);
  });

  it('keeps the stack of an error apart from its message', () => {
    const logger = new Logger('GraphExceptionFilter');

    logger.error(
      'POST /x failed (request-id 1)',
      'Error: boom\n    at f (x.ts:1:1)',
    );
    logger.error('without a stack');

    expect(written()).toEqual([
      expect.objectContaining({
        level: 'error',
        context: 'GraphExceptionFilter',
        msg: 'POST /x failed (request-id 1)',
        stack: 'Error: boom\n    at f (x.ts:1:1)',
      }),
      expect.objectContaining({
        level: 'error',
        context: 'GraphExceptionFilter',
        msg: 'without a stack',
      }),
    ]);
    expect(written()[1]).not.toHaveProperty('stack');
  });

  it('logs an Error given as the message with its type, message and stack', () => {
    new Logger('Somewhere').error(new Error('boom'));

    expect(written()).toEqual([
      expect.objectContaining({
        level: 'error',
        context: 'Somewhere',
        msg: 'boom',
        err: expect.objectContaining({
          type: 'Error',
          message: 'boom',
          stack: expect.stringContaining('boom'),
        }),
      }),
    ]);
  });

  it("leaves out what is below the logger's level", () => {
    const quiet = new PinoNestLogger(
      createLogger(
        { level: 'warn', pretty: false },
        { write: (line: string) => lines.push(line) },
      ),
    );

    quiet.log('not written', 'Ctx');
    quiet.verbose('not written', 'Ctx');
    quiet.warn('written', 'Ctx');

    expect(written()).toEqual([
      expect.objectContaining({
        level: 'warn',
        context: 'Ctx',
        msg: 'written',
      }),
    ]);
  });
});
