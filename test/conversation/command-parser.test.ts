import { describe, expect, it } from 'vitest';
import { parseCommandText } from '../../src/conversation/command-parser.js';

describe('parseCommandText', () => {
  it('reads subcommands, key=value arguments (quoted too) and bare words', () => {
    expect(parseCommandText('/plan new distance=marathon race="Berlin Marathon" days=2,3,4')).toMatchObject({
      name: 'new',
      args: { distance: 'marathon', race: 'Berlin Marathon', days: '2,3,4' },
      positional: [],
    });
    expect(parseCommandText('/plan week 3')).toMatchObject({ name: 'week', positional: ['3'] });
    expect(parseCommandText('plan LOG')).toMatchObject({ name: 'log' });
  });

  it('treats /plan alone and /plan with only arguments as new', () => {
    expect(parseCommandText('/plan').name).toBe('new');
    expect(parseCommandText('/plan distance=5k').args).toEqual({ distance: '5k' });
  });

  it('marks anything else unknown, keeping the text for the help reply', () => {
    expect(parseCommandText('/plan dance now')).toMatchObject({ name: 'unknown', positional: ['dance', 'now'], raw: '/plan dance now' });
    expect(parseCommandText('hello').name).toBe('unknown');
  });
});
