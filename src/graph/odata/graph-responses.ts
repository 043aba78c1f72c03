import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { collectionContextUrl, entityContextUrl } from './context.js';
import type { EntityPage } from './entity-set-reader.js';
import { nextPageUrl } from '../../http/next-page-url.js';
import type { RequestAddress } from '../../http/request-address.js';

export type GraphEntityBody<T extends object> = {
  '@odata.context': string;
} & T;

export interface GraphCollectionBody {
  '@odata.context': string;
  '@odata.count'?: number;
  '@odata.nextLink'?: string;
  value: object[];
}

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
    address: RequestAddress,
    entitySet: string,
    body: T,
  ): GraphEntityBody<T> {
    return {
      '@odata.context': entityContextUrl(this.baseUrl(address), entitySet),
      ...body,
    };
  }

  /**
   * A page of `entitySet`: `@odata.count` when counted, and `@odata.nextLink` (the request's
   * own URL with the next `$skiptoken`, and without `$skip`) when more follow.
   */
  collection(
    address: RequestAddress,
    entitySet: string,
    page: EntityPage,
  ): GraphCollectionBody {
    const baseUrl = this.baseUrl(address);
    return {
      '@odata.context': collectionContextUrl(baseUrl, entitySet),
      ...(page.count !== undefined && { '@odata.count': page.count }),
      ...(page.nextSkipToken !== undefined && {
        '@odata.nextLink': nextPageUrl(
          baseUrl,
          address.url,
          page.nextSkipToken,
        ),
      }),
      value: page.value,
    };
  }

  /** A collection of primitive values of `type` (`Edm.String`), as a function returns one. */
  primitives(
    address: RequestAddress,
    type: string,
    values: readonly (string | number | boolean)[],
  ): { '@odata.context': string; value: readonly unknown[] } {
    return {
      '@odata.context': collectionContextUrl(
        this.baseUrl(address),
        `Collection(${type})`,
      ),
      value: values,
    };
  }

  /** The configured public URL when there is one (behind a proxy), else the request's. */
  private baseUrl(address: RequestAddress): string {
    return this.config.publicBaseUrl || address.origin;
  }
}
