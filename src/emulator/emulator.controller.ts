import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { RequiredScopes } from '../auth/required-scopes.decorator.js';
import { GraphBody } from '../graph/graph-body.js';
import { NoRequestBody } from '../graph/no-request-body.js';
import { WRITE_AZURE_RESOURCES } from '../privileged-access/azure-resources/graph/azure-resources.constants.js';
import { ClockChangeDto } from './dto/clock-change.dto.js';
import { FaultDto } from './dto/fault.dto.js';
import { ResetDto } from './dto/reset.dto.js';
import { EmulatorService } from './emulator.service.js';
import { EMULATOR_ROUTE } from './fault-injection.js';

/**
 * The control API of the emulator (docs/emulator.md): not Graph. Every call needs a token of the
 * tenant it changes, with ReadWrite.
 */
@Controller(EMULATOR_ROUTE)
@ApiTags('emulator control API (not Graph; EMULATOR=true only)')
@RequiredScopes(WRITE_AZURE_RESOURCES)
export class EmulatorController {
  constructor(private readonly emulator: EmulatorService) {}

  @Post('reset')
  @ApiOperation({
    summary:
      "Empty the caller's tenant (data, faults, recorded calls), then load `seed` if given",
  })
  @HttpCode(200)
  reset(
    @CurrentPrincipal() caller: Principal,
    @GraphBody(ResetDto, { optional: true }) body: ResetDto,
  ) {
    return this.emulator.reset(caller, body.seed);
  }

  @Post('seed')
  @ApiOperation({
    summary:
      "Load a seed document into the caller's tenant (records without tenantId get it)",
  })
  @HttpCode(200)
  seed(@CurrentPrincipal() caller: Principal, @Body() document: unknown) {
    return this.emulator.seed(caller, document);
  }

  @Get('clock')
  @ApiOperation({ summary: "Read the service's clock" })
  readClock() {
    return this.emulator.readClock();
  }

  @Post('clock')
  @ApiOperation({
    summary:
      "Set (`dateTime`) or move (`advanceSeconds`) the service's clock, then run the time-driven transitions once",
  })
  @HttpCode(200)
  changeClock(
    @GraphBody(ClockChangeDto, { optional: true }) change: ClockChangeDto,
  ) {
    return this.emulator.changeClock(change);
  }

  @Post('faults')
  @ApiOperation({
    summary:
      'Make the next `count` matching calls of the tenant answer 429, 503 or 500',
  })
  @HttpCode(201)
  injectFault(
    @CurrentPrincipal() caller: Principal,
    @GraphBody(FaultDto) fault: FaultDto,
  ) {
    return this.emulator.injectFault(caller, fault);
  }

  @Get('faults')
  @ApiOperation({ summary: 'The faults still waiting for calls' })
  faults(@CurrentPrincipal() caller: Principal) {
    return { value: this.emulator.faultsOf(caller) };
  }

  @Delete('faults')
  @ApiOperation({ summary: "Drop the tenant's waiting faults" })
  @HttpCode(204)
  @NoRequestBody()
  clearFaults(@CurrentPrincipal() caller: Principal) {
    this.emulator.clearFaults(caller);
  }

  @Get('requests')
  @ApiOperation({
    summary:
      "The tenant's recent calls (the control API's left out), oldest first",
  })
  requests(@CurrentPrincipal() caller: Principal) {
    return { value: this.emulator.callsOf(caller) };
  }
}
