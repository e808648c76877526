/** PUBLIC_BASE_URL: where share links point. https, or http on loopback only; a plain base URL. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

describe('PUBLIC_BASE_URL', () => {
  it('is optional: unset, no share links are made', () => {
    expect(loadConfig({}).publicBaseUrl).toBeUndefined();
    expect(loadConfig({ PUBLIC_BASE_URL: '  ' }).publicBaseUrl).toBeUndefined();
  });

  it('keeps an https URL with its path, without trailing slashes', () => {
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://coach.example.org/' }).publicBaseUrl).toBe('https://coach.example.org');
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://example.org/gofast//' }).publicBaseUrl).toBe('https://example.org/gofast');
    expect(loadConfig({ PUBLIC_BASE_URL: 'http://localhost:8080' }).publicBaseUrl).toBe('http://localhost:8080');
    expect(loadConfig({ PUBLIC_BASE_URL: 'http://127.0.0.1:8080' }).publicBaseUrl).toBe('http://127.0.0.1:8080');
  });

  it('refuses plain http beyond this machine, and URLs with a query, fragment or credentials', () => {
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'http://coach.example.org' })).toThrow(
      /PUBLIC_BASE_URL: must start with https:\/\/ \(http:\/\/ only for localhost\)/,
    );
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'coach.example.org' })).toThrow(/PUBLIC_BASE_URL: must be a URL/);
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'https://coach.example.org/?a=1' })).toThrow(/no query, fragment or credentials/);
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'https://u:p@coach.example.org' })).toThrow(/no query, fragment or credentials/);
  });
});
