import { Page, Empty } from '../../ui/kit';

// Placeholder: this page is being built (issue 9).
export default function Promotions() {
  return <Page title="Promotions"><Empty>Coming soon.</Empty></Page>;
}
