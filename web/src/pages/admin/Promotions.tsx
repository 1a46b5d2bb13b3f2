import { useState } from 'react';
import { Button, Page } from '../../ui/kit';
import { PagedList } from '../../ui/paging';
import { CartTester } from './parts/CartTester';
import { Done, Section } from './parts/common';
import { usePromotions } from './parts/lists';
import { PromotionForm } from './parts/PromotionForm';
import { PromotionCard } from './parts/PromotionList';

/** Promotions: the list with their uses and switches, a form for new ones, and a cart tester. */
export default function Promotions() {
  const [creating, setCreating] = useState(false);
  const [done, setDone] = useState('');
  const promotions = usePromotions();
  return (
    <Page title="Promotions">
      <Done>{done}</Done>
      <Section title="All promotions" actions={
        <Button variant={creating ? 'secondary' : 'primary'} aria-expanded={creating} onClick={() => setCreating(!creating)}>{creating ? 'Close the form' : 'New promotion'}</Button>
      }>
        {creating && <PromotionForm onCreated={(name) => { setDone(`Promotion “${name}” created.`); setCreating(false); }} />}
        <PagedList paged={promotions} pending="Loading promotions" empty="No promotions yet. Create one with “New promotion”." more="More promotions">
          {(items) => items.map((p) => <PromotionCard key={p.id} p={p} />)}
        </PagedList>
      </Section>
      <Section title="Cart tester">
        <p className="mb-3 text-sm text-slate-600">Build a cart and price it as checkout would: the promotions that apply, each line’s adjustments, and why the others did not.</p>
        <CartTester promotions={promotions.items} />
      </Section>
    </Page>
  );
}
