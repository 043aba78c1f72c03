import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { nextPageUrl } from '../http/next-page-url.js';
import type { RequestAddress } from '../http/request-address.js';

/** A page of a Resource Manager list: no OData annotations, a full `nextLink` when more follow. */
export interface ArmPage<T> {
  value: T[];
  nextLink?: string;
}

/** Items a page of a Resource Manager list holds. */
export const ARM_PAGE_SIZE = 100;
/** What a list reads for a page: one item more, to know whether another page follows. */
export const ARM_PAGE_READ = ARM_PAGE_SIZE + 1;

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

  /**
   * The page of what a list read (`ARM_PAGE_READ` items at most, in the order of their ids):
   * the first `ARM_PAGE_SIZE` presented, and a `nextLink` after the last of them when more
   * were read.
   */
  async pageOf<T extends { id: string }, R>(
    address: RequestAddress,
    found: readonly T[],
    present: (page: T[]) => Promise<R[]>,
  ): Promise<ArmPage<R>> {
    const page = found.slice(0, ARM_PAGE_SIZE);
    return this.page(
      address,
      await present(page),
      found.length > ARM_PAGE_SIZE ? page[page.length - 1].id : undefined,
    );
  }
}
