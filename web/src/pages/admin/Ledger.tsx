import { Page, Empty } from '../../ui/kit';

// Placeholder: this page is being built (issue 9).
export default function Ledger() {
  return <Page title="Ledger"><Empty>Coming soon.</Empty></Page>;
}
