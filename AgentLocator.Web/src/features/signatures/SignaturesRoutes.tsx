import { Route, Routes } from 'react-router-dom';
import { SignatureRequestPage } from './SignatureRequestPage';
import { SignatureRequestsPage } from './SignatureRequestsPage';
import { VerifyPage } from './VerifyPage';
import './Signatures.css';

export function SignaturesRoutes() {
  return (
    <Routes>
      <Route index element={<SignatureRequestsPage />} />
      <Route path="verify" element={<VerifyPage />} />
      <Route path=":id" element={<SignatureRequestPage />} />
    </Routes>
  );
}
