import type { AppConfig } from '../config/app-config.js';
import {
  API_CONTENT_SECURITY_POLICY,
  docsContentSecurityPolicy,
  isDocsRoute,
  securityHeaderOptions,
} from './security-headers.js';

describe('security headers', () => {
  it.each([
    ['/docs', true],
    ['/docs/', true],
    ['/docs/swagger-ui-bundle.js', true],
    ['/docs/*', true],
    ['/DOCS/index.html', true],
    ['/docs?url=x', true],
    ['/docs-json', false],
    ['/openapi.json', false],
    ['/beta/docs', false],
    ['/documents', false],
  ])('%s is a route of the docs page: %p', (url, expected) => {
    expect(isDocsRoute(url)).toBe(expected);
  });

  it('sends Strict-Transport-Security in production only', () => {
    const production = securityHeaderOptions({
      environment: 'production',
    } as AppConfig);
    const development = securityHeaderOptions({
      environment: 'development',
    } as AppConfig);

    expect(production.strictTransportSecurity).toEqual({
      maxAge: 31536000,
      includeSubDomains: true,
    });
    expect(development.strictTransportSecurity).toBe(false);
  });

  it('gives API responses a CSP that allows nothing to load or frame them', () => {
    const options = securityHeaderOptions({
      environment: 'production',
    } as AppConfig);

    expect(options.contentSecurityPolicy).toBe(API_CONTENT_SECURITY_POLICY);
    expect(options.xFrameOptions).toEqual({ action: 'deny' });
  });

  it('lets the docs page call PUBLIC_BASE_URL, where "Try it out" sends requests', () => {
    expect(
      docsContentSecurityPolicy({
        publicBaseUrl: 'https://pim.contoso.com/graph',
      }).directives?.connectSrc,
    ).toEqual(["'self'", 'https://pim.contoso.com']);
    expect(docsContentSecurityPolicy({}).directives?.connectSrc).toEqual([
      "'self'",
    ]);
  });
});
