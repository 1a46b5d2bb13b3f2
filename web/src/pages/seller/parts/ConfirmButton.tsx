import { useId, useState, type ReactNode } from 'react';
import { Button } from '../../../ui/kit';

/**
 * A button for a step that cannot be undone: the first press asks, a second button confirms.
 * `label` is the action ("Withdraw"), `confirm` the confirming button ("Yes, withdraw"); `whatId`,
 * the id of an element that names the thing (a row's title), completes the buttons' accessible
 * names ("Withdraw Oak chair") without repeating its text on the page.
 */
export function ConfirmButton({ label, confirm, whatId, question, onConfirm, disabled }: {
  label: string;
  confirm: string;
  whatId?: string;
  question: ReactNode;
  onConfirm: () => void;
  disabled?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  const id = useId();
  const named = (own: string) => (whatId ? { id: own, 'aria-labelledby': `${own} ${whatId}` } : {});
  if (!asking) return <Button variant="secondary" disabled={disabled} onClick={() => setAsking(true)} {...named(`${id}-ask`)}>{label}</Button>;
  return (
    <span role="group" aria-label={label} className="flex flex-wrap items-center gap-2">
      <span className="text-sm text-slate-700">{question}</span>
      <Button variant="danger" disabled={disabled} autoFocus onClick={() => { setAsking(false); onConfirm(); }} {...named(`${id}-yes`)}>{confirm}</Button>
      <Button variant="secondary" onClick={() => setAsking(false)}>Keep</Button>
    </span>
  );
}
