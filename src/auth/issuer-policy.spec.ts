import { isAcceptedIssuer, type IssuerPolicy } from './issuer-policy.js';

const TENANT_A = '0a0a0a0a-0000-4000-8000-00000000000a';
const TENANT_B = '0b0b0b0b-0000-4000-8000-00000000000b';
const V1 = 'https://sts.windows.net/{tid}/';
const V2 = 'https://login.microsoftonline.com/{tid}/v2.0';

function issuers(patterns: string[]): IssuerPolicy {
  return { issuers: patterns, allowedTenants: [] };
}

describe('isAcceptedIssuer', () => {
  it('accepts any issuer, or none, when no pattern is configured', () => {
    expect(
      isAcceptedIssuer(issuers([]), 'https://issuer.example/', TENANT_A),
    ).toBe(true);
    expect(isAcceptedIssuer(issuers([]), undefined, TENANT_A)).toBe(true);
  });

  it.each([
    ['v1', `https://sts.windows.net/${TENANT_A}/`],
    ['v2', `https://login.microsoftonline.com/${TENANT_A}/v2.0`],
  ])(
    'accepts the %s issuer of the token own tenant for a {tid} pattern',
    (_version, issuer) => {
      expect(isAcceptedIssuer(issuers([V1, V2]), issuer, TENANT_A)).toBe(true);
    },
  );

  it("refuses another tenant's issuer: {tid} stands for the token's own tenant only", () => {
    expect(
      isAcceptedIssuer(
        issuers([V1, V2]),
        `https://sts.windows.net/${TENANT_B}/`,
        TENANT_A,
      ),
    ).toBe(false);
  });

  it('refuses the pattern itself, with the placeholder not substituted', () => {
    expect(isAcceptedIssuer(issuers([V1]), V1, TENANT_A)).toBe(false);
  });

  it('compares exactly: no prefix, suffix or letter-case variants', () => {
    const own = `https://sts.windows.net/${TENANT_A}/`;
    expect(isAcceptedIssuer(issuers([V1]), own.slice(0, -1), TENANT_A)).toBe(
      false,
    );
    expect(isAcceptedIssuer(issuers([V1]), `${own}extra`, TENANT_A)).toBe(
      false,
    );
    expect(isAcceptedIssuer(issuers([V1]), own.toUpperCase(), TENANT_A)).toBe(
      false,
    );
  });

  it('accepts a fixed issuer without placeholder for every tenant', () => {
    const fixed = 'https://login.example.com/';
    expect(isAcceptedIssuer(issuers([fixed]), fixed, TENANT_A)).toBe(true);
    expect(isAcceptedIssuer(issuers([fixed]), fixed, TENANT_B)).toBe(true);
    expect(
      isAcceptedIssuer(
        issuers([fixed]),
        'https://login.example.org/',
        TENANT_A,
      ),
    ).toBe(false);
  });

  it.each([
    ['missing', undefined],
    ['a number', 42],
    ['a list', [`https://sts.windows.net/${TENANT_A}/`]],
  ])(
    'refuses an issuer claim that is %s once patterns are configured',
    (_case, issuer) => {
      expect(isAcceptedIssuer(issuers([V1]), issuer, TENANT_A)).toBe(false);
    },
  );

  it.each([
    ['missing', undefined],
    ['a number', 42],
    ['a list holding the tenant', [TENANT_A]],
    ['an object that cannot become a string', { toString: 1 }],
  ])(
    'refuses any issuer for a {tid} pattern when the tid claim is %s, without throwing',
    (_case, tenantId) => {
      for (const issuer of [
        `https://sts.windows.net/${TENANT_A}/`,
        'https://sts.windows.net/42/',
        'https://sts.windows.net/undefined/',
        V1,
      ]) {
        expect(isAcceptedIssuer(issuers([V1]), issuer, tenantId)).toBe(false);
      }
    },
  );

  it('still accepts a fixed issuer whatever the tid claim', () => {
    const fixed = 'https://login.example.com/';
    expect(isAcceptedIssuer(issuers([fixed]), fixed, { toString: 1 })).toBe(
      true,
    );
  });
});

describe('isAcceptedIssuer with allowed tenants', () => {
  const allowingA: IssuerPolicy = {
    issuers: [V1, V2],
    allowedTenants: [TENANT_A],
  };

  it.each([
    ['v1', `https://sts.windows.net/${TENANT_A}/`],
    ['v2', `https://login.microsoftonline.com/${TENANT_A}/v2.0`],
  ])("accepts an allowed tenant's %s token", (_version, issuer) => {
    expect(isAcceptedIssuer(allowingA, issuer, TENANT_A)).toBe(true);
  });

  it("refuses another tenant's token, however well its issuer matches", () => {
    expect(
      isAcceptedIssuer(
        allowingA,
        `https://sts.windows.net/${TENANT_B}/`,
        TENANT_B,
      ),
    ).toBe(false);
  });

  it('refuses a fixed issuer of a tenant not allowed: both checks apply', () => {
    const fixed = 'https://login.example.com/';
    const policy = { issuers: [fixed], allowedTenants: [TENANT_A] };

    expect(isAcceptedIssuer(policy, fixed, TENANT_A)).toBe(true);
    expect(isAcceptedIssuer(policy, fixed, TENANT_B)).toBe(false);
  });

  it('checks the tenant without issuer patterns too', () => {
    const policy = { issuers: [], allowedTenants: [TENANT_A] };

    expect(isAcceptedIssuer(policy, 'anything', TENANT_A)).toBe(true);
    expect(isAcceptedIssuer(policy, 'anything', TENANT_B)).toBe(false);
  });

  it.each([
    ['missing', undefined],
    ['a list holding the tenant', [TENANT_A]],
    ['in upper case', TENANT_A.toUpperCase()],
    ['an object that cannot become a string', { toString: 1 }],
  ])('refuses a tid claim that is %s, without throwing', (_case, tenantId) => {
    expect(
      isAcceptedIssuer(
        { issuers: [], allowedTenants: [TENANT_A] },
        `https://sts.windows.net/${TENANT_A}/`,
        tenantId,
      ),
    ).toBe(false);
  });
});
