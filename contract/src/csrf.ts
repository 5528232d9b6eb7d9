/** The header a cookie session sends its CSRF token in, on every request that changes state. */
export const CSRF_HEADER = 'x-csrf-token'
