import { Module } from '@nestjs/common';
import { RoleAssignmentRequestsModule } from '../privileged-access/azure-resources/role-assignment-requests/role-assignment-requests.module.js';
import { CallHistory } from './call-history.js';
import { EmulatorController } from './emulator.controller.js';
import { EmulatorService } from './emulator.service.js';
import { FaultInjectionGuard, FaultPlan } from './fault-injection.js';
import { TenantDataRepository } from './tenant-data.repository.js';

/** Imported only when EMULATOR is on (AppModule): otherwise /_emulator does not exist. */
@Module({
  imports: [RoleAssignmentRequestsModule],
  controllers: [EmulatorController],
  providers: [
    EmulatorService,
    TenantDataRepository,
    FaultPlan,
    CallHistory,
    FaultInjectionGuard,
  ],
  // The request pipeline (AppModule) runs its guard last, for an authenticated caller.
  exports: [CallHistory, FaultInjectionGuard],
})
export class EmulatorModule {}
