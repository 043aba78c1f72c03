import type { GraphError } from './graph-error.js';
import type { RequestIds } from '../values/request-ids.js';

export interface GraphErrorBody {
  error: {
    code: string;
    message: string;
    innerError: {
      date: string;
      'request-id': string;
      'client-request-id': string;
    };
  };
}

/** The JSON body of every Graph error; `date` is UTC without zone or fraction, as Graph writes it. */
export function graphErrorBody(
  error: GraphError,
  ids: RequestIds,
): GraphErrorBody {
  return {
    error: {
      code: error.code,
      message: error.message,
      innerError: {
        date: new Date().toISOString().slice(0, 19),
        'request-id': ids.requestId,
        'client-request-id': ids.clientRequestId,
      },
    },
  };
}
