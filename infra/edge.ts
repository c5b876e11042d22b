/**
 * The edge: one CloudFront distribution in front of the API and the web app (same origin, no CORS
 * for the app), guarded by an AWS WAF web ACL.
 *
 * - `/v1/*`, `/open311/*` and `/openapi.json` go to the HTTP API, uncached, with every viewer
 *   header (Authorization included) and the origin secret the functions check
 *   (shared/platform/http.ts, ORIGIN_VERIFY_SECRET).
 * - everything else is the web app (web/dist, built with Vite) from a private S3 bucket through
 *   origin access control; app routes fall back to index.html (a CloudFront Function on the
 *   default behaviour only, so an API 404 stays an API 404); hashed `/assets/*` are cached a year.
 * - the web ACL is CLOUDFRONT-scoped and so must live in us-east-1: `WebAclStack` is a small
 *   stack there whose ARN reaches the main stack by a cross-region reference (or pass
 *   `-c webAclArn=...` to use an existing ACL).
 */
import { existsSync } from 'node:fs';
import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { ORIGIN_VERIFY_HEADER } from '../shared/platform/http.js';
import { acknowledgeNag } from './nag.js';

/** Path patterns served by the API; everything else is the web app. */
export const API_PATHS = ['/v1/*', '/open311/*', '/openapi.json'] as const;
/** Where the public (no account) routes live: what the per-IP rate rules watch. */
export const PUBLIC_PATH_PREFIXES = ['/v1/public/', '/open311/'] as const;
/** Requests per client IP per 5 minutes on the public routes (reads), and on their writes. */
export const PUBLIC_RATE_LIMIT = 300;
export const PUBLIC_WRITE_RATE_LIMIT = 30;
export const WAF_WINDOW_SECONDS = 300;

/**
 * Viewer-request function of the web app's behaviour: an app route (no file extension) gets
 * index.html; files and the API paths are left alone (the API has its own behaviours anyway).
 */
export const SPA_FALLBACK_CODE = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.indexOf('/v1/') === 0 || uri.indexOf('/open311/') === 0 || uri.indexOf('/assets/') === 0) return request;
  var last = uri.substring(uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;

const byteMatch = (path: string) => ({
  byteMatchStatement: {
    fieldToMatch: { uriPath: {} },
    positionalConstraint: 'STARTS_WITH',
    searchString: path,
    textTransformations: [{ priority: 0, type: 'NONE' }],
  },
});
const publicPaths = {
  orStatement: { statements: PUBLIC_PATH_PREFIXES.map(byteMatch) },
};
const visibility = (name: string) => ({
  cloudWatchMetricsEnabled: true,
  sampledRequestsEnabled: true,
  metricName: name,
});
const managed = (priority: number, name: string, overrides: string[] = []): CfnWebACL.RuleProperty => ({
  name: `AWS-${name}`,
  priority,
  overrideAction: { none: {} },
  statement: {
    managedRuleGroupStatement: {
      vendorName: 'AWS',
      name,
      ruleActionOverrides: overrides.length
        ? overrides.map((rule) => ({ name: rule, actionToUse: { count: {} } }))
        : undefined,
    },
  },
  visibilityConfig: visibility(`AWS-${name}`),
});

/** The rules of the web ACL: the per-IP rate limits first, then AWS's managed rule groups. */
export const webAclRules = (): CfnWebACL.RuleProperty[] => [
  {
    name: 'PublicWritesPerIp',
    priority: 0,
    action: { block: {} },
    statement: {
      rateBasedStatement: {
        limit: PUBLIC_WRITE_RATE_LIMIT,
        evaluationWindowSec: WAF_WINDOW_SECONDS,
        aggregateKeyType: 'IP',
        scopeDownStatement: {
          andStatement: {
            statements: [
              publicPaths,
              {
                byteMatchStatement: {
                  fieldToMatch: { method: {} },
                  positionalConstraint: 'EXACTLY',
                  searchString: 'POST',
                  textTransformations: [{ priority: 0, type: 'NONE' }],
                },
              },
            ],
          },
        },
      },
    },
    visibilityConfig: visibility('PublicWritesPerIp'),
  },
  {
    name: 'PublicRoutesPerIp',
    priority: 1,
    action: { block: {} },
    statement: {
      rateBasedStatement: {
        limit: PUBLIC_RATE_LIMIT,
        evaluationWindowSec: WAF_WINDOW_SECONDS,
        aggregateKeyType: 'IP',
        scopeDownStatement: publicPaths,
      },
    },
    visibilityConfig: visibility('PublicRoutesPerIp'),
  },
  // Imports (CSV/JSON, up to 10 MB) exceed the common set's 8 KB body limit: counted, not blocked.
  managed(10, 'AWSManagedRulesCommonRuleSet', ['SizeRestrictions_BODY']),
  managed(20, 'AWSManagedRulesKnownBadInputsRuleSet'),
];

export interface WebAclStackProps extends StackProps {
  stage: string;
}

/** The CLOUDFRONT-scoped web ACL, in us-east-1 as AWS requires. */
export class WebAclStack extends Stack {
  readonly webAcl: CfnWebACL;
  constructor(scope: Construct, id: string, props: WebAclStackProps) {
    super(scope, id, props);
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: `sinergi-${props.stage}-edge`,
      description: `Sinergi ${props.stage} - per-IP limits on the public routes, AWS managed rules`,
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      rules: webAclRules(),
      visibilityConfig: visibility(`sinergi-${props.stage}-edge`),
    });
  }
}

