import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, must } from '../../api/client';
import { useMe } from '../../auth/session';
import { Empty, Loaded, Loading, Page } from '../../ui/kit';
import { GameProgress } from './live/GameProgress';

/** The member's progress in every running game: checkpoints, completed milestones, next resets. */
export default function Rewards() {
  const me = useMe();
  const memberId = me.data?.id;
  const progress = useQuery({
    queryKey: ['progress', memberId],
    queryFn: () => must(api.GET('/v1/members/{id}/progress', { params: { path: { id: memberId ?? '' } } })),
    enabled: !!memberId,
    refetchInterval: 60_000,
  });
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(t);
  }, []);
  // A window that just reset shows its new, empty progress.
  const due = progress.data?.games.flatMap((g) => g.milestones.map((m) => m.nextResetAt)).filter((r): r is string => !!r && new Date(r) <= now) ?? [];
  const dueKey = due.sort()[0] ?? null;
  const refetch = progress.refetch;
  useEffect(() => {
    if (dueKey) void refetch();
  }, [dueKey, refetch]);

  if (!memberId) return <Page title="Rewards"><Loading /></Page>;
  return (
    <Page title="Rewards">
      <p className="mb-4 text-slate-700">Complete goals to earn coins and coupons. Progress updates as you shop and take part.</p>
      <Loaded query={progress}>
        {(p) => p.games.length === 0 ? <Empty>You are not taking part in any game right now. Check back soon.</Empty> : (
          <div className="space-y-4">
            {p.games.map((g) => <GameProgress key={g.gameId} game={g} timeZone={p.timeZone} now={now} />)}
          </div>
        )}
      </Loaded>
    </Page>
  );
}
