import { useState } from 'react';
import { Badge, Button, Page } from '../../ui/kit';
import { formatMoney } from '../../ui/money';
import { PagedList } from '../../ui/paging';
import { Table, td } from '../../ui/Table';
import { Choice, Section } from './parts/common';
import { Entries, LedgerVerification } from './parts/LedgerParts';
import { useAccounts, type Account } from './parts/lists';

/** The coin ledger: every account with its balances, an account's entries, and the invariant check. */
export default function Ledger() {
  const [owner, setOwner] = useState<'' | 'system' | 'member'>('');
  const [selected, setSelected] = useState<Account | null>(null);
  const accounts = useAccounts(owner);
  return (
    <Page title="Ledger">
      <Section title="Verification">
        <p className="mb-2 text-sm text-slate-600">Recomputes every balance and rule of the ledger from its entries.</p>
        <LedgerVerification />
      </Section>
      <Section title="Accounts">
        <div className="max-w-xs">
          <Choice label="Owner" value={owner} onChange={(v) => { setOwner(v as typeof owner); setSelected(null); }} options={[['', 'All accounts'], ['system', 'System accounts'], ['member', 'Member wallets']]} />
        </div>
        <PagedList paged={accounts} pending="Loading accounts" empty="No accounts." more="More accounts">
          {(items) => (
            <Table caption="Accounts" minWidth="min-w-[760px]" head={['Account', 'Asset', 'Posted', 'Pending', 'Available', 'Rules', <span className="sr-only">Entries</span>]}>
              {items.map((a) => {
                const money = (n: number) => formatMoney(n, a.asset);
                return (
                  <tr key={a.id} className={selected?.id === a.id ? 'bg-indigo-50' : undefined}>
                    <th scope="row" className={`${td} break-all text-left font-mono text-xs font-normal`}>{a.id}<br /><span className="font-sans text-slate-600">{a.ownerKind}</span></th>
                    <td className={td}>{a.asset}</td>
                    <td className={`${td} whitespace-nowrap tabular-nums`}>{money(a.balance.posted)}</td>
                    <td className={`${td} whitespace-nowrap tabular-nums`}>{money(a.balance.pending)}</td>
                    <td className={`${td} whitespace-nowrap tabular-nums font-medium`}>{money(a.balance.available)}</td>
                    <td className={td}>
                      {a.flags.debitsMustNotExceedCredits && <Badge>no overdraft</Badge>}
                      {a.flags.creditsMustNotExceedDebits && <Badge>no surplus</Badge>}
                      {a.overdraftLimit > 0 && <Badge>overdraft {money(a.overdraftLimit)}</Badge>}
                    </td>
                    <td className={td}>
                      <Button variant="secondary" aria-pressed={selected?.id === a.id} onClick={() => setSelected(a)}>Entries<span className="sr-only"> of {a.id}</span></Button>
                    </td>
                  </tr>
                );
              })}
            </Table>
          )}
        </PagedList>
        {selected && <Entries key={selected.id} account={selected} onClose={() => setSelected(null)} />}
      </Section>
    </Page>
  );
}
