import { describe, expect, it } from 'vitest';
import { policyText } from './__fixtures__/records.js';
import { metricDirection } from './direction.js';

describe('metricDirection', () => {
  it.each([
    ['accuracy', 'higher'],
    ['eval.f1', 'higher'],
    ['roc_auc', 'higher'],
    ['r2', 'higher'],
    ['recall', 'higher'],
    ['loss', 'lower'],
    ['eval.val_loss', 'lower'],
    ['log_loss', 'lower'],
    ['rmse', 'lower'],
    ['test/MAE', 'lower'],
    ['error_rate', 'lower'],
    ['model.bytes', 'lower'],
    ['model.latency_p95_ms', 'lower'],
    ['train_time', 'lower'],
    ['stage.train.duration_ms', 'lower'],
    ['model_size', 'lower'],
    ['perplexity', 'lower'],
    ['maestro_score', 'higher'],
    ['throughput', 'higher'],
  ])('%s: %s is better', (name, direction) => {
    expect(metricDirection(name)).toEqual({ direction, source: 'name' });
  });

  it('lets the policy override the name', () => {
    const policy = policyText('metrics:\n  error_budget_left: { direction: higher }\n');
    expect(metricDirection('error_budget_left', policy)).toEqual({
      direction: 'higher',
      source: 'policy',
    });
  });
});
