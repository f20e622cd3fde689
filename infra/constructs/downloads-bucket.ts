import { Aws } from 'aws-cdk-lib';

/**
 * The downloads bucket's name (large downloads: exports, batch results, issue 21): unique per
 * stateful stack, account and region, and computed the same way by the stack that makes it and
 * the functions granted on it, so no cross-stack reference ties them and cdk-nag reads the grant.
 */
export const downloadsBucketName = (statefulStackName: string): string => `${statefulStackName.toLowerCase()}-downloads-${Aws.ACCOUNT_ID}-${Aws.REGION}`;

/** The same name as cdk-nag writes it in a finding (pseudo parameters as `<AWS::...>`). */
export const downloadsBucketNagName = (statefulStackName: string): string => `${statefulStackName.toLowerCase()}-downloads-<AWS::AccountId>-<AWS::Region>`;
