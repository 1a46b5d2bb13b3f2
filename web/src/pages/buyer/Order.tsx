import { Page, Empty } from '../../ui/kit';

// Placeholder: this page is being built (issue 9).
export default function Order() {
  return <Page title="Order"><Empty>Coming soon.</Empty></Page>;
}
