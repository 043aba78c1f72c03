import { Module } from '@nestjs/common';
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
    JwtAuthGuard,
    ScopeGuard,
  ],
  // The request pipeline (AppModule) runs them: authenticate, then check the permissions of
  // who was authenticated.
  exports: [JwtAuthGuard, ScopeGuard],
})
export class AuthModule {}
