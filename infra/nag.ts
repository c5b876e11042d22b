import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Acknowledge a cdk-nag AwsSolutions finding on `scope` (and below), with the reason. The
 * plugin-qualified id lets cdk-nag report the finding and CDK record it, reason included, among the
 * suppressed violations of cdk.out/validation-report.json.
 */
export const acknowledgeNag = (scope: IConstruct, rule: string, reason: string): void =>
  Validations.of(scope).acknowledge({ id: `AwsSolutions::AwsSolutions-${rule}`, reason });
