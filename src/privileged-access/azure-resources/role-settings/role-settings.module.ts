import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RoleSettingAuditEventEntity } from './role-setting-audit-event.entity.js';
import { RoleSettingEntity } from './role-setting.entity.js';
import { RoleSettingsController } from './role-settings.controller.js';
import { RoleSettingsRepository } from './role-settings.repository.js';
import { RoleSettingsSeeder } from './role-settings.seeder.js';
import { RoleSettingsService } from './role-settings.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([RoleSettingEntity, RoleSettingAuditEventEntity]),
  ],
  controllers: [RoleSettingsController],
  providers: [RoleSettingsService, RoleSettingsRepository, RoleSettingsSeeder],
})
export class RoleSettingsModule {}
