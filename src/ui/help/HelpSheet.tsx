// The help sheet: a modal dialog with the keyboard shortcuts and what each setting does; opened by the header's Help or ?.
import { useEffect, useRef } from 'react';
import { closeHelp, openHelp, useHelpStore } from './help-store';
import { BUILDER_KEYS, FIELD_KEYS, PAGE_SHORTCUTS, SHORTCUT_NOTE, type KeyHelp } from './shortcuts';
import { SettingsHelp } from './SettingsHelp';
import './help.css';

/** Typing "?" in a field types it; anywhere else it opens the sheet. */
const TYPING = 'input, textarea, select, [contenteditable]';

function useHelpKey(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '?' || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.target instanceof Element && event.target.closest(TYPING)) return;
      event.preventDefault();
      openHelp();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

function KeyTable({ caption, keys }: { caption: string; keys: readonly KeyHelp[] }) {
  return (
    <table className="help-keys">
      <caption>{caption}</caption>
      <tbody>
        {keys.map(({ keys: key, does }) => (
          <tr key={key + does}>
            <th scope="row">
              <kbd>{key}</kbd>
            </th>
            <td>{does}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function HelpSheet() {
  const open = useHelpStore((state) => state.open);
  const dialog = useRef<HTMLDialogElement>(null);
  useHelpKey();
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog ref={dialog} className="help-sheet" aria-labelledby="help-heading" onClose={closeHelp}>
      <div className="help-head">
        <h2 id="help-heading">Help</h2>
        <button type="button" className="header-button" onClick={closeHelp} autoFocus>
          Close
        </button>
      </div>
      <p className="muted">{SHORTCUT_NOTE}</p>
      <div className="help-columns">
        <div>
          <KeyTable caption="Shortcuts" keys={PAGE_SHORTCUTS} />
          <KeyTable caption="Number fields" keys={FIELD_KEYS} />
          <KeyTable caption="Network builder, by keyboard" keys={BUILDER_KEYS} />
        </div>
        <SettingsHelp />
      </div>
    </dialog>
  );
}
