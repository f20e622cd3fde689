/**
 * Configuration read from the environment, fail-fast: a missing variable is an error at the first
 * use, naming the variable. Local runs set the same variables the CDK stack sets in AWS.
 */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Environment variable ${name} is not set`);
  return value;
}

export const optionalEnv = (name: string): string | undefined => process.env[name] || undefined;

/** True only in the local server and tests (`DEPLOYMENT=local`); never set by the CDK stack. */
export const isLocal = (): boolean => process.env.DEPLOYMENT === 'local';

/** Base of the links put in emails and answers. */
export const publicUrl = (): string => requireEnv('PUBLIC_URL').replace(/\/$/, '');

/** Region for every SDK client; locally any region works, the engines ignore it. */
export const awsRegion = (): string => process.env.AWS_REGION ?? 'us-east-1';

/** Locally, every SDK client points at a local engine and uses dummy credentials. */
export function localClientOptions(endpointVar: string) {
  const endpoint = optionalEnv(endpointVar);
  if (!endpoint) {
    if (isLocal()) throw new Error(`${endpointVar} must be set when running locally`);
    return { region: awsRegion() };
  }
  return {
    region: awsRegion(),
    endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  };
}
