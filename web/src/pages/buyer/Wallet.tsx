import { useQuery } from '@tanstack/react-query';
import { api, must, type Json } from '../../api/client';
import { Card, Empty, Loaded, Page } from '../../ui/kit';
import { formatMoney } from '../../ui/money';
import { WalletHistory } from './shop/WalletHistory';
import { WalletHolds } from './shop/WalletHolds';

type Account = Json<'/v1/wallet', 'get'>['items'][number];

/** The member's balances per currency (available, posted, held), its open holds and each account's history. */
export default function Wallet() {
  const wallet = useQuery({ queryKey: ['wallet'], queryFn: () => must(api.GET('/v1/wallet')) });
  return (
    <Page title="Wallet">
      <Loaded query={wallet}>
        {(w) => w.items.length === 0 ? (
          <Empty>You have no wallet yet. It opens when your account is approved.</Empty>
        ) : (
          <div className="space-y-8">
            {w.items.map((a) => <AccountSection key={a.id} account={a} />)}
          </div>
        )}
      </Loaded>
    </Page>
  );
}

function AccountSection({ account: a }: { account: Account }) {
  const held = a.totals.debitsPending;
  const incoming = a.totals.creditsPending;
  const money = (n: number) => formatMoney(n, a.asset);
  return (
    <section aria-labelledby={`acc-${a.id}`} className="space-y-3">
      <h2 id={`acc-${a.id}`} className="text-lg font-semibold">{a.asset === 'COIN' ? 'Coins' : a.asset}</h2>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Stat label="Available" value={money(a.balance.available)} hint="What you can spend now" strong />
        <Stat label="Balance" value={money(a.balance.posted)} hint="Posted: settled movements" />
        <Stat label="Held" value={money(held)} hint="Set aside for open orders and leading bids" />
        <Stat label="Incoming" value={money(incoming)} hint="Pending payments to you (sales not yet completed)" />
      </div>
      {held > 0 && (
        <>
          <h3 className="pt-2 font-semibold">Held</h3>
          <WalletHolds currency={a.asset} />
        </>
      )}
      <h3 className="pt-2 font-semibold">History</h3>
      <WalletHistory accountId={a.id} currency={a.asset} />
    </section>
  );
}

function Stat({ label, value, hint, strong }: { label: string; value: string; hint: string; strong?: boolean }) {
  return (
    <Card>
      <p className="text-sm text-slate-600">{label}</p>
      <p className={strong ? 'text-2xl font-semibold text-indigo-800' : 'text-xl font-semibold'}>{value}</p>
      <p className="mt-1 text-xs text-slate-500">{hint}</p>
    </Card>
  );
}
