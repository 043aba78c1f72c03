import { DomainError } from '../errors/domain-error.js';
import { GraphError } from './graph-error.js';
import {
  graphErrorOf,
  registerGraphWordings,
  requireGraphErrorOf,
} from './graph-error-registry.js';

class WidgetNotFoundError extends DomainError {
  constructor() {
    super('WidgetNotFound', 'The widget does not exist.');
  }
}

class WidgetTooHeavyError extends DomainError {
  constructor(readonly grams: number) {
    super('WidgetTooHeavy', `The widget weighs ${grams} g.`);
  }
}

class UnwordedError extends DomainError {
  constructor() {
    super('Unworded', 'Nobody worded this one.');
  }
}

// A `*.errors.ts` module as `import * as errors` sees it: its classes and anything else.
const WIDGET_ERRORS = {
  WidgetNotFoundError,
  WidgetTooHeavyError,
  WIDGET_LIMIT_GRAMS: 500,
};

registerGraphWordings(WIDGET_ERRORS, {
  WidgetNotFoundError: () => ({
    status: 404,
    message: 'The widget was not found in system.',
  }),
  WidgetTooHeavyError: ({ grams }) => ({
    status: 400,
    code: 'BadRequest',
    message: `A widget of ${grams} grams is over the limit.`,
  }),
});

describe('the Graph wording of domain errors', () => {
  it("answers a domain error in its Graph wording, with the domain's code", () => {
    const error = new WidgetNotFoundError();

    const graphError = graphErrorOf(error);

    expect(graphError).toBeInstanceOf(GraphError);
    expect(graphError).toMatchObject({
      status: 404,
      code: 'WidgetNotFound',
      message: 'The widget was not found in system.',
      headers: {},
      cause: error,
    });
  });

  it("words the facts the error carries, under Graph's own code when given", () => {
    expect(graphErrorOf(new WidgetTooHeavyError(900))).toMatchObject({
      status: 400,
      code: 'BadRequest',
      message: 'A widget of 900 grams is over the limit.',
    });
  });

  it('knows nothing of a class no module worded', () => {
    expect(graphErrorOf(new UnwordedError())).toBeUndefined();
    expect(() => requireGraphErrorOf(new UnwordedError())).toThrow(
      'UnwordedError has no Graph wording',
    );
  });

  it('refuses a module that leaves one of its domain errors without a wording, when compiled and when run', () => {
    const register = () =>
      // @ts-expect-error: the wording of UnwordedError is missing.
      registerGraphWordings({ UnwordedError }, {});

    expect(register).toThrow('UnwordedError has no Graph wording');
  });

  it('refuses a second wording of the same class', () => {
    expect(() =>
      registerGraphWordings(
        { WidgetNotFoundError },
        {
          WidgetNotFoundError: () => ({ status: 400, message: 'Again.' }),
        },
      ),
    ).toThrow('WidgetNotFoundError has a Graph wording already');
  });
});
