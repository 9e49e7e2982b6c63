import { describe, expect, it } from 'vitest';
import { describeDetails } from './auditDetails';

describe('contract audit details', () => {
  it('read in Hebrew: the status move, the parts edited, the template version', () => {
    expect(describeDetails({ old: 'draft', new: 'cancelled' }, 'contract-status-changed')).toEqual(['טיוטה ← בוטל']);
    expect(describeDetails({ fields: ['title', 'fieldValues'] }, 'contract-changed')).toEqual(['שדות: כותרת, ערכי שדות']);
    expect(describeDetails({ version: 2, name: null }, 'contract-template-changed')).toEqual(['גרסה: 2', 'שם: —']);
  });
});
