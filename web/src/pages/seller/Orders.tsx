import { Page, Empty } from '../../ui/kit';

// Placeholder: this page is being built (issue 9).
export default function Orders() {
  return <Page title="Orders"><Empty>Coming soon.</Empty></Page>;
}
