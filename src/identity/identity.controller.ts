import {
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  Post,
  Req,
  UseFilters,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator.js';
import { mediaTypeOf, rawBodyOf } from '../graph/request-body.js';
import { nodeRequestOf } from '../http/node-http.js';
import {
  CurrentRequestAddress,
  type RequestAddress,
} from '../http/request-address.js';
import { IdentityExceptionFilter } from './identity-exception.filter.js';
import { IdentityService } from './identity.service.js';
import { unsupportedFlowError } from './oauth-errors.js';

/**
 * Entra ID's endpoints for an app's sign-in, at the paths Entra serves them below an authority
 * (`{service}/{tenant}`), so that `@azure/identity` and MSAL sign in against this service (docs/emulator.md,
 * "Signing in like an app"). Served with the emulator only, never in production.
 */
@Controller(':tenant')
@ApiTags('development identity (not Graph; with EMULATOR only)')
@Public()
@UseFilters(IdentityExceptionFilter)
export class IdentityController {
  constructor(private readonly identity: IdentityService) {}

  @Get('v2.0/.well-known/openid-configuration')
  @ApiOperation({ summary: "The tenant's OpenID Connect discovery document" })
  openIdConfiguration(
    @Param('tenant') tenant: string,
    @CurrentRequestAddress() address: RequestAddress,
  ) {
    return this.identity.openIdConfiguration(
      this.identity.baseUrlOf(address.origin),
      this.identity.tenantOf(tenant),
    );
  }

  @Get('discovery/v2.0/keys')
  @ApiOperation({
    summary: 'The keys that sign the tokens of the token endpoint',
  })
  keys(@Param('tenant') tenant: string) {
    this.identity.tenantOf(tenant);
    return this.identity.keys();
  }

  @Post('oauth2/v2.0/token')
  @ApiOperation({
    summary:
      'An access token for a client of the seed (form-encoded client credentials grant)',
  })
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @Header('Pragma', 'no-cache')
  token(
    @Param('tenant') tenant: string,
    @CurrentRequestAddress() address: RequestAddress,
    @Req() routed: unknown,
  ) {
    const request = nodeRequestOf(routed);
    // Any other body reads as no parameters, as Entra reads it: `grant_type` is missing.
    const form =
      mediaTypeOf(request) === 'application/x-www-form-urlencoded'
        ? new URLSearchParams(rawBodyOf(request).toString('utf8'))
        : new URLSearchParams();
    return this.identity.issueToken(
      this.identity.baseUrlOf(address.origin),
      this.identity.tenantOf(tenant),
      form,
    );
  }

  @Get('oauth2/v2.0/authorize')
  @ApiOperation({
    summary: 'Not supported: apps sign in with the client credentials grant',
  })
  authorize(@Param('tenant') tenant: string): never {
    this.identity.tenantOf(tenant);
    throw unsupportedFlowError();
  }
}
