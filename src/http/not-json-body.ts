/**
 * What a route gets for a body that is there but is not JSON by its media type: it reads no
 * such body, and each surface's body pipe refuses it rather than taking it for no body.
 */
export const NOT_JSON_BODY: unique symbol = Symbol('http.notJsonBody');
