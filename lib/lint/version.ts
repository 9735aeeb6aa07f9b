/** Bumped when rules change, so cached results are not reused across linter versions. */
export const LINTER_VERSION = '1.0.0'
