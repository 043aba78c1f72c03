import { ConfigurationError } from '../config/app-config.js';
import {
  CORS_ALLOWED_HEADERS,
  CORS_EXPOSED_HEADERS,
  corsOptions,
  type CorsOptions,
} from './cors.js';

type OriginFunction = (
  origin: string | undefined,
  callback: (error: Error | null, allowed: unknown) => void,
) => void;

/** What the options answer for a request from `origin`: the Access-Control-Allow-Origin, or false. */
function allowedOriginFor(
  options: CorsOptions,
  origin: string | undefined,
): unknown {
  let answer: unknown;
  (options.origin as OriginFunction)(origin, (error, allowed) => {
    expect(error).toBeNull();
    answer = allowed;
  });
  return answer;
}

describe('corsOptions', () => {
  it('turns CORS off without CORS_ORIGINS', () => {
    expect(corsOptions([])).toBeUndefined();
  });

  it('allows exactly the configured origins, compared as browsers send them', () => {
    const options = corsOptions([
      'https://App.Contoso.com/',
      'http://localhost:5173',
    ])!;

    expect(allowedOriginFor(options, 'https://app.contoso.com')).toBe(
      'https://app.contoso.com',
    );
    expect(allowedOriginFor(options, 'http://localhost:5173')).toBe(
      'http://localhost:5173',
    );
    expect(allowedOriginFor(options, 'https://evil.example')).toBe(false);
    expect(allowedOriginFor(options, 'http://app.contoso.com')).toBe(false);
    expect(allowedOriginFor(options, 'https://app.contoso.com:8443')).toBe(
      false,
    );
    expect(allowedOriginFor(options, undefined)).toBe(false);
  });

  it('allows every origin with *', () => {
    const options = corsOptions(['*'])!;

    expect(allowedOriginFor(options, 'https://anything.example')).toBe('*');
  });

  it('lets browsers send the Graph SDK headers and read the request ids and Retry-After', () => {
    const options = corsOptions(['https://app.contoso.com'])!;

    expect(options.allowedHeaders).toEqual(CORS_ALLOWED_HEADERS);
    expect(CORS_ALLOWED_HEADERS).toEqual(
      expect.arrayContaining([
        'Authorization',
        'Content-Type',
        'client-request-id',
      ]),
    );
    expect(options.exposedHeaders).toEqual(CORS_EXPOSED_HEADERS);
    expect(CORS_EXPOSED_HEADERS).toEqual(
      expect.arrayContaining([
        'request-id',
        'client-request-id',
        'Retry-After',
      ]),
    );
    expect(options.credentials).toBeUndefined();
  });

  it.each([
    'app.contoso.com',
    'https://app.contoso.com/path',
    'https://app.contoso.com/?q=1',
    'https://user:secret@app.contoso.com',
    'ftp://app.contoso.com',
    'not a url',
  ])('refuses %p as an origin, naming CORS_ORIGINS', (value) => {
    expect(() => corsOptions([value])).toThrow(ConfigurationError);
    expect(() => corsOptions([value])).toThrow(/CORS_ORIGINS/);
  });
});
