import type { Json } from '../../../api/client';
import { formatMoney } from '../../../ui/money';
import { Table, td } from '../../../ui/Table';
import { Stats } from './common';

export type Evaluation = Json<'/v1/carts/evaluate', 'post'>;

/** One line saying how the cart came out: what a screen reader announces (not the whole tables). */
export function resultSummary(r: Evaluation): string {
  const money = (n: number) => formatMoney(n, r.currency);
  const applied = r.applied.length === 0 ? 'no promotion applies' : `${r.applied.length} ${r.applied.length === 1 ? 'promotion applies' : 'promotions apply'}`;
  return `Priced: total ${money(r.totalMinor)}, discount ${money(r.totalDiscountMinor)}; ${applied}.`;
}

export function CartResult({ result: r, names, lines }: { result: Evaluation; names: Map<string, string>; lines: string[] }) {
  const money = (n: number) => formatMoney(n, r.currency);
  const name = (id: string) => names.get(id) ?? id;
  const lineName = (lineId: string) => lines[Number(lineId) - 1] ?? lineId;
  return (
    <section aria-label="Pricing result" className="mt-4 space-y-4">
      <h3 className="text-lg font-semibold">Result</h3>
      <Stats items={[['Subtotal', money(r.subtotalMinor)], ['Discount', money(r.totalDiscountMinor)], ['Shipping', money(r.shippingMinor)], ['Total', money(r.totalMinor)]]} />

      <div>
        <h4 className="mb-1 font-semibold">Applied</h4>
        {r.applied.length === 0 ? <p className="text-sm text-slate-600">No promotion applies to this cart.</p> : (
          <Table caption="Applied promotions" head={['Promotion', 'Discount', 'Shipping off', 'Cashback', 'Gift', 'Per line']}>
            {r.applied.map((a) => (
              <tr key={a.promotionId}>
                <td className={td}>{name(a.promotionId)}</td>
                <td className={`${td} whitespace-nowrap tabular-nums`}>{money(a.discountMinor)}</td>
                <td className={`${td} whitespace-nowrap tabular-nums`}>{a.shippingOffMinor ? money(a.shippingOffMinor) : '—'}</td>
                <td className={`${td} whitespace-nowrap tabular-nums`}>{a.cashbackCoins ? formatMoney(a.cashbackCoins, 'COIN') : '—'}</td>
                <td className={td}>{a.giftProductId ?? '—'}</td>
                <td className={td}>{a.lines.map((l) => `${lineName(l.lineId)}: −${money(l.discountMinor)}`).join('; ') || '—'}</td>
              </tr>
            ))}
          </Table>
        )}
      </div>

      <div>
        <h4 className="mb-1 font-semibold">Lines</h4>
        <Table caption="Lines after promotions" head={['Line', 'Original', 'Discount', 'Final']}>
          {r.lines.map((l) => (
            <tr key={l.lineId}>
              <td className={td}>{l.lineId}. {lineName(l.lineId)}</td>
              <td className={`${td} whitespace-nowrap tabular-nums`}>{money(l.originalMinor)}</td>
              <td className={`${td} whitespace-nowrap tabular-nums`}>{l.discountMinor ? `−${money(l.discountMinor)}` : '—'}</td>
              <td className={`${td} whitespace-nowrap tabular-nums font-medium`}>{money(l.finalMinor)}</td>
            </tr>
          ))}
        </Table>
      </div>

      {r.nearMisses.length > 0 && (
        <div>
          <h4 className="mb-1 font-semibold">Near misses</h4>
          <ul className="list-disc pl-5 text-sm">
            {r.nearMisses.map((n) => (
              <li key={n.promotionId}>
                {[n.missingMinor !== undefined ? `add ${money(n.missingMinor)} more` : '', n.missingQuantity !== undefined ? `add ${n.missingQuantity} more item${n.missingQuantity === 1 ? '' : 's'}` : ''].filter(Boolean).join(' and ')} for {name(n.promotionId)}
              </li>
            ))}
          </ul>
        </div>
      )}

      {(r.outranked?.length ?? 0) > 0 && (
        <div>
          <h4 className="mb-1 font-semibold">Applied but outranked</h4>
          <p className="text-sm">{r.outranked!.map(name).join(', ')}: a better combination won.</p>
        </div>
      )}

      <div>
        <h4 className="mb-1 font-semibold">Not applied</h4>
        {!r.notApplied?.length ? <p className="text-sm text-slate-600">Every candidate promotion applied.</p> : (
          <ul className="space-y-1 text-sm">
            {r.notApplied.map((n) => (
              <li key={n.promotionId}>
                <strong>{name(n.promotionId)}</strong>
                <ul className="list-disc pl-5 text-slate-700">{n.failures.map((f, i) => <li key={i}>{f.condition.replaceAll('_', ' ')}: {f.message}</li>)}</ul>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
