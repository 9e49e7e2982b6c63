import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';

// The machines are shared and noisy: a lazily loaded tab or a slow render must not fail a `findBy` after the
// default 1 s. The wait ends as soon as the element appears, so passing tests are no slower.
configure({ asyncUtilTimeout: 5_000 });

// Most tests play a returning user, whose browser holds the session marker cookie the API sets.
beforeEach(() => {
  document.cookie = 'al_session=1; path=/';
});

afterEach(() => {
  cleanup();
});
