import { Page, Empty } from '../../ui/kit';

// Placeholder: this page is being built (issue 9).
export default function Auctions() {
  return <Page title="Auctions"><Empty>Coming soon.</Empty></Page>;
}
