import { useId, useState, type ReactNode } from 'react';
import { api, must } from '../../api/client';
import { formatDateTime } from '../../ui/format';
import { Badge, Button, Card, Page } from '../../ui/kit';
import { formatMoney } from '../../ui/money';
import { PagedList, usePaged } from '../../ui/paging';
import { Done, Section } from './parts/common';
import { Completions, GameEdit } from './parts/GameAdmin';
import { GameStats, Milestones, type Game } from './parts/GameDetail';
import { GameForm } from './parts/GameForm';
import { useCampaigns } from './parts/lists';

/** Rewards games: their milestones, stats and budget, edits, completions, and new games. */
export default function Games() {
  const [creating, setCreating] = useState(false);
  const [done, setDone] = useState('');
  const campaigns = useCampaigns();
  const games = usePaged({
    queryKey: ['admin', 'games'],
    page: (cursor) => must(api.GET('/v1/games', { params: { query: { limit: 20, cursor } } })),
  });
  return (
    <Page title="Games">
      <Done>{done}</Done>
      <Section title="All games" actions={
        <Button variant={creating ? 'secondary' : 'primary'} aria-expanded={creating} onClick={() => setCreating(!creating)}>{creating ? 'Close the form' : 'New game'}</Button>
      }>
        {creating && <GameForm campaigns={campaigns.items} onCreated={(name) => { setDone(`Game “${name}” created.`); setCreating(false); }} />}
        <PagedList paged={games} pending="Loading games" empty="No games yet. Create one with “New game”." more="More games">
          {(items) => items.map((g) => <GameCard key={g.id} game={g} />)}
        </PagedList>
      </Section>
    </Page>
  );
}

function GameCard({ game: g }: { game: Game }) {
  const [open, setOpen] = useState(false);
  const headingId = useId();
  const panelId = useId();
  const now = Date.now();
  const phase = now < Date.parse(g.startsAt) ? 'Not started' : now >= Date.parse(g.endsAt) ? 'Ended' : 'Running';
  return (
    <Card className="mb-3">
      <article aria-labelledby={headingId}>
        <div className="flex flex-wrap items-start justify-between gap-2">
          <div>
            <h3 id={headingId} className="text-lg font-semibold">{g.name}</h3>
            <p className="flex flex-wrap gap-1">
              <Badge tone={g.active ? 'green' : 'slate'}>{g.active ? 'Active' : 'Switched off'}</Badge>
              <Badge tone={phase === 'Running' ? 'indigo' : 'slate'}>{phase}</Badge>
              {g.verification && <Badge tone="amber">Verified by callback</Badge>}
            </p>
            <p className="mt-1 text-sm text-slate-600">
              {formatDateTime(g.startsAt)} – {formatDateTime(g.endsAt)} · {g.milestones.length} milestone{g.milestones.length === 1 ? '' : 's'} ·
              {' '}spent {formatMoney(g.spentCoins, 'COIN')} of {formatMoney(g.budgetCoins, 'COIN')}{g.fundingAccountId ? ` from ${g.fundingAccountId}` : ''}
            </p>
          </div>
          <Button variant="secondary" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
            {open ? 'Hide details' : 'Details'}<span className="sr-only"> of {g.name}</span>
          </Button>
        </div>
        {open && (
          <div id={panelId} className="mt-3 space-y-5">
            <Part title="Stats and budget"><GameStats game={g} /></Part>
            <Part title="Milestones"><Milestones game={g} /></Part>
            <Part title="Edit"><GameEdit game={g} /></Part>
            <Part title="Completions"><Completions game={g} /></Part>
          </div>
        )}
      </article>
    </Card>
  );
}

function Part({ title, children }: { title: string; children: ReactNode }) {
  return <section><h4 className="mb-2 border-b border-slate-200 pb-1 font-semibold">{title}</h4>{children}</section>;
}
