/** The header the proxy sets on each request (and its response): every log line of the request carries it. */
export const REQUEST_ID_HEADER = 'x-request-id';
