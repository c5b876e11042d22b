/**
 * The CDK app: `npx cdk synth|deploy` runs this file (cdk.json). `buildApp` is also what the stack
 * tests synthesise, cdk-nag checks included, so the tests and the deployment see the same app.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { SinergiStack } from './stack.js';

/** Jakarta: the closest region to Semarang. */
export const DEFAULT_REGION = 'ap-southeast-3';

export interface BuildAppProps {
  /** cloud assembly directory; the CLI sets it through CDK_OUTDIR when omitted */
  outdir?: string;
  /** extra context, on top of cdk.json's (tests pass `'aws:cdk:bundling-stacks': []`) */
  context?: Record<string, unknown>;
  /** deployment stage; default: context `stage`, else 'prod' */
  stage?: string;
}

/** cdk.json's context (feature flags): read here too so tests synthesise with the same flags as the CLI. */
const cdkJsonContext = (): Record<string, unknown> => {
  const cdkJson = JSON.parse(readFileSync(new URL('../cdk.json', import.meta.url), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
};

/**
 * The region: `-c region=...`, else the shell's AWS_REGION / AWS_DEFAULT_REGION, else Jakarta.
 * CDK_DEFAULT_REGION is not consulted: the CLI always sets it (to us-east-1 when nothing is
 * configured), which would silently move the city's data out of Indonesia.
 */
const regionOf = (app: App): string =>
  (app.node.tryGetContext('region') as string | undefined) ??
  process.env.AWS_REGION ??
  process.env.AWS_DEFAULT_REGION ??
  DEFAULT_REGION;

export const buildApp = (props: BuildAppProps = {}): { app: App; stack: SinergiStack } => {
  const app = new App({ outdir: props.outdir, context: { ...cdkJsonContext(), ...props.context } });
  const stage = props.stage ?? (app.node.tryGetContext('stage') as string | undefined) ?? 'prod';
  const stack = new SinergiStack(app, `Sinergi-${stage}`, {
    stage,
    description: `Sinergi (${stage}): HR and public complaints platform of Pemerintah Kota Semarang`,
    // account-agnostic unless the CLI knows the account (credentials); the region is always concrete
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: regionOf(app) },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
};

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) buildApp().app.synth();
