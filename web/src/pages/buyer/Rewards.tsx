import { Page, Empty } from '../../ui/kit';

// Placeholder: this page is being built (issue 9).
export default function Rewards() {
  return <Page title="Rewards"><Empty>Coming soon.</Empty></Page>;
}
