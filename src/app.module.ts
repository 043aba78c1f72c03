import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import {
  SurfaceExceptionFilter,
  SurfaceRequestShapeCheck,
} from './api-surfaces.js';
import { AuthModule } from './auth/auth.module.js';
import { JwtAuthGuard } from './auth/jwt-auth.guard.js';
import { ScopeGuard } from './auth/scope.guard.js';
import { ClockModule } from './clock/clock.module.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { FEATURE_MODULES } from './feature-modules.js';
import { EmulatorModule } from './emulator/emulator.module.js';
import { FaultInjectionGuard } from './emulator/fault-injection.js';
import { BatchModule } from './graph/batch/batch.module.js';
import { GraphModule } from './graph/graph.module.js';
import { MetadataModule } from './graph/metadata/metadata.module.js';
import { ODataModule } from './graph/odata/odata.module.js';
import { HealthModule } from './health/health.module.js';
import { IdentityModule } from './identity/identity.module.js';
import { MIGRATIONS } from './migrations.js';
import { SeedingModule } from './seeding/seeding.module.js';
import { RequestPipeline, type RequestCheck } from './request-pipeline.js';
import { ResourceManagerModule } from './resource-manager/resource-manager.module.js';
import { CallerThrottleGuard } from './throttling/caller-throttle.guard.js';
import { ThrottlingModule } from './throttling/throttling.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule,
        DatabaseModule.forRoot({ migrations: MIGRATIONS }),
        HealthModule,
        AuthModule,
        GraphModule,
        MetadataModule,
        BatchModule,
        ResourceManagerModule,
        ThrottlingModule,
        ODataModule,
        SeedingModule,
        ...FEATURE_MODULES,
        // The development identity endpoints go with the control API: never in production.
        ...(config.emulator ? [EmulatorModule, IdentityModule] : []),
      ],
      providers: [
        SurfaceRequestShapeCheck,
        requestPipeline(config),
        { provide: APP_FILTER, useClass: SurfaceExceptionFilter },
      ],
    };
  }
}

/**
 * The checks of every routed request, in order: authentication first; then its permissions;
 * then the request shape of its API (Graph's query options, ARM's api-version), which must not
 * tell an anonymous caller about a route; then
 * throttling, which counts per authenticated caller; last the emulator's injected faults, for a
 * known tenant.
 */
function requestPipeline(config: AppConfig): Provider {
  const checks = [
    JwtAuthGuard,
    ScopeGuard,
    SurfaceRequestShapeCheck,
    CallerThrottleGuard,
    ...(config.emulator ? [FaultInjectionGuard] : []),
  ];
  return {
    provide: APP_GUARD,
    inject: checks,
    useFactory: (...inOrder: RequestCheck[]) => new RequestPipeline(inOrder),
  };
}
