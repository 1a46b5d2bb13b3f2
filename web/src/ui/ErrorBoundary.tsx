import { Component, type ReactNode } from 'react';

/**
 * A page that fails to render (or whose code cannot load: after a redeploy an open tab asks for
 * chunks that are gone) shows a way out instead of a blank app. A failed chunk load reloads the
 * page once, which fetches the new build.
 */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override componentDidCatch(error: unknown) {
    const chunk = error instanceof Error && /dynamically imported module|Failed to fetch|Importing a module script failed/i.test(error.message);
    if (chunk && !sessionStorage.getItem('trove.reloaded')) {
      sessionStorage.setItem('trove.reloaded', '1');
      location.reload();
    }
  }

  override componentDidUpdate(previous: { resetKey: string }) {
    // Moving to another page gives it a fresh start.
    if (previous.resetKey !== this.props.resetKey && this.state.failed) this.setState({ failed: false });
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <section role="alert" className="mx-auto max-w-5xl px-4 py-6">
        <h1 className="text-2xl font-semibold">This page could not be shown</h1>
        <p className="mt-2">Something went wrong while showing it. Reloading usually helps.</p>
        <button type="button" onClick={() => location.reload()} className="mt-4 rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700">Reload</button>
      </section>
    );
  }
}
