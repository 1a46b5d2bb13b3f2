import { Page, Empty } from '../../ui/kit';

// Placeholder: this page is being built (issue 9).
export default function Coupons() {
  return <Page title="Coupons"><Empty>Coming soon.</Empty></Page>;
}
