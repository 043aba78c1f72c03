/** The ids of one API call, which its audit records and logs carry. */
export interface RequestIds {
  /** Our id of this HTTP call, new for every request. */
  readonly requestId: string;
  /** The caller's own correlation id, echoed back; the request id when none was sent. */
  readonly clientRequestId: string;
}