export interface EdgeProps {
  stage: string;
  api: HttpApi;
  webAclArn: string;
  originSecret: ISecret;
  /** the web app's build output; deployed when the folder exists at synth time */
  webDist: string;
}

export class Edge extends Construct {
  readonly distribution: Distribution;
  readonly webBucket: Bucket;
  readonly deployed: boolean;

  constructor(scope: Construct, id: string, props: EdgeProps) {
    super(scope, id);
    const region = Stack.of(this).region;

    const webBucket = new Bucket(this, 'WebBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledgeNag(
      webBucket,
      'S1',
      'The web app bucket holds only the public build output (web/dist), read solely by CloudFront through origin access control; requests are visible in the WAF metrics and the API access log.',
    );
    this.webBucket = webBucket;

    const securityHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: `Sinergi (${props.stage}) security headers`,
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          preload: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
        xssProtection: { protection: true, modeBlock: true, override: true },
        contentSecurityPolicy: {
          contentSecurityPolicy: [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob: https:",
            `connect-src 'self' https://cognito-idp.${region}.amazonaws.com https://*.amazoncognito.com`,
            "frame-ancestors 'none'",
            "base-uri 'self'",
            "form-action 'self'",
          ].join('; '),
          override: true,
        },
      },
    });

    const spaFallback = new EdgeFunction(this, 'SpaFallback', {
      comment: 'App routes without a file extension get index.html',
      code: FunctionCode.fromInline(SPA_FALLBACK_CODE),
      runtime: FunctionRuntime.JS_2_0,
    });

    const webOrigin = S3BucketOrigin.withOriginAccessControl(webBucket);
    const apiOrigin = new HttpOrigin(`${props.api.apiId}.execute-api.${region}.amazonaws.com`, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
      // a CloudFormation dynamic reference: the value never appears in the template
      customHeaders: { [ORIGIN_VERIFY_HEADER]: props.originSecret.secretValue.unsafeUnwrap() },
    });
    const apiBehavior = {
      origin: apiOrigin,
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      // caching disabled: then an origin request policy may forward Authorization with the rest
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: securityHeaders,
    };
    const assetsCache = new CachePolicy(this, 'AssetsCache', {
      comment: 'Hashed build assets: cached for a year',
      defaultTtl: Duration.days(365),
      minTtl: Duration.days(365),
      maxTtl: Duration.days(365),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Sinergi (${props.stage}): web app and API`,
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Price class 200 includes the edge locations in Indonesia (Jakarta).
      priceClass: PriceClass.PRICE_CLASS_200,
      webAclId: props.webAclArn,
      defaultBehavior: {
        origin: webOrigin,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
        functionAssociations: [{ function: spaFallback, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        '/assets/*': {
          origin: webOrigin,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          cachePolicy: assetsCache,
          responseHeadersPolicy: securityHeaders,
        },
        ...Object.fromEntries(API_PATHS.map((p) => [p, apiBehavior])),
      },
    });
    acknowledgeNag(
      this.distribution,
      'CFR1',
      'Citizens file complaints from anywhere (travelling, abroad); the WAF rate rules, not geography, hold a flood.',
    );
    acknowledgeNag(
      this.distribution,
      'CFR3',
      'Requests are recorded by the API access log and the WAF metrics and sampled requests; CloudFront standard logs would need an ACL-enabled bucket for little more.',
    );
    acknowledgeNag(
      this.distribution,
      'CFR4',
      "The distribution uses its default *.cloudfront.net certificate until the city's domain and an ACM certificate are added; viewers are redirected to HTTPS.",
    );

    this.deployed = existsSync(props.webDist);
    if (this.deployed) {
      // Hashed assets first, cached for a year; then the rest (index.html, manifest) never cached.
      const assets = new BucketDeployment(this, 'DeployAssets', {
        sources: [Source.asset(props.webDist)],
        destinationBucket: webBucket,
        include: ['assets/*'],
        exclude: ['*'],
        prune: false,
        cacheControl: [CacheControl.fromString('public, max-age=31536000, immutable')],
        memoryLimit: 512,
      });
      const app = new BucketDeployment(this, 'DeployApp', {
        sources: [Source.asset(props.webDist)],
        destinationBucket: webBucket,
        exclude: ['assets/*'],
        prune: false,
        cacheControl: [CacheControl.noCache()],
        distribution: this.distribution,
        distributionPaths: ['/index.html', '/'],
        memoryLimit: 512,
      });
      app.node.addDependency(assets);
      // The deployments share one CDK-provided function (a stack-level singleton): its findings, with reasons.
      const stack = Stack.of(this);
      const provider = stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
      if (provider) {
        const why =
          'CDK BucketDeployment provider: it copies the web build from the CDK asset bucket into the web bucket at deploy time; its role and runtime are managed by aws-cdk-lib.';
        const bucketArn = `<${stack.getLogicalId(webBucket.node.defaultChild as CfnBucket)}.Arn>/*`;
        for (const rule of [
          'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          'IAM5[Resource::*]',
          'IAM5[Action::s3:GetBucket*]',
          'IAM5[Action::s3:GetObject*]',
          'IAM5[Action::s3:List*]',
          'IAM5[Action::s3:Abort*]',
          'IAM5[Action::s3:DeleteObject*]',
          // the partition is a literal in known regions, a reference otherwise
          `IAM5[Resource::arn:aws:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${stack.region}/*]`,
          `IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${stack.region}/*]`,
          `IAM5[Resource::${bucketArn}]`,
          'L1',
        ]) {
          acknowledgeNag(provider, rule, why);
        }
      }
    }
  }
}
