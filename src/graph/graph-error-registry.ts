import { DomainError, type DomainErrorClass } from '../errors/domain-error.js';
import { GraphError } from './graph-error.js';

/** How Graph answers one domain refusal. */
export interface GraphWording {
  readonly status: number;
  /** Graph's code when it is not the domain's own (Graph's generic `BadRequest`, say). */
  readonly code?: string;
  readonly message: string;
}

/**
 * The wording of every domain error class a `*.errors.ts` module exports, by its export name:
 * leaving one out fails the compilation.
 */
export type GraphWordingsOf<ErrorsModule> = {
  [
    Name in keyof ErrorsModule as ErrorsModule[Name] extends DomainErrorClass
      ? Name
      : never
  ]: ErrorsModule[Name] extends DomainErrorClass<infer E>
    ? (error: E) => GraphWording
    : never;
};

const wordings = new Map<
  DomainErrorClass,
  (error: DomainError) => GraphWording
>();

/**
 * Gives the domain errors of one module their Graph wording. A module's `*.graph-errors.ts`
 * calls it when it is first imported; the controllers import that file, so that the wording is
 * there before their decorators document the errors.
 *
 *     registerGraphWordings(errors, {
 *       WidgetNotFoundError: () => ({ status: 400, message: 'The widget does not exist.' }),
 *     });
 */
export function registerGraphWordings<ErrorsModule extends object>(
  errors: ErrorsModule,
  moduleWordings: GraphWordingsOf<ErrorsModule>,
): void {
  const byName = moduleWordings as Record<
    string,
    ((error: DomainError) => GraphWording) | undefined
  >;
  for (const [name, exported] of Object.entries(errors)) {
    if (!isDomainErrorClass(exported)) {
      continue;
    }
    const wording = byName[name];
    if (!wording) {
      throw new Error(`${name} has no Graph wording`);
    }
    if (wordings.has(exported)) {
      throw new Error(`${name} has a Graph wording already`);
    }
    wordings.set(exported, wording);
  }
}

/** Whether a module gave this class of domain errors its Graph wording. */
export function hasGraphWording(errorClass: DomainErrorClass): boolean {
  return wordings.has(errorClass);
}

/** The Graph error answering `error`; undefined when no module gave its class a wording. */
export function graphErrorOf(error: DomainError): GraphError | undefined {
  const wording = wordings.get(error.constructor as DomainErrorClass);
  return wording && new WordedDomainError(error, wording(error));
}

/** For a documentation that cannot do without the wording: an error naming the class if none. */
export function requireGraphErrorOf(error: DomainError): GraphError {
  const graphError = graphErrorOf(error);
  if (!graphError) {
    throw new Error(
      `${error.name} has no Graph wording: import its module's *.graph-errors.ts first`,
    );
  }
  return graphError;
}

class WordedDomainError extends GraphError {
  constructor(error: DomainError, wording: GraphWording) {
    super(
      wording.status,
      wording.code ?? error.code,
      wording.message,
      {},
      error,
    );
  }
}

function isDomainErrorClass(value: unknown): value is DomainErrorClass {
  return typeof value === 'function' && value.prototype instanceof DomainError;
}
