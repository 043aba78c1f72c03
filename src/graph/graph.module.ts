import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { GraphExceptionFilter } from './graph-exception.filter.js';
import { GraphResponses } from './odata/graph-responses.js';
import { RequestShapeGuard } from './request-shape.guard.js';
import { RouteCatalog } from './route-catalog.js';
// Words the domain refusals every module shares, before any of them is answered.
import './shared-domain-errors.graph-errors.js';

/** The Graph protocol plumbing every PIM module shares: errors, envelopes, request checks. */
@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [
    RouteCatalog,
    GraphResponses,
    GraphExceptionFilter,
    RequestShapeGuard,
  ],
  exports: [GraphResponses, GraphExceptionFilter, RequestShapeGuard],
})
export class GraphModule {}
