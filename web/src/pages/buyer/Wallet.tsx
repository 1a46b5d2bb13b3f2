import { Page, Empty } from '../../ui/kit';

// Placeholder: this page is being built (issue 9).
export default function Wallet() {
  return <Page title="Wallet"><Empty>Coming soon.</Empty></Page>;
}
