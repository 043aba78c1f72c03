import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { JwtAuthGuard } from './jwt-auth.guard.js';
import { JwtStrategy } from './jwt.strategy.js';
import { ScopeGuard } from './scope.guard.js';
import { SigningKeys } from './signing-keys.js';
import { VerifiedTokenCache } from './verified-token-cache.js';

@Module({
  imports: [PassportModule],
  providers: [
    SigningKeys,
    VerifiedTokenCache,
    JwtStrategy,
    // Order matters: authenticate first, then check the permissions of who was authenticated.
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: ScopeGuard },
  ],
})
export class AuthModule {}
