/** Placeholder so the CDK app can synthesize; replaced by the real handler. */
export const handler = async () => ({ statusCode: 404 });
