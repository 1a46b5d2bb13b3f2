import { Page, Empty } from '../../ui/kit';

// Placeholder: this page is being built (issue 9).
export default function Auction() {
  return <Page title="Auction"><Empty>Coming soon.</Empty></Page>;
}
