import { Page, Empty } from '../../ui/kit';

// Placeholder: this page is being built (issue 9).
export default function Cart() {
  return <Page title="Cart"><Empty>Coming soon.</Empty></Page>;
}
