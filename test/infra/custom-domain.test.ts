import { describe, expect, it } from 'vitest';
import { referencedId, resourcesOfType, synthService } from './synth.ts';

const CERTIFICATE = 'arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789';

describe('custom domain', () => {
  it('is absent without context: the API keeps its execute-api endpoint', () => {
    const synth = synthService();
    synth.statelessTemplate.resourceCountIs('AWS::ApiGatewayV2::DomainName', 0);
    synth.statelessTemplate.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 0);
    expect(Object.keys(synth.statelessTemplate.toJSON().Outputs)).not.toContain('CustomDomainTarget');
    // Issue 25: the endpoint stays on: it is the only way in.
    const apis = Object.values(resourcesOfType(synth.statelessTemplate, 'AWS::ApiGatewayV2::Api'));
    expect(apis).toHaveLength(1);
    expect(apis[0].Properties?.DisableExecuteApiEndpoint ?? false).toBe(false);
  });

  it('serves the API and the pages at the domain, with the certificate, TLS 1.2, and puts it in the links', () => {
    const synth = synthService({ domainName: 'consent.contoso.example', certificateArn: CERTIFICATE });
    const domains = Object.entries(resourcesOfType(synth.statelessTemplate, 'AWS::ApiGatewayV2::DomainName'));
    expect(domains).toHaveLength(1);
    const [domainId, domain] = domains[0];
    expect(domain.Properties).toMatchObject({
      DomainName: 'consent.contoso.example',
      DomainNameConfigurations: [{ CertificateArn: CERTIFICATE, EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2' }],
    });
    const mappings = Object.values(resourcesOfType(synth.statelessTemplate, 'AWS::ApiGatewayV2::ApiMapping')).map((m) => m.Properties ?? {});
    expect(mappings).toHaveLength(1);
    expect(referencedId(mappings[0].DomainName)).toBe(domainId);
    expect(referencedId(mappings[0].ApiId)).toBe(Object.keys(resourcesOfType(synth.statelessTemplate, 'AWS::ApiGatewayV2::Api'))[0]);
    expect(mappings[0].Stage).toBe('$default');
    for (const fn of Object.values(resourcesOfType(synth.statelessTemplate, 'AWS::Lambda::Function'))) {
      expect((fn.Properties?.Environment as { Variables: Record<string, unknown> }).Variables.PUBLIC_URL).toBe('https://consent.contoso.example');
    }
    // What the DNS record must point at.
    synth.statelessTemplate.hasOutput('CustomDomainTarget', { Value: { 'Fn::GetAtt': [domainId, 'RegionalDomainName'] } });
    synth.statelessTemplate.hasOutput('CustomDomainHostedZoneId', { Value: { 'Fn::GetAtt': [domainId, 'RegionalHostedZoneId'] } });
    // Issue 25: the domain is then the only way in (no bypass of what the domain enforces), and
    // the API's URL is the domain's. Without the front, no mutual TLS.
    const apis = Object.values(resourcesOfType(synth.statelessTemplate, 'AWS::ApiGatewayV2::Api'));
    expect(apis.map((api) => api.Properties?.DisableExecuteApiEndpoint)).toEqual([true]);
    expect(domain.Properties?.MutualTlsAuthentication).toBeUndefined();
    synth.statelessTemplate.hasOutput('ApiUrl', { Value: 'https://consent.contoso.example/' });
  });

  it('keeps an explicit publicUrl over the domain', () => {
    const synth = synthService({ domainName: 'consent.contoso.example', certificateArn: CERTIFICATE, publicUrl: 'https://links.contoso.example' });
    for (const fn of Object.values(resourcesOfType(synth.statelessTemplate, 'AWS::Lambda::Function'))) {
      expect((fn.Properties?.Environment as { Variables: Record<string, unknown> }).Variables.PUBLIC_URL).toBe('https://links.contoso.example');
    }
  });

  it('refuses half a configuration or malformed values, naming the context key', () => {
    expect(() => synthService({ domainName: 'consent.contoso.example' })).toThrow(/certificateArn/);
    expect(() => synthService({ certificateArn: CERTIFICATE })).toThrow(/domainName/);
    expect(() => synthService({ domainName: 'not a domain', certificateArn: CERTIFICATE })).toThrow(/domainName/);
    expect(() => synthService({ domainName: 'consent.contoso.example', certificateArn: 'arn:aws:iam::123456789012:role/x' })).toThrow(/certificateArn/);
  });
});
