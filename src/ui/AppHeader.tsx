// The header bar: the app's name, which GPU it runs on (or what is wrong with WebGPU), help and the theme.
import { openHelp } from './help/help-store';
import { StatusLine } from './StatusLine';
import { ThemeToggle } from './ThemeToggle';

export function AppHeader() {
  return (
    <header className="app-header">
      <div className="app-title">
        <img src="icon.svg" alt="" width={28} height={28} />
        <h1>Backprop Studio</h1>
        <p className="tagline">Train a neural network on MNIST with your own GPU, right in the browser.</p>
      </div>
      <StatusLine />
      <div className="header-actions">
        <button type="button" className="header-button" onClick={openHelp} aria-keyshortcuts="?" title="Shortcuts and what each setting does (?)">
          <span aria-hidden="true">?</span> Help
        </button>
        <ThemeToggle />
      </div>
    </header>
  );
}
