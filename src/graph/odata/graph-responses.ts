import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { nodeRequestOf } from '../node-http.js';
import { baseUrlOf, entityContextUrl } from './context.js';

export type GraphEntityBody<T extends object> = {
  '@odata.context': string;
} & T;

/**
 * The Graph response envelopes. Controllers call it explicitly rather than through an
 * interceptor: an interceptor wraps every call in rxjs, which cost a GET a quarter of its
 * throughput (bench/README.md).
 */
@Injectable()
export class GraphResponses {
  constructor(private readonly config: AppConfig) {}

  /** One entity of `entitySet`, with `@odata.context` = `<base>/beta/$metadata#<entitySet>/$entity`. */
  entity<T extends object>(
    request: unknown,
    entitySet: string,
    body: T,
  ): GraphEntityBody<T> {
    const baseUrl = baseUrlOf(
      nodeRequestOf(request),
      this.config.publicBaseUrl,
    );
    return { '@odata.context': entityContextUrl(baseUrl, entitySet), ...body };
  }
}
