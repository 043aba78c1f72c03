import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { nextPageUrl } from '../http/next-page-url.js';
import type { RequestAddress } from '../http/request-address.js';

/** A page of a Resource Manager list: no OData annotations, a full `nextLink` when more follow. */
export interface ArmPage<T> {
  value: T[];
  nextLink?: string;
}

/** The envelopes of Resource Manager answers, built from the request's address. */
@Injectable()
export class ArmResponses {
  constructor(private readonly config: AppConfig) {}

  /**
   * A page of a list. Its `nextLink` is the request's own URL (its `api-version` and `$filter`
   * kept, as the Azure SDK follows it verbatim) with the next `$skiptoken`.
   */
  page<T>(
    address: RequestAddress,
    value: T[],
    nextSkipToken: string | undefined,
  ): ArmPage<T> {
    if (nextSkipToken === undefined) {
      return { value };
    }
    const baseUrl = this.config.publicBaseUrl || address.origin;
    return {
      value,
      nextLink: nextPageUrl(baseUrl, address.url, nextSkipToken),
    };
  }
}
