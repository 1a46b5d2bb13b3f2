import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearch } from 'wouter';
import { api, must, type Json } from '../../api/client';
import { MY_COUPONS_KEY } from '../../ui/coupons';
import { Card, Empty, ErrorNote, Loading, Page } from '../../ui/kit';
import { WheelSpinner, type SpinOutcome } from './live/WheelSpinner';
import { YourCoupons } from './live/YourCoupons';

type Wheel = Json<'/v1/wheels/{id}', 'get'>;

const spinOn = (wheelId: string) => async (spinId: string) => {
  const spin = await must(api.POST('/v1/wheels/{id}/spins', { params: { path: { id: wheelId } }, body: { id: spinId } }));
  return { outcome: spin.outcome };
};

/** The prize wheel: the wheels open now (or the one named by ?id=), a spin, and the coupons won. */
export default function WheelPage() {
  const chosen = new URLSearchParams(useSearch()).get('id');
  const client = useQueryClient();
  const [wonCode, setWonCode] = useState<string | null>(null);
  const list = useQuery({ queryKey: ['wheels', 'open'], queryFn: async () => (await must(api.GET('/v1/wheels'))).items });
  const named = useQuery({
    queryKey: ['wheels', chosen],
    queryFn: () => must(api.GET('/v1/wheels/{id}', { params: { path: { id: chosen ?? '' } } })),
    enabled: !!chosen,
  });

  const wheels: Wheel[] = list.data ?? [];
  const wheel: Wheel | undefined = chosen ? named.data : wheels[0];
  const pending = chosen ? named.isPending : list.isPending;
  const error = chosen ? named.error : list.error;

  const settled = (outcome: SpinOutcome) => {
    if (outcome.kind === 'coupon') setWonCode(outcome.code ?? null);
    // The coupon list now holds the prize; a wallet page opened later must read the new balance.
    void client.invalidateQueries({ refetchType: 'none' });
    void client.invalidateQueries({ queryKey: MY_COUPONS_KEY });
  };

  return (
    <Page title="Prize wheel">
      {wheels.length > 1 && (
        <nav aria-label="Wheels" className="mb-4 flex flex-wrap gap-2">
          {wheels.map((w) => {
            const current = w.id === wheel?.id;
            return (
              <Link key={w.id} href={`/wheel?id=${w.id}`} aria-current={current ? 'page' : undefined}
                className={`rounded-full border px-3 py-1 text-sm ${current ? 'border-indigo-600 bg-indigo-50 font-semibold text-indigo-800' : 'border-slate-300 text-slate-700 hover:bg-slate-100'}`}>
                {w.name}
              </Link>
            );
          })}
        </nav>
      )}
      {pending ? <Loading what="Loading the wheel" />
        : error ? <ErrorNote error={error} onRetry={() => void (chosen ? named.refetch() : list.refetch())} />
        : !wheel ? <Empty>No prize wheel is open right now. Come back later.</Empty>
        : (
          <Card>
            <h2 className="mb-1 text-center text-xl font-semibold">{wheel.name}</h2>
            <p className="mb-4 text-center text-sm text-slate-600">Spin to win a coupon, coins, or maybe nothing at all.</p>
            <WheelSpinner key={wheel.id} wheel={wheel} spin={spinOn(wheel.id)} onSettled={settled} />
          </Card>
        )}
      <YourCoupons highlightCode={wonCode} />
    </Page>
  );
}
