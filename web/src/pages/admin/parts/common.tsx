import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode, type Ref } from 'react';
import { ApiError } from '../../../api/client';
import { toLocalInput } from '../../../ui/format';
import { ErrorNote } from '../../../ui/kit';
import { currencyDigits } from '../../../ui/money';

/** Small building blocks shared by the admin pages. */

/**
 * A "new ..." form's request: the check that builds the body (it throws the sentence to show), the
 * POST, then the admin list under `listKey` refreshed and `onCreated` told.
 */
export function useCreateForm<B, R>(send: (body: B) => Promise<R>, listKey: string, onCreated: (created: R) => void) {
  const client = useQueryClient();
  const [problem, setProblem] = useState('');
  const create = useMutation({
    mutationFn: send,
    onSuccess: async (created: R) => {
      onCreated(created);
      await client.invalidateQueries({ queryKey: ['admin', listKey] });
    },
  });
  const submitWith = (build: () => B) => (e: FormEvent) => {
    e.preventDefault();
    if (create.isPending) return;
    try {
      const body = build();
      setProblem('');
      create.mutate(body);
    } catch (err) {
      setProblem((err as Error).message);
    }
  };
  return { create, problem, submitWith };
}

/** "a, b ,c" to ["a", "b", "c"]. */
export function splitList(text: string): string[] {
  return [...new Set(text.split(/[,\n]/).map((s) => s.trim()).filter(Boolean))];
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

/**
 * A labelled input whose id is unique on the page (ids derived from the label would repeat in
 * lists). `hint` and `error` are its description; an error also marks it invalid.
 */
export function Input({ label, hint, error, className = '', ...props }: React.InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: string; error?: string }) {
  const auto = useId();
  const id = props.id ?? auto;
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`mb-3 ${className}`}>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">{label}</label>
      <input id={id} aria-describedby={described} aria-invalid={error ? true : undefined} {...props}
        className={`min-h-10 w-full rounded-md border bg-white px-3 py-2 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200 ${error ? 'border-red-500' : 'border-slate-300'}`} />
      {hint && <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">{hint}</p>}
      {error && <p id={`${id}-error`} className="mt-1 text-sm text-red-700">{error}</p>}
    </div>
  );
}

/** What to say when an amount field does not hold an amount of `currency` (parseMoney gave null). */
export function amountError(currency: string): string {
  const digits = currencyDigits(currency);
  if (digits === 0) return currency === 'COIN' ? 'Enter a whole number of coins, such as 250 (no separators).' : `Enter a whole amount of ${currency}, such as 250 (no separators).`;
  return `Enter an amount of ${currency} such as 12.50: at most ${digits} decimals, no thousands separators.`;
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

/**
 * A success line that screen readers announce. It can take the focus (`ref`, tabIndex -1) for when
 * the control that was used has gone (a form that closed, a row that left its list); it also takes
 * it by itself when it appears and the focus has fallen to the page's body.
 */
export function Done({ children, ref }: { children: ReactNode; ref?: Ref<HTMLParagraphElement> }) {
  const own = useRef<HTMLParagraphElement | null>(null);
  const attach = (el: HTMLParagraphElement | null) => {
    own.current = el;
    if (typeof ref === 'function') ref(el);
    else if (ref) ref.current = el;
  };
  useEffect(() => {
    if (children && (document.activeElement === document.body || !document.activeElement)) own.current?.focus();
  }, [children]);
  // Always there (empty when there is nothing to say), so screen readers announce what appears in it.
  return (
    <p ref={attach} role="status" tabIndex={-1}
      className={children ? 'my-2 rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-800 focus:outline-none' : ''}>
      {children}
    </p>
  );
}

/** Figures as tiles (a description list): label above, number below. `cols` is the grid from sm up. */
export function Stats({ items, cols = 'sm:grid-cols-4', className = '' }: { items: readonly (readonly [string, ReactNode])[]; cols?: string; className?: string }) {
  return (
    <dl className={`grid grid-cols-2 gap-2 ${cols} ${className}`}>
      {items.map(([label, value]) => (
        <div key={label} className="rounded-md bg-slate-50 px-3 py-2">
          <dt className="text-xs text-slate-600">{label}</dt>
          <dd className="font-semibold tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
