import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { map, type Observable } from 'rxjs';
import { AppConfig } from '../config/app-config.js';
import { nodeRequestOf } from './node-http.js';
import { baseUrlOf, entityContextUrl, GraphEntity } from './odata/context.js';

/** Wraps what a handler returns in the Graph response envelope its route declares. */
@Injectable()
export class GraphResponseInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly config: AppConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const entitySet = this.reflector.get(GraphEntity, context.getHandler());
    if (entitySet === undefined) {
      return next.handle();
    }
    const request = nodeRequestOf(context.switchToHttp().getRequest());
    const contextUrl = entityContextUrl(
      baseUrlOf(request, this.config.publicBaseUrl),
      entitySet,
    );
    return next
      .handle()
      .pipe(
        map((entity: object) => ({ '@odata.context': contextUrl, ...entity })),
      );
  }
}
