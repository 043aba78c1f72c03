import { DomainError, type DomainErrorClass } from './domain-error.js';

/**
 * The wording of every domain error class a `*.errors.ts` module exports, by its export name:
 * leaving one out fails the compilation.
 */
export type WordingsOf<ErrorsModule, Wording, Context = void> = {
  [
    Name in keyof ErrorsModule as ErrorsModule[Name] extends DomainErrorClass
      ? Name
      : never
  ]: ErrorsModule[Name] extends DomainErrorClass<infer E>
    ? (error: E, context: Context) => Wording
    : never;
};

/**
 * How one API surface answers the domain's refusals, by error class. Each surface keeps one
 * (Graph's in src/graph/graph-error-registry.ts), and each module words its errors for each
 * surface in a file beside that surface's controllers, so the domain never learns an envelope.
 */
export class DomainErrorWordings<Wording, Context = void> {
  private readonly byClass = new Map<
    DomainErrorClass,
    (error: DomainError, context: Context) => Wording
  >();

  /** `surface` names the API in the messages that report a missing or doubled wording. */
  constructor(private readonly surface: string) {}

  /** Words every domain error class that `errors` exports; refuses a module that leaves one out. */
  register<ErrorsModule extends object>(
    errors: ErrorsModule,
    moduleWordings: WordingsOf<ErrorsModule, Wording, Context>,
  ): void {
    const byName = moduleWordings as Record<
      string,
      ((error: DomainError, context: Context) => Wording) | undefined
    >;
    for (const [name, exported] of Object.entries(errors)) {
      if (!isDomainErrorClass(exported)) {
        continue;
      }
      const wording = byName[name];
      if (!wording) {
        throw new Error(`${name} has no ${this.surface} wording`);
      }
      if (this.byClass.has(exported)) {
        throw new Error(`${name} has a ${this.surface} wording already`);
      }
      this.byClass.set(exported, wording);
    }
  }

  has(errorClass: DomainErrorClass): boolean {
    return this.byClass.has(errorClass);
  }

  /**
   * The wording of `error`, given what the surface knows of the call (`context`); undefined
   * when no module gave its class one.
   */
  of(error: DomainError, context: Context): Wording | undefined {
    return this.byClass.get(error.constructor as DomainErrorClass)?.(
      error,
      context,
    );
  }
}

function isDomainErrorClass(value: unknown): value is DomainErrorClass {
  return typeof value === 'function' && value.prototype instanceof DomainError;
}
