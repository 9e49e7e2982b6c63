import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';

// Most tests play a returning user, whose browser holds the session marker cookie the API sets.
beforeEach(() => {
  document.cookie = 'al_session=1; path=/';
});

afterEach(() => {
  cleanup();
});
