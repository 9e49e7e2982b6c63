import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { ErrorState, LoadingState } from '../../ui/StatusViews';
import { fetchSettings, invoiceKeys, saveSettings } from './invoicesApi';
import { LogoUpload } from './LogoUpload';
import { TaxAuthorityCard } from './TaxAuthorityCard';
import { VatRatesEditor, type VatRateRow } from './VatRatesEditor';

const DEALER_TYPES = [
  { value: 'licensed', label: 'עוסק מורשה' },
  { value: 'exempt', label: 'עוסק פטור' },
  { value: 'company', label: 'חברה בע״מ' },
  { value: 'nonprofit', label: 'עמותה' },
];

/** The settings card (admins): the business's details printed on its documents. */
export function InvoiceSettingsPage() {
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: invoiceKeys.settings, queryFn: ({ signal }) => fetchSettings(signal) });
  const [form, setForm] = useState({ legalName: '', dealerType: 'licensed', taxId: '', address: '', phone: '', email: '', bankDetails: '' });
  const [vatRates, setVatRates] = useState<VatRateRow[]>([]);
  useEffect(() => {
    if (settings.data) {
      const s = settings.data;
      setForm({
        legalName: s.legalName,
        dealerType: s.dealerType,
        taxId: s.taxId,
        address: s.address ?? '',
        phone: s.phone ?? '',
        email: s.email ?? '',
        bankDetails: s.bankDetails ?? '',
      });
      setVatRates(s.vatRates.map((r) => ({ effectiveFrom: r.effectiveFrom ?? '', ratePercent: String(r.ratePercent ?? '') })));
    }
  }, [settings.data]);
  const save = useMutation({
    mutationFn: () =>
      saveSettings({
        ...form,
        vatRates: vatRates.map((r) => ({ effectiveFrom: r.effectiveFrom, ratePercent: Number(r.ratePercent) })),
        startingNumbers: settings.data?.startingNumbers,
      }),
    onSuccess: (saved) => queryClient.setQueryData(invoiceKeys.settings, saved),
  });
  const errors = save.error instanceof ApiError ? (save.error.errors ?? {}) : {};
  // The server names each rate's problem (vatRates[1].ratePercent…); the editor shows them together.
  const vatRateErrors = Object.entries(errors).filter(([key]) => key.startsWith('vatRates')).flatMap(([, messages]) => messages);

  if (settings.isPending) return <LoadingState message="טוען הגדרות…" />;
  if (settings.isError) return <ErrorState title="לא ניתן לטעון את ההגדרות" onRetry={() => void settings.refetch()} />;

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }
  const field = (name: keyof typeof form, label: string) => (
    <label className="field">
      {label}
      <input value={form[name]} onChange={(e) => setForm({ ...form, [name]: e.target.value })} aria-invalid={errors[name] ? true : undefined} />
      {errors[name] && <span className="field__error">{errors[name].join(' ')}</span>}
    </label>
  );

  return (
    <section className="page" aria-labelledby="invoice-settings-title">
      <h1 id="invoice-settings-title">הגדרות חשבוניות</h1>
      <form className="card invoices-form" onSubmit={submit} noValidate>
        {field('legalName', 'שם העסק הרשום')}
        <label className="field">
          סוג עוסק
          <select value={form.dealerType} onChange={(e) => setForm({ ...form, dealerType: e.target.value })}>
            {DEALER_TYPES.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
        {field('taxId', 'מספר עוסק / ח.פ.')}
        {field('address', 'כתובת')}
        {field('phone', 'טלפון')}
        {field('email', 'אימייל')}
        {field('bankDetails', 'פרטי בנק להעברה')}
        <p className="muted">שיעור המע״מ הנוכחי: {settings.data.currentVatPercent ?? '—'}%</p>
        <VatRatesEditor rows={vatRates} onChange={setVatRates} error={vatRateErrors.length > 0 ? vatRateErrors : undefined} />
        {save.isSuccess && <p role="status">ההגדרות נשמרו</p>}
        {save.error instanceof ApiError && !save.error.errors && <p className="form-error">{save.error.title}</p>}
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          שמירה
        </button>
      </form>
      {settings.data.configured && (
        <div className="card">
          <LogoUpload logoUrl={settings.data.logoUrl} />
        </div>
      )}
      <TaxAuthorityCard />
    </section>
  );
}
