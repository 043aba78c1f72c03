import { type DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from './auth/auth.module.js';
import { ClockModule } from './clock/clock.module.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { FEATURE_MODULES } from './feature-modules.js';
import { EmulatorModule } from './emulator/emulator.module.js';
import { GraphModule } from './graph/graph.module.js';
import { ODataModule } from './graph/odata/odata.module.js';
import { HealthModule } from './health/health.module.js';
import { MIGRATIONS } from './migrations.js';
import { SeedingModule } from './seeding/seeding.module.js';
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
        // Global guards run in the order of these imports: authentication first, then the
        // Graph request checks (which must not tell an anonymous caller about a route's shape),
        // then throttling, which counts per authenticated caller.
        AuthModule,
        GraphModule,
        ThrottlingModule,
        ODataModule,
        SeedingModule,
        ...FEATURE_MODULES,
        // Last: its fault-injection guard runs after authentication, for a known tenant.
        ...(config.emulator ? [EmulatorModule] : []),
      ],
    };
  }
}
