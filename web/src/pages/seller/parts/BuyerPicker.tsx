import { useState, type FormEvent } from 'react';
import { api, ApiError, must } from '../../../api/client';
import { Button, ErrorNote } from '../../../ui/kit';

export interface BuyerRef {
  id: string;
  displayName: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A buyer by exact email (GET /v1/buyers?email=) or by member id. */
export async function findBuyer(text: string): Promise<BuyerRef> {
  const value = text.trim();
  if (UUID.test(value)) {
    try {
      const m = await must(api.GET('/v1/members/{id}', { params: { path: { id: value } } }));
      if (!m.roles.includes('buyer')) throw new ApiError('NOT_A_BUYER', 'That member is not a buyer.', 422);
      return { id: m.id, displayName: m.displayName };
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) throw new ApiError(err.code, 'No approved buyer has this member id.', 404);
      throw err;
    }
  }
  if (!value.includes('@')) throw new ApiError('VALIDATION_FAILED', 'Enter the buyer\'s email address.', 400);
  try {
    return await must(api.GET('/v1/buyers', { params: { query: { email: value } } }));
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) throw new ApiError(err.code, `No approved buyer has the email ${value}.`, 404);
    throw err;
  }
}

/**
 * An email (or id) box and a button that resolves it to a buyer and hands it on. The label and the
 * button's name are the caller's, so each use reads right ("Add buyer", "Block buyer").
 */
export function BuyerPicker({ label = 'Buyer email', action, onPick, busy, idPrefix }: {
  label?: string;
  action: string;
  onPick: (buyer: BuyerRef) => Promise<unknown> | void;
  busy?: boolean;
  idPrefix: string;
}) {
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [working, setWorking] = useState(false);
  const id = `${idPrefix}-buyer`;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim() || working || busy) return;
    setWorking(true);
    setError(null);
    try {
      await onPick(await findBuyer(text));
      setText('');
    } catch (err) {
      setError(err);
    } finally {
      setWorking(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="mt-2">
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">{label}</label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input id={id} type="text" inputMode="email" autoComplete="off" value={text} onChange={(e) => setText(e.target.value)} aria-describedby={`${id}-hint`}
          placeholder="buyer@example.com"
          className="min-h-10 w-full rounded-md border border-slate-300 bg-white px-3 py-2 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200 sm:max-w-sm" />
        {/* Never disabled: the button keeps the focus while it works and after the box is cleared; an empty box does nothing. */}
        <Button type="submit" variant="secondary" className={`shrink-0 whitespace-nowrap ${working || busy ? 'cursor-not-allowed opacity-60' : ''}`}
          aria-disabled={working || busy || !text.trim() || undefined}>
          {action}
        </Button>
      </div>
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">The buyer's exact email address, or their member id.</p>
      <ErrorNote error={error} />
    </form>
  );
}
