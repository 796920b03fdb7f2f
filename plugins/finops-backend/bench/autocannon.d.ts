/** The load generator of the API benchmark has no type declarations of its own. */
declare module 'autocannon';
