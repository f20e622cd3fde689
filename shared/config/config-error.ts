/** Wrong configuration: stops `npm start` or a Lambda's cold start with one line naming what to fix. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
