// Messages under the status line: what was opened from a link or file, and problems that did not stop the app.
import { useAppStore } from '../store/app-store';
import { describeTrained, formatFraction } from './format';

function OpenedNotice() {
  const opened = useAppStore((state) => state.opened);
  const tested = useAppStore((state) => (state.model?.imported ? state.evaluations.at(0) : undefined));
  if (!opened || opened.dismissed) return null;
  const from = opened.source === 'link' ? 'a shared link' : opened.source === 'run' ? `the kept ${opened.name ?? 'run'}` : `the file ${opened.name ?? ''}`;
  // The address itself is such a link (it follows the edits), so a reload lands here too.
  const text =
    opened.source === 'link' && !opened.trained
      ? 'Opened the experiment in the address: its network and settings. A model’s weights come only with a link that carries them, or a model file.'
      : `Opened from ${from}: ${opened.trained ? describeTrained(opened.trained) : 'an untrained experiment'}.`;
  return (
    <div className="notice" role="status" data-testid="opened-notice">
      <p>
        {text}
        {tested && ` Tested here: ${formatFraction(tested.accuracy)} test accuracy.`}
      </p>
      <button type="button" onClick={() => useAppStore.setState({ opened: { ...opened, dismissed: true } })}>
        Dismiss
      </button>
    </div>
  );
}

function ErrorList() {
  const errors = useAppStore((state) => state.errors);
  const dismissError = useAppStore((state) => state.dismissError);
  return errors.map((error, index) => (
    <div className="notice problem-notice" role="alert" key={`${index}-${error}`}>
      <p>{error}</p>
      <button type="button" onClick={() => dismissError(index)}>
        Dismiss
      </button>
    </div>
  ));
}

export function Notices() {
  return (
    <div className="notices">
      <OpenedNotice />
      <ErrorList />
    </div>
  );
}
