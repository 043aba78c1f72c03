import { Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, DiscoveryModule } from '@nestjs/core';
import { GraphExceptionFilter } from './graph-exception.filter.js';
import { GraphResponseInterceptor } from './graph-response.interceptor.js';
import { RequestShapeInterceptor } from './request-shape.interceptor.js';
import { RouteCatalog } from './route-catalog.js';

/** The Graph protocol plumbing every PIM module shares: errors, envelopes, request checks. */
@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [
    RouteCatalog,
    { provide: APP_FILTER, useClass: GraphExceptionFilter },
    { provide: APP_INTERCEPTOR, useClass: RequestShapeInterceptor },
    { provide: APP_INTERCEPTOR, useClass: GraphResponseInterceptor },
  ],
})
export class GraphModule {}
