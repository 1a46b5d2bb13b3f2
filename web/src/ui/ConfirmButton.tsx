import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Button } from './kit';

/**
 * Props for a button whose action is in flight (or not possible for a moment): it keeps keyboard
 * focus (aria-disabled, not disabled, which would drop focus to the page) and looks unavailable.
 * Its click handler must do nothing meanwhile (check the same flag, or an in-flight ref).
 * `className`: the button's own classes, kept.
 */
export function busyProps(busy: boolean | undefined, className = '') {
  return { 'aria-disabled': busy ? (true as const) : undefined, className: `${className} ${busy ? 'cursor-not-allowed opacity-60' : ''}`.trim() };
}

/**
 * A button for a step that cannot be undone: the first press asks, a second button confirms.
 * `label` is the action ("Withdraw"), `confirm` the confirming button ("Yes, withdraw"); `whatId`,
 * the id of an element that names the thing (a row's title), completes the buttons' accessible
 * names ("Withdraw Oak chair") without repeating its text on the page.
 *
 * Focus: asking moves it to the confirming button; "Keep", Escape and confirming bring it back to
 * the first button. When confirming makes the button go away (the row's state changed), the caller
 * moves focus (to the list's heading or its status message).
 *
 * `busy`: the action is in flight; the buttons stay focusable but do nothing (aria-disabled).
 * `disabled`: the action is not possible now.
 */
export function ConfirmButton({ label, confirm, whatId, question, onConfirm, disabled, busy, keep = 'Keep', variant = 'secondary' }: {
  label: string;
  confirm: string;
  whatId?: string;
  question: ReactNode;
  onConfirm: () => void;
  disabled?: boolean;
  busy?: boolean;
  keep?: string;
  variant?: 'primary' | 'secondary' | 'danger';
}) {
  const [asking, setAsking] = useState(false);
  const refocus = useRef(false);
  const id = useId();
  const askId = `${id}-ask`;
  const named = (own: string) => (whatId ? { 'aria-labelledby': `${own} ${whatId}` } : {});

  useEffect(() => {
    if (asking || !refocus.current) return;
    refocus.current = false;
    document.getElementById(askId)?.focus();
  });

  const back = () => {
    refocus.current = true;
    setAsking(false);
  };

  if (!asking) {
    return (
      <Button id={askId} variant={variant} disabled={disabled} {...busyProps(busy)} {...named(askId)}
        onClick={() => !busy && setAsking(true)}>
        {label}
      </Button>
    );
  }
  return (
    <span role="group" aria-label={label} className="flex flex-wrap items-center gap-2"
      onKeyDown={(e) => { if (e.key === 'Escape') back(); }}>
      <span className="text-sm text-slate-700">{question}</span>
      <Button id={`${id}-yes`} variant="danger" disabled={disabled} autoFocus {...busyProps(busy)} {...named(`${id}-yes`)}
        onClick={() => { if (busy) return; back(); onConfirm(); }}>
        {confirm}
      </Button>
      <Button variant="secondary" onClick={back}>{keep}</Button>
    </span>
  );
}
