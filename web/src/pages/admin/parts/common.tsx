import { useId, type ReactNode } from 'react';
import { ApiError } from '../../../api/client';
import { ErrorNote } from '../../../ui/kit';

/** Small building blocks shared by the admin pages. */

export const CURRENCIES = ['COIN', 'TRY', 'EUR', 'USD'] as const;

export const newId = () => crypto.randomUUID();

/** "a, b ,c" to ["a", "b", "c"]. */
export function splitList(text: string): string[] {
  return [...new Set(text.split(/[,\n]/).map((s) => s.trim()).filter(Boolean))];
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/** "1 member", "3 members". */
export const plural = (n: number, one: string, many = `${one}s`) => `${formatNumber(n)} ${n === 1 ? one : many}`;

export function formatNumber(n: number): string {
  return new Intl.NumberFormat('en').format(n);
}

/** A Date as the value of a datetime-local input (local time, minutes). */
export function toLocalInput(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value to an ISO timestamp (null when empty or invalid). */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

export const inDays = (days: number) => toLocalInput(new Date(Date.now() + days * 86_400_000));

/** An error with the fields the service named, so a form says what to fix. */
export function FormError({ error }: { error: unknown }) {
  if (!error) return null;
  const details = error instanceof ApiError && Array.isArray(error.details) ? (error.details as { field?: string; message?: string }[]) : [];
  return (
    <div>
      <ErrorNote error={error} />
      {details.length > 0 && (
        <ul className="-mt-2 mb-3 list-disc pl-6 text-sm text-red-800">
          {details.slice(0, 8).map((d, i) => <li key={i}>{d.field ? `${d.field.replace(/^body\./, '')}: ` : ''}{d.message}</li>)}
        </ul>
      )}
    </div>
  );
}

export function Section({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <section className="mb-8">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-xl font-semibold">{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** A table that scrolls sideways on a narrow screen instead of squeezing. */
export function Table({ caption, head, children }: { caption?: string; head: ReactNode[]; children: ReactNode }) {
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-left text-sm">
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead className="bg-slate-50 text-slate-700">
          <tr>{head.map((h, i) => <th key={i} scope="col" className="whitespace-nowrap px-3 py-2 font-semibold">{h}</th>)}</tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

export const td = 'px-3 py-2 align-top';

export function Textarea({ label, hint, ...props }: React.TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; hint?: string }) {
  const auto = useId();
  const id = props.id ?? auto;
  return (
    <div className="mb-3">
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">{label}</label>
      <textarea id={id} rows={2} {...props} className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200" />
      {hint && <p className="mt-1 text-xs text-slate-600">{hint}</p>}
    </div>
  );
}

export function Check({ label, checked, onChange }: { label: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <label className="mb-3 flex min-h-10 items-center gap-2 text-sm font-medium text-slate-700">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} className="h-4 w-4 accent-indigo-600" />
      {label}
    </label>
  );
}

/** A labelled input whose id is unique on the page (kit's Field derives its id from the label, which repeats in lists). */
export function Input({ label, hint, className = '', ...props }: React.InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: string }) {
  const auto = useId();
  const id = props.id ?? auto;
  return (
    <div className={`mb-3 ${className}`}>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">{label}</label>
      <input id={id} {...props} className="min-h-10 w-full rounded-md border border-slate-300 bg-white px-3 py-2 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200" />
      {hint && <p className="mt-1 text-xs text-slate-600">{hint}</p>}
    </div>
  );
}

export function Choice({ label, value, onChange, options, className = '' }: { label: string; value: string; onChange: (v: string) => void; options: readonly (string | [string, string])[]; className?: string }) {
  const id = useId();
  return (
    <div className={`mb-3 ${className}`}>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} className="min-h-10 w-full rounded-md border border-slate-300 bg-white px-3 py-2">
        {options.map((o) => {
          const [v, text] = typeof o === 'string' ? [o, o] : o;
          return <option key={v} value={v}>{text}</option>;
        })}
      </select>
    </div>
  );
}

/** A success line that screen readers announce. */
export function Done({ children }: { children: ReactNode }) {
  if (!children) return null;
  return <p role="status" className="my-2 rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-800">{children}</p>;
}
