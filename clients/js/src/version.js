/** The package version, sent as `version=` in the connection URL. Kept equal to package.json by a unit test. */
export const VERSION = '0.1.0';
