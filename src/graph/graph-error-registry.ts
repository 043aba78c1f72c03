import type { DomainError, DomainErrorClass } from '../errors/domain-error.js';
import {
  DomainErrorWordings,
  type WordingsOf,
} from '../errors/domain-error-wordings.js';
import { GraphError } from './graph-error.js';

/** How Graph answers one domain refusal. */
export interface GraphWording {
  readonly status: number;
  /** Graph's code when it is not the domain's own (Graph's generic `BadRequest`, say). */
  readonly code?: string;
  readonly message: string;
  /** Headers the answer carries beside Graph's own (a 401's challenge). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** The wording of every domain error class a `*.errors.ts` module exports, by its export name. */
export type GraphWordingsOf<ErrorsModule> = WordingsOf<
  ErrorsModule,
  GraphWording
>;

const wordings = new DomainErrorWordings<GraphWording>('Graph');

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
  wordings.register(errors, moduleWordings);
}

/** Whether a module gave this class of domain errors its Graph wording. */
export function hasGraphWording(errorClass: DomainErrorClass): boolean {
  return wordings.has(errorClass);
}

/** The Graph error answering `error`; undefined when no module gave its class a wording. */
export function graphErrorOf(error: DomainError): GraphError | undefined {
  const wording = wordings.of(error);
  return wording && new WordedDomainError(error, wording);
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
      { ...wording.headers },
      error,
    );
  }
}
