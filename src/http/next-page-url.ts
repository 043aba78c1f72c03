const PAGING_OPTIONS = /^\$?(skip|skiptoken)$/i;

/**
 * The URL of the next page of a list: the request's own path and query at `baseUrl`, with the
 * next `$skiptoken` instead of any paging option it had (`$skip`, `$skiptoken`).
 */
export function nextPageUrl(
  baseUrl: string,
  url: string,
  skipToken: string,
): string {
  const queryStart = url.indexOf('?');
  const path = queryStart < 0 ? url : url.slice(0, queryStart);
  const kept =
    queryStart < 0
      ? []
      : url
          .slice(queryStart + 1)
          .split('&')
          .filter(
            (pair) =>
              pair !== '' &&
              !PAGING_OPTIONS.test(
                decodeURIComponentSafely(pair.split('=')[0]),
              ),
          );
  return `${baseUrl}${path}?${[...kept, `$skiptoken=${skipToken}`].join('&')}`;
}

function decodeURIComponentSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
