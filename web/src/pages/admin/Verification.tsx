import { Page, Empty } from '../../ui/kit';

// Placeholder: this page is being built (issue 9).
export default function Verification() {
  return <Page title="Verification"><Empty>Coming soon.</Empty></Page>;
}
