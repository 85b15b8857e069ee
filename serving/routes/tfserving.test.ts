import { describe, expect, it } from 'vitest';
import { BadRequest, NotFound } from '../http-error.js';
import { parseTfPath } from './tfserving.js';

describe('parseTfPath', () => {
  it.each([
    ['iris:predict', 'POST', { name: 'iris', action: 'predict' }],
    ['iris/versions/2:predict', 'POST', { name: 'iris', version: 2, action: 'predict' }],
    ['iris/labels/canary:predict', 'POST', { name: 'iris', label: 'canary', action: 'predict' }],
    ['iris', 'GET', { name: 'iris', action: 'status' }],
    ['iris/versions/2/metadata', 'GET', { name: 'iris', version: 2, action: 'metadata' }],
  ] as const)('%s (%s), first and repeated', (rest, method, expected) => {
    expect(parseTfPath(rest, method)).toEqual(expected);
    expect(parseTfPath(rest, method)).toEqual(expected);
  });

  it('parses the same path by method: a GET answer is never reused for a POST', () => {
    expect(parseTfPath('iris/metadata', 'GET')).toEqual({ name: 'iris', action: 'metadata' });
    expect(() => parseTfPath('iris/metadata', 'POST')).toThrow(NotFound);
  });

  it('rejects bad paths on every request, not only the first', () => {
    for (let i = 0; i < 3; i++) {
      expect(() => parseTfPath('__proto__:predict', 'POST')).toThrow(NotFound);
      expect(() => parseTfPath('iris/versions/x:predict', 'POST')).toThrow(NotFound);
      expect(() => parseTfPath('iris:classify', 'POST')).toThrow(BadRequest);
    }
  });

  it('still answers correctly after more distinct paths than it remembers', () => {
    for (let v = 0; v < 3000; v++)
      expect(parseTfPath(`m/versions/${v}:predict`, 'POST')).toEqual({
        name: 'm',
        version: v,
        action: 'predict',
      });
    expect(parseTfPath('iris/versions/2:predict', 'POST')).toEqual({
      name: 'iris',
      version: 2,
      action: 'predict',
    });
  });
});
