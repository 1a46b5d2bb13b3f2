import { useState } from 'react';
import { Button, Empty, ErrorNote, Loading, Page } from '../../ui/kit';
import { PagedList } from '../../ui/paging';
import { CampaignCard } from './parts/CampaignCard';
import { CampaignForm } from './parts/CampaignForm';
import { Done, Section } from './parts/common';
import { useCampaigns, useWheels } from './parts/lists';
import { WheelCard } from './parts/WheelCard';
import { WheelForm } from './parts/WheelForm';

/** Coupon campaigns and prize wheels: live stock and state, and forms to create both. */
export default function Coupons() {
  const [newCampaign, setNewCampaign] = useState(false);
  const [newWheel, setNewWheel] = useState(false);
  const [done, setDone] = useState('');
  const campaigns = useCampaigns();
  const wheels = useWheels();

  return (
    <Page title="Coupons & wheels">
      <Done>{done}</Done>
      <Section title="Campaigns" actions={
        <Button variant={newCampaign ? 'secondary' : 'primary'} aria-expanded={newCampaign} onClick={() => setNewCampaign(!newCampaign)}>
          {newCampaign ? 'Close the form' : 'New campaign'}
        </Button>
      }>
        {newCampaign && <CampaignForm onCreated={(name) => { setDone(`Campaign “${name}” created.`); setNewCampaign(false); }} />}
        <PagedList paged={campaigns} pending="Loading campaigns" empty="No campaigns yet. Create one with “New campaign”." more="More campaigns">
          {(items) => items.map((c) => <CampaignCard key={c.id} campaign={c} />)}
        </PagedList>
      </Section>

      <Section title="Prize wheels" actions={
        <Button variant={newWheel ? 'secondary' : 'primary'} aria-expanded={newWheel} onClick={() => setNewWheel(!newWheel)}>
          {newWheel ? 'Close the form' : 'New wheel'}
        </Button>
      }>
        {newWheel && <WheelForm campaigns={campaigns.items} onCreated={(name) => { setDone(`Wheel “${name}” created.`); setNewWheel(false); }} />}
        {wheels.isPending ? <Loading what="Loading wheels" /> : wheels.error || !wheels.data ? <ErrorNote error={wheels.error} onRetry={() => void wheels.refetch()} />
          : wheels.data.items.length === 0 ? <Empty>No wheels yet. Create one with “New wheel”.</Empty>
          : wheels.data.items.map((w) => <WheelCard key={w.id} wheel={w} />)}
      </Section>
    </Page>
  );
}
