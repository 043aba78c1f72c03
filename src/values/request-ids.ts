/** The API a call came through, as its audit records keep it. */
export type CallingApi = 'Graph' | 'ResourceManager';

/** The ids of one API call, which its audit records and logs carry. */
export interface RequestIds {
  /** Set by the surface that gave the ids. */
  readonly api?: CallingApi;
  /** Our id of this HTTP call, new for every request. */
  readonly requestId: string;
  /** The caller's own correlation id, echoed back; the request id when none was sent. */
  readonly clientRequestId: string;
}
