import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module.js';
import { ClientApplicationEntity } from './client-application.entity.js';
import { ClientApplicationsRepository } from './client-applications.repository.js';
import { ClientApplicationsSeeder } from './client-applications.seeder.js';
import { IdentityExceptionFilter } from './identity-exception.filter.js';
import { IdentityController } from './identity.controller.js';
import { IdentityService } from './identity.service.js';
import { CreateIdentityClients1764400001800 } from './migrations/1764400001800-create-identity-clients.js';

/**
 * Development identity endpoints (sign in as an app declared in the seed's `clients`): imported
 * with the emulator only (AppModule), so that production serves none of them.
 */
@Module({
  imports: [AuthModule, TypeOrmModule.forFeature([ClientApplicationEntity])],
  controllers: [IdentityController],
  providers: [
    IdentityService,
    IdentityExceptionFilter,
    ClientApplicationsRepository,
    ClientApplicationsSeeder,
  ],
})
export class IdentityModule {
  /** Its table's migration, run whether or not the module is imported: one schema everywhere. */
  static readonly migrations = [CreateIdentityClients1764400001800];
}
