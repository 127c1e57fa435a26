import { describe, expect, it } from 'vitest';
import { acceptedLocale, localeOf } from '../../lib/http/request-locale';

// The language a route handler answers an error in (lib/http/request-locale.ts).

describe('the language of an API error', () => {
  it('is the one the reader chose (the screens’ cookie), whatever the browser says', () => {
    expect(localeOf({ cookie: 'en', fetchSite: 'same-origin', acceptLanguage: 'fr-FR' })).toBe('en');
    expect(localeOf({ cookie: 'fr', acceptLanguage: 'en-US' })).toBe('fr');
  });

  it('is the screens’ default, French, for a fetch from one of our pages without a choice', () => {
    expect(localeOf({ fetchSite: 'same-origin', acceptLanguage: 'en-US,en;q=0.9' })).toBe('fr');
  });

  it('is what a program asks for in Accept-Language, English when it asks for nothing we write', () => {
    expect(localeOf({ acceptLanguage: 'fr-FR,fr;q=0.9,en;q=0.8' })).toBe('fr');
    expect(localeOf({ acceptLanguage: 'de-DE,de;q=0.9' })).toBe('en');
    expect(localeOf({ cookie: 'de', acceptLanguage: null })).toBe('en');
    expect(localeOf({})).toBe('en');
  });

  it('reads Accept-Language by weight, then by order', () => {
    expect(acceptedLocale('en;q=0.5, fr-CA;q=0.8')).toBe('fr');
    expect(acceptedLocale('fr, en')).toBe('fr');
    expect(acceptedLocale('de, en-GB, fr')).toBe('en');
    expect(acceptedLocale('fr;q=0, en;q=0.1')).toBe('en');
    expect(acceptedLocale('*')).toBeNull();
    expect(acceptedLocale('')).toBeNull();
  });
});
