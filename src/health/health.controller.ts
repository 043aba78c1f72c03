import { Controller, Get, UseFilters } from '@nestjs/common';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { Public } from '../auth/public.decorator.js';
import { DatabaseHealthIndicator } from './database-health.indicator.js';
import { HealthCheckFailedFilter } from './health-check-failed.filter.js';

/** Probes for load balancers and orchestrators: outside /beta, without a token. */
@Controller('health')
@Public()
@UseFilters(HealthCheckFailedFilter)
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
  ) {}

  /** The process serves HTTP. Checks nothing else: a database outage must not restart it. */
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /** The process can serve requests: its database answers. 503 while it is stopping. */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([() => this.database.check('database')]);
  }
}
