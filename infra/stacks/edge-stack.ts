import { CfnOutput, Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  type CfnDistribution,
  Distribution,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { Construct } from 'constructs';
import { WebFirewall } from '../constructs/web-firewall.ts';

/** The hosted zone of every CloudFront distribution, for an alias record to it. */
export const CLOUDFRONT_HOSTED_ZONE_ID = 'Z2FDTNDATAQYW2';

export interface EdgeStackProps extends StackProps {
  /** The service's public name: the distribution's alternate domain name, and the API's custom domain (the same name). */
  readonly domainName: string;
  /** The ACM certificate of `domainName` in us-east-1, where CloudFront reads it. */
  readonly certificateArn: string;
  /**
   * The API custom domain's own target (`d-….execute-api.<region>.amazonaws.com`), from the
   * stateless stack (a cross-region reference): where CloudFront connects.
   */
  readonly originDomainName: string;
  /**
   * The client certificate (ACM, us-east-1, imported with its key; Extended Key Usage "TLS client
   * authentication") CloudFront presents to the API's custom domain, whose mutual TLS truststore
   * holds its CA: the API answers CloudFront only.
   */
  readonly originClientCertificateArn: string;
}

/**
 * The front (us-east-1, since CloudFront's web ACL and certificate live there): a CloudFront
 * distribution that caches nothing and forwards everything (every header, the Host and the
 * Authorization header included, every cookie and query string) to the API's custom domain, with
 * the web application firewall (WebFirewall) in front of it.
 *
 * The viewer's Host header is the API's custom domain name, so API Gateway maps the request to the
 * API and its certificate matches; the API's execute-api endpoint is disabled and its domain
 * requires CloudFront's client certificate (mutual TLS), so nothing reaches the API but through
 * the firewall. Partners and customers keep the same URLs.
 */
export class EdgeStack extends Stack {
  readonly firewall: WebFirewall;
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);

    this.firewall = new WebFirewall(this, 'Firewall');

    this.distribution = new Distribution(this, 'Distribution', {
      comment: `device-consent: ${props.domainName}, firewall in front of the API and the pages`,
      domainNames: [props.domainName],
      certificate: Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn),
      minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Customers accept consent from anywhere: every edge location.
      priceClass: PriceClass.PRICE_CLASS_ALL,
      webAclId: this.firewall.webAcl.attrArn,
      enableLogging: false,
      defaultBehavior: {
        origin: new HttpOrigin(props.originDomainName, {
          protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
          originSslProtocols: [OriginSslPolicy.TLS_V1_2],
          // API Gateway answers within its 30 s integration limit (504 after it).
          readTimeout: Duration.seconds(35),
        }),
        // The API and the pages have only ever been served over HTTPS.
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        // Nothing is cached: every answer depends on its caller (API key, session cookie), and
        // the pages say no-store. With caching off, this policy also forwards Authorization.
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER,
        compress: false,
      },
    });
    // Origin mutual TLS has no L2 property yet.
    (this.distribution.node.defaultChild as CfnDistribution).addPropertyOverride(
      'DistributionConfig.Origins.0.CustomOriginConfig.OriginMtlsConfig.ClientCertificateArn',
      props.originClientCertificateArn,
    );
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR3',
      reason:
        "CloudFront's standard logs would write every URI path and query string, which carry the emailed one-time sign-in tokens (/consent/<token>, /signin/verify?token=) and OIDC codes. Nothing is cached, so every request reaches the API, whose access log records it (route, status, latency, without path or query), and the firewall logs what it blocks or counts with those parts redacted.",
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        "Customers' global administrators consent from wherever their organization is, and partners call from anywhere: no country may be excluded. The firewall's IP reputation list and rate limits apply everywhere.",
    });

    new CfnOutput(this, 'FrontDomainName', {
      value: this.distribution.distributionDomainName,
      description: `Point ${props.domainName} here (an alias A/AAAA record to hosted zone ${CLOUDFRONT_HOSTED_ZONE_ID}, or a CNAME)`,
    });
    new CfnOutput(this, 'DistributionId', { value: this.distribution.distributionId, description: 'The CloudFront distribution of the front' });
    new CfnOutput(this, 'WebAclArn', { value: this.firewall.webAcl.attrArn, description: 'The web ACL (AWS WAF) in front of the service' });
    new CfnOutput(this, 'FirewallLogGroupName', { value: this.firewall.logGroup.logGroupName, description: 'What the firewall blocked or counted (credentials redacted)' });
  }
}
