/** Exit codes, documented in the README: pipelines branch on them. */
export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** A problem with how iflint was called or configured: exit 2 with a message, no stack trace. */
export class UsageError extends Error {}
