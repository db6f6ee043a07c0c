import { describe, expect, it } from 'vitest';
import { redactSecrets, redactUrl } from './secrets.ts';

describe('redacting secrets', () => {
  it('masks query values, credentials and token-like path segments of a URL', () => {
    expect(redactUrl('https://oapi.dingtalk.com/robot/send?access_token=abc123def456')).toBe('https://oapi.dingtalk.com/robot/send?access_token=***');
    expect(redactUrl('https://user:pw@sms.example.cn:8443/api/v2/send?key=s3cr3t&sign=x')).toBe('https://***@sms.example.cn:8443/api/v2/send?key=***&sign=***');
    expect(redactUrl('https://hooks.slack.com/services/T0000AAAA/B0000BBBB/XXXXxxxxXXXXxxxx1234')).toBe('https://hooks.slack.com/services/T0000AAAA/B0000BBBB/***');
    expect(redactUrl('http://10.0.0.5/hook')).toBe('http://10.0.0.5/hook');
  });

  it('walks settings and notification records, leaving other values alone', () => {
    const input = {
      webhooks: [{ url: 'https://h.example.org/in?k=1', minLevel: 'red' }],
      sms: { gateway: 'http', url: 'https://sms.example.cn/send?apikey=zzz', minLevel: 'orange', password: 'hunter2' },
      detail: { error: 'request to https://h.example.org/in?k=1 failed', retentionDays: 30 },
    };
    expect(redactSecrets(input)).toEqual({
      webhooks: [{ url: 'https://h.example.org/in?k=***', minLevel: 'red' }],
      sms: { gateway: 'http', url: 'https://sms.example.cn/send?apikey=***', minLevel: 'orange', password: '***' },
      detail: { error: 'request to https://h.example.org/in?k=*** failed', retentionDays: 30 },
    });
  });
});
