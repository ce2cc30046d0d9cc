// Messages under the status line: what was opened from a link or file, and problems that did not stop the app.
import { useAppStore } from '../store/app-store';
import { describeTrained, formatFraction } from './format';

function OpenedNotice() {
  const opened = useAppStore((state) => state.opened);
  const tested = useAppStore((state) => (state.model?.imported ? state.evaluations.at(0) : undefined));
  if (!opened || opened.dismissed) return null;
  const from = opened.source === 'link' ? 'a shared link' : `the file ${opened.name ?? ''}`;
  return (
    <div className="notice" role="status" data-testid="opened-notice">
      <p>
        Opened from {from}: {opened.trained ? describeTrained(opened.trained) : 'an untrained experiment'}.
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
