import type { LoggerService } from '@nestjs/common';
import type { Level, Logger } from 'pino';

/**
 * Nest's Logger, written through pino: start-up messages, the exception filter's errors and
 * every `new Logger(context)` become lines of the same log, with `context` (and `stack` for
 * errors) as fields. Calls follow Nest's conventions: `log(message, context)`,
 * `error(message, stack, context)`.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...parameters: unknown[]): void {
    this.write('info', message, parameters);
  }

  error(message: unknown, ...parameters: unknown[]): void {
    this.write('error', message, parameters, true);
  }

  warn(message: unknown, ...parameters: unknown[]): void {
    this.write('warn', message, parameters);
  }

  debug(message: unknown, ...parameters: unknown[]): void {
    this.write('debug', message, parameters);
  }

  verbose(message: unknown, ...parameters: unknown[]): void {
    this.write('trace', message, parameters);
  }

  fatal(message: unknown, ...parameters: unknown[]): void {
    this.write('fatal', message, parameters, true);
  }

  private write(
    level: Level,
    message: unknown,
    parameters: unknown[],
    mayHaveStack = false,
  ): void {
    if (!this.logger.isLevelEnabled(level)) {
      return;
    }
    const rest = [...parameters];
    const fields: Record<string, unknown> = {};
    // Nest appends the context last; Logger.error puts the stack (or undefined) before it.
    if (rest.length > 0 && typeof rest[rest.length - 1] === 'string') {
      fields.context = rest.pop();
    }
    if (
      mayHaveStack &&
      rest.length > 0 &&
      (typeof rest[rest.length - 1] === 'string' ||
        rest[rest.length - 1] === undefined)
    ) {
      const stack = rest.pop();
      if (stack !== undefined) {
        fields.stack = stack;
      }
    }
    if (rest.length > 0) {
      fields.details = rest;
    }
    if (message instanceof Error) {
      this.logger[level]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.logger[level]({ ...fields, details: message });
    } else {
      this.logger[level](fields, String(message));
    }
  }
}
