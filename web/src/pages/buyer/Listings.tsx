import { Page, Empty } from '../../ui/kit';

// Placeholder: this page is being built (issue 9).
export default function Listings() {
  return <Page title="Listings"><Empty>Coming soon.</Empty></Page>;
}
