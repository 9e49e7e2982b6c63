import { describe, expect, it } from 'vitest';
import { describeDetails } from './auditDetails';

describe('contract audit details', () => {
  it('read in Hebrew: the status move, the parts edited, the template version', () => {
    expect(describeDetails({ old: 'draft', new: 'cancelled' }, 'contract-status-changed')).toEqual(['טיוטה ← בוטל']);
    expect(describeDetails({ fields: ['title', 'fieldValues'] }, 'contract-changed')).toEqual(['שדות: כותרת, ערכי שדות']);
    expect(describeDetails({ version: 2, name: null }, 'contract-template-changed')).toEqual(['גרסה: 2', 'שם: —']);
  });
});

describe('signature audit details', () => {
  it('name each part in Hebrew, so a completed request reads in Hebrew beside its SHA-256', () => {
    const lines = describeDetails({ requestId: 'r-1', signerId: null, signer: 'דנה', detail: 'SHA-256 ab12' }, 'signature-request-completed');
    expect(lines).toEqual(['בקשת חתימה: r-1', 'מזהה חותם: —', 'חותם: דנה', 'פרטים: SHA-256 ab12']);
  });
});
