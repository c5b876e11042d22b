/**
 * The CDK app: `npx cdk synth|deploy` runs this file (cdk.json). `buildApp` is also what the stack
 * tests synthesise, cdk-nag checks included, so the tests and the deployment see the same app.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { PROJECT_ROOT } from './bundling.js';
import { WebAclStack } from './edge.js';
import { SinergiStack } from './stack.js';

/** Jakarta: the closest region to Semarang. */
export const DEFAULT_REGION = 'ap-southeast-3';

export interface BuildAppProps {
  /** cloud assembly directory; the CLI sets it through CDK_OUTDIR when omitted */
  outdir?: string;
  /** extra context, on top of cdk.json's (tests pass `'aws:cdk:bundling-stacks': []`) */
  context?: Record<string, unknown>;
  /** deployment stage; default: context `stage`, else 'dev' (prod needs `-c stage=prod`) */
  stage?: string;
  /** the web app's build output (default web/dist); tests point it elsewhere */
  webDist?: string;
}

/** Where the CLOUDFRONT-scoped web ACL must live. */
export const WAF_REGION = 'us-east-1';

/**
 * Per-stage settings, from cdk.json's context `stages.<stage>`, each overridable with `-c key=value`:
 * allowedOrigins (comma-separated, CORS for other web clients), sesFromEmail (SES-verified sender),
 * sesRegion, owner (tag), webAclArn (an existing CLOUDFRONT web ACL instead of the us-east-1 stack).
 */
export interface StageSettings {
  allowedOrigins: string[];
  sesFromEmail: string;
  sesRegion?: string;
  owner: string;
  webAclArn?: string;
}

const list = (v: unknown): string[] =>
  Array.isArray(v)
    ? v.map(String)
    : typeof v === 'string'
      ? v
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean)
      : [];

export const stageSettings = (app: App, stage: string): StageSettings => {
  const stages = (app.node.tryGetContext('stages') ?? {}) as Record<string, Record<string, unknown>>;
  const fromFile = stages[stage] ?? stages.default ?? {};
  const get = (key: string): unknown => app.node.tryGetContext(key) ?? fromFile[key];
  return {
    allowedOrigins: list(get('allowedOrigins')),
    sesFromEmail: String(get('sesFromEmail') ?? 'sinergi@semarangkota.go.id'),
    sesRegion: get('sesRegion') as string | undefined,
    owner: String(get('owner') ?? 'bkpp-kota-semarang'),
    webAclArn: get('webAclArn') as string | undefined,
  };
};

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

export interface BuiltApp {
  app: App;
  stack: SinergiStack;
  /** the us-east-1 stack with the web ACL (absent when `webAclArn` names an existing one) */
  wafStack?: WebAclStack;
  stage: string;
}

export const buildApp = (props: BuildAppProps = {}): BuiltApp => {
  const app = new App({ outdir: props.outdir, context: { ...cdkJsonContext(), ...props.context } });
  const stage = props.stage ?? (app.node.tryGetContext('stage') as string | undefined) ?? 'dev';
  if (!/^[a-z][a-z0-9-]{0,15}$/.test(stage))
    throw new Error(`stage "${stage}": lower-case letters, digits, -`);
  const isProd = stage === 'prod';
  const settings = stageSettings(app, stage);
  const tags = { project: 'sinergi', stage, owner: settings.owner };
  // account-agnostic unless the CLI knows the account (credentials); the region is always concrete
  const account = process.env.CDK_DEFAULT_ACCOUNT;

  let wafStack: WebAclStack | undefined;
  if (!settings.webAclArn) {
    wafStack = new WebAclStack(app, `Sinergi-${stage}-waf`, {
      stage,
      description: `Sinergi (${stage}): the WAF web ACL of the CloudFront distribution (us-east-1, as AWS requires)`,
      env: { account, region: WAF_REGION },
      crossRegionReferences: true,
      terminationProtection: isProd,
      tags,
    });
  }
  const stack = new SinergiStack(app, `Sinergi-${stage}`, {
    stage,
    description: `Sinergi (${stage}): HR and public complaints platform of Pemerintah Kota Semarang`,
    env: { account, region: regionOf(app) },
    crossRegionReferences: !!wafStack,
    terminationProtection: isProd,
    tags,
    allowedOrigins: settings.allowedOrigins,
    webAclArn: settings.webAclArn ?? (wafStack as WebAclStack).webAcl.attrArn,
    // prod answers only through the distribution; dev keeps the execute-api URL usable for debugging
    requireEdge: isProd,
    webDist: props.webDist ?? join(PROJECT_ROOT, 'web', 'dist'),
    sesFromEmail: settings.sesFromEmail,
    sesRegion: settings.sesRegion,
  });
  // Every taggable resource too (stack tags propagate at deploy; this puts them in the template).
  for (const [key, value] of Object.entries(tags)) Tags.of(app).add(key, value);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack, wafStack, stage };
};

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) buildApp().app.synth();
