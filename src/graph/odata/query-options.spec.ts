import {
  findUnsupportedQueryOption,
  SYSTEM_QUERY_OPTIONS,
  type SystemQueryOption,
} from './query-options.js';

const PATH = '/beta/privilegedAccess/azureResources/roleAssignmentRequests/1';

describe('findUnsupportedQueryOption', () => {
  it.each(SYSTEM_QUERY_OPTIONS.flatMap((option) => [`$${option}`, option]))(
    'names %s when the route supports no options',
    (name) => {
      expect(findUnsupportedQueryOption(`${PATH}?${name}=1`, [])).toBe(name);
    },
  );

  it.each([
    ['no query string', PATH],
    ['an empty query string', `${PATH}?`],
    ['parameters that are not OData options', `${PATH}?trace=1&$foo=2`],
    ['a name that only starts like an option', `${PATH}?selected=1&$tops=2`],
  ])('finds nothing in %s', (_case, url) => {
    expect(findUnsupportedQueryOption(url, [])).toBeUndefined();
  });

  it('ignores a system option the route supports, with or without $ and in any case', () => {
    const allowed: SystemQueryOption[] = ['select', 'top'];

    expect(
      findUnsupportedQueryOption(
        `${PATH}?$select=id&top=2&$SELECT=x&$Top=1`,
        allowed,
      ),
    ).toBeUndefined();
  });

  it('names the first unsupported option as the client spelled it', () => {
    expect(
      findUnsupportedQueryOption(`${PATH}?$top=1&$FilTer=x&$expand=y`, ['top']),
    ).toBe('$FilTer');
  });

  it('sees options whose name is percent-encoded', () => {
    expect(findUnsupportedQueryOption(`${PATH}?%24select=id`, [])).toBe(
      '$select',
    );
  });

  it('looks at the query string only, not at the path', () => {
    expect(
      findUnsupportedQueryOption('/beta/$select/x?trace=$filter', []),
    ).toBeUndefined();
  });
});
