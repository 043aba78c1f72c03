/** The Graph errors a refused token gets, as the auth tests expect them. */
export interface ExpectedError {
  status: number;
  code: string;
  message: string;
}

export const EMPTY: ExpectedError = {
  status: 401,
  code: 'InvalidAuthenticationToken',
  message: 'Access token is empty.',
};
export const INVALID: ExpectedError = {
  status: 401,
  code: 'InvalidAuthenticationToken',
  message: 'Access token validation failure.',
};
export const INVALID_AUDIENCE: ExpectedError = {
  ...INVALID,
  message: 'Access token validation failure. Invalid audience.',
};
export const INVALID_ISSUER: ExpectedError = {
  ...INVALID,
  message: 'Access token validation failure. Invalid issuer.',
};
export const EXPIRED: ExpectedError = {
  ...INVALID,
  message: 'Access token has expired or is not yet valid.',
};
