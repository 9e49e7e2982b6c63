import { describe, expect, it } from 'vitest';
import { apiUrl, hubUrl, resolveEndpoints } from './endpoints';

describe('resolveEndpoints', () => {
  it('defaults to the app’s own origin and /ws', () => {
    const endpoints = resolveEndpoints({});
    expect(apiUrl('/api/me', endpoints)).toBe('/api/me');
    expect(hubUrl(endpoints)).toBe('/ws');
    expect(endpoints.crossOrigin).toBe(false);
  });

  it('prefixes a configured API origin and hub path, without doubling slashes', () => {
    const endpoints = resolveEndpoints({ VITE_API_BASE_URL: 'https://api.example.com/ ', VITE_HUB_PATH: 'realtime' });
    expect(apiUrl('/api/auth/login', endpoints)).toBe('https://api.example.com/api/auth/login');
    expect(hubUrl(endpoints)).toBe('https://api.example.com/realtime');
    expect(endpoints.crossOrigin).toBe(true);
  });

  it('treats blank settings as unset', () => {
    const endpoints = resolveEndpoints({ VITE_API_BASE_URL: '  ', VITE_HUB_PATH: '' });
    expect(hubUrl(endpoints)).toBe('/ws');
    expect(endpoints.crossOrigin).toBe(false);
  });
});
