import { Route, Routes } from 'react-router-dom';
import { CallsPage } from './CallsPage';
import { CallPage } from './CallPage';

/** Mounted under /calls/* (behind the calls feature gate). */
export function CallsRoutes() {
  return (
    <Routes>
      <Route index element={<CallsPage />} />
      <Route path=":id" element={<CallPage />} />
    </Routes>
  );
}
