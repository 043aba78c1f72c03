import { Global, Module } from '@nestjs/common';
import { ArmExceptionFilter } from './arm-exception.filter.js';
import { ArmRequestGuard } from './arm-request.guard.js';
import { ArmResponses } from './arm-responses.js';

/** The Azure Resource Manager protocol plumbing every module's Resource Manager routes share. */
@Global()
@Module({
  providers: [ArmExceptionFilter, ArmRequestGuard, ArmResponses],
  exports: [ArmExceptionFilter, ArmRequestGuard, ArmResponses],
})
export class ResourceManagerModule {}
