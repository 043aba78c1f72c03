import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { DevelopmentSigningKey } from './development-signing-key.js';
import { JwtAuthGuard } from './jwt-auth.guard.js';
import { JwtStrategy } from './jwt.strategy.js';
import { ScopeGuard } from './scope.guard.js';
import { SigningKeys } from './signing-keys.js';
import { VerifiedTokenCache } from './verified-token-cache.js';

@Module({
  imports: [PassportModule],
  providers: [
    DevelopmentSigningKey,
    SigningKeys,
    VerifiedTokenCache,
    JwtStrategy,
    JwtAuthGuard,
    ScopeGuard,
  ],
  // The request pipeline (AppModule) runs them: authenticate, then check the permissions of
  // who was authenticated.
  // The development identity endpoints (src/identity) sign with the key the verification trusts.
  exports: [JwtAuthGuard, ScopeGuard, DevelopmentSigningKey],
})
export class AuthModule {}
