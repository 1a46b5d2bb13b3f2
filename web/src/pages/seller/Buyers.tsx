import { Page, Empty } from '../../ui/kit';

// Placeholder: this page is being built (issue 9).
export default function Buyers() {
  return <Page title="Buyers"><Empty>Coming soon.</Empty></Page>;
}
