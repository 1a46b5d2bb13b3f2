import { Page, Empty } from '../../ui/kit';

// Placeholder: this page is being built (issue 9).
export default function Listing() {
  return <Page title="Listing"><Empty>Coming soon.</Empty></Page>;
}
