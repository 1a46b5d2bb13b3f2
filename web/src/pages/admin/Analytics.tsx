import { Page, Empty } from '../../ui/kit';

// Placeholder: this page is being built (issue 9).
export default function Analytics() {
  return <Page title="Analytics"><Empty>Coming soon.</Empty></Page>;
}
