import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles/tokens.css';
import './styles/global.css';
import { App } from './App';
import { registerServiceWorker } from './features/notifications/registerServiceWorker';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// Task alerts as system notifications when no tab shows them (public/sw.js); permission is asked from a button.
void registerServiceWorker();
