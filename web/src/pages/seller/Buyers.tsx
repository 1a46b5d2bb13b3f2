import { Page } from '../../ui/kit';
import { Blocks } from './parts/Blocks';
import { BuyerLists } from './parts/BuyerLists';
import { Section } from './parts/common';

/** Buyer lists (audiences for listings) and blocked buyers. */
export default function Buyers() {
  return (
    <Page title="Buyer lists and blocks">
      <Section title="Buyer lists">
        <p className="mb-3 text-sm text-slate-600">Name groups of buyers, then choose “Buyer lists” under a listing's audience to show it only to them. Changes count from the next request.</p>
        <BuyerLists />
      </Section>
      <Section title="Blocked buyers"><Blocks /></Section>
    </Page>
  );
}
