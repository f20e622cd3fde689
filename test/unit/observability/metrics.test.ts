import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEVICE_CODE_DIMENSION, METRIC } from '#shared/observability/metric-names.ts';
import { countDevices, countMetric, metrics, publishBatchesStuck, recordBatchThroughput } from '#shared/observability/metrics.ts';

afterEach(() => {
  vi.restoreAllMocks();
  metrics().clearMetrics();
});

describe('metrics', () => {
  it('counts with the names the alarms and the dashboard use, and nothing for zero', () => {
    const add = vi.spyOn(metrics(), 'addMetric');
    countMetric(METRIC.emailsSent);
    countMetric(METRIC.emailsBounced, 3);
    countMetric(METRIC.emailsFailed, 0);
    expect(add.mock.calls).toEqual([
      ['EmailsSent', MetricUnit.Count, 1],
      ['EmailsBounced', MetricUnit.Count, 3],
    ]);
  });

  it('counts judged devices in total and per code (the status when valid, else the first error code)', () => {
    const add = vi.spyOn(metrics(), 'addMetric');
    const single = { addDimension: vi.fn(), addMetric: vi.fn() };
    single.addDimension.mockReturnValue(single);
    vi.spyOn(metrics(), 'singleMetric').mockReturnValue(single as never);
    const answer = {
      summary: {},
      results: [
        { index: 0, status: 'valid', errors: [] },
        { index: 1, status: 'invalid', errors: [{ code: 'device_assigned_to_other_tenant' }, { code: 'invalid_group_tag' }] },
        { index: 2, status: 'valid', errors: [] },
      ],
    };
    expect(countDevices('validated', answer)).toBe(answer);
    expect(add.mock.calls).toEqual([['DevicesValidated', MetricUnit.Count, 3]]);
    expect(single.addDimension.mock.calls).toEqual([
      [DEVICE_CODE_DIMENSION, 'valid'],
      [DEVICE_CODE_DIMENSION, 'device_assigned_to_other_tenant'],
    ]);
    expect(single.addMetric.mock.calls).toEqual([
      ['DevicesValidated', MetricUnit.Count, 2],
      ['DevicesValidated', MetricUnit.Count, 1],
    ]);
  });

  it('gives the batch worker its throughput and stuck-batch gauges', () => {
    const add = vi.spyOn(metrics(), 'addMetric');
    recordBatchThroughput(1000, 4);
    recordBatchThroughput(0, 4);
    publishBatchesStuck(0);
    expect(add.mock.calls).toEqual([
      ['BatchDevicesPerSecond', MetricUnit.CountPerSecond, 250],
      ['BatchesStuck', MetricUnit.Count, 0],
    ]);
  });
});
