import {
  AccessTokenExpiredError,
  AccessTokenValidationError,
  EmptyAccessTokenError,
  MissingPermissionClaimsError,
  UnauthorizedAccessError,
} from '../auth/auth.errors.js';
import { type ArmCall, armErrorOf } from './arm-error-registry.js';
import './auth.arm-errors.js';

const CHALLENGE = { 'WWW-Authenticate': 'Bearer error="invalid_token"' };
const CALL: ArmCall = {
  callerId: 'c0000000-0000-4000-8000-000000000001',
  action:
    'Microsoft.Authorization/roleAssignmentScheduleRequests/cancel/action',
  scope:
    '/subscriptions/s1/providers/Microsoft.Authorization/roleAssignmentScheduleRequests/r1',
  acceptedAudiences: [
    'https://management.azure.com/',
    'https://management.core.windows.net/',
  ],
};

describe('the access layer’s refusals, as Resource Manager words them', () => {
  it.each([
    [
      new EmptyAccessTokenError(),
      'AuthenticationFailed',
      "Authentication failed. The 'Authorization' header is missing.",
    ],
    [
      new AccessTokenValidationError(),
      'InvalidAuthenticationToken',
      'The access token is invalid.',
    ],
    [
      new AccessTokenValidationError('Invalid audience.'),
      'InvalidAuthenticationTokenAudience',
      "The access token has been obtained for wrong audience or resource. It should exactly match with one of the allowed audiences 'https://management.azure.com/','https://management.core.windows.net/'.",
    ],
    [
      new AccessTokenValidationError('Invalid issuer.'),
      'InvalidAuthenticationTokenTenant',
      'The access token is from the wrong issuer. It must be issued by the tenant of the resource.',
    ],
    [
      new AccessTokenExpiredError(),
      'ExpiredAuthenticationToken',
      'The access token has expired or is not yet valid.',
    ],
  ])('%s: 401 %s, with the bearer challenge', (error, code, message) => {
    expect(armErrorOf(error, CALL)).toMatchObject({
      status: 401,
      code,
      message,
      headers: CHALLENGE,
    });
  });

  it.each([new MissingPermissionClaimsError(), new UnauthorizedAccessError()])(
    '%s: 403 AuthorizationFailed naming the caller, the action and the id',
    (error) => {
      expect(armErrorOf(error, CALL)).toMatchObject({
        status: 403,
        code: 'AuthorizationFailed',
        message: `The client '${CALL.callerId}' with object id '${CALL.callerId}' does not have authorization to perform action '${CALL.action}' over scope '${CALL.scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
      });
    },
  );
});
