import { Validations } from 'aws-cdk-lib';
import type { IAlarm } from 'aws-cdk-lib/aws-cloudwatch';
import { type ILambdaDeploymentConfig, LambdaApplication, LambdaDeploymentConfig, LambdaDeploymentGroup } from 'aws-cdk-lib/aws-codedeploy';
import { ManagedPolicy, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { ProjectFunction } from './project-function.ts';

/**
 * How a function's new version takes traffic: `canary`, 10 % for 5 minutes and then all of it,
 * for what answers people (the APIs, the pages, the authorizer in front of them); `all-at-once`
 * for what events invoke (the schedules, the stream, SNS), where a slice of the traffic would be
 * a slice of the records rather than of the users, and the retries and dead-letter queues already
 * keep what fails.
 */
export type Rollout = 'canary' | 'all-at-once';

export const ROLLOUT_CONFIG: Record<Rollout, ILambdaDeploymentConfig> = {
  canary: LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES,
  'all-at-once': LambdaDeploymentConfig.ALL_AT_ONCE,
};

export interface DeploymentsProps {
  /** Each function with how it rolls out and the alarms that roll it back. */
  readonly functions: readonly { fn: ProjectFunction; rollout: Rollout; alarms: readonly IAlarm[] }[];
}

/**
 * Deployments that roll back by themselves: one CodeDeploy application, and per function a
 * deployment group that moves its `live` alias to the version CloudFormation just published,
 * gradually or at once, and moves it back when one of its alarms fires (or the deployment fails).
 * Every invoker names the alias, so nothing reaches a version CodeDeploy has not shifted to.
 */
export class Deployments extends Construct {
  readonly application: LambdaApplication;
  readonly groups: Record<string, LambdaDeploymentGroup> = {};
  readonly role: Role;

  constructor(scope: Construct, id: string, props: DeploymentsProps) {
    super(scope, id);
    this.application = new LambdaApplication(this, 'Application');

    // One service role for every group (CodeDeploy acts on the aliases and reads the alarms).
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('codedeploy.amazonaws.com'),
      description: 'CodeDeploy shifts the live aliases of the device-consent functions',
      managedPolicies: [ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSCodeDeployRoleForLambdaLimited')],
    });
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited]',
      reason:
        "The service role CodeDeploy assumes to shift the functions' aliases, with the policy AWS maintains for Lambda deployments (get and update an alias, read the alarms): what a deployment needs changes with CodeDeploy's features, and a hand-written copy would silently stop rollbacks. The role is assumable by codedeploy.amazonaws.com only.",
    });

    for (const { fn, rollout, alarms } of props.functions) {
      this.groups[fn.name] = new LambdaDeploymentGroup(this, fn.name, {
        application: this.application,
        alias: fn.alias,
        deploymentConfig: ROLLOUT_CONFIG[rollout],
        alarms: [...alarms],
        role: this.role,
        autoRollback: { failedDeployment: true, stoppedDeployment: true, deploymentInAlarm: alarms.length > 0 },
      });
    }
  }
}
