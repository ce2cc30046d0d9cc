// Whether the trained model has been saved (as a file or a link with its weights) since it last trained:
// leaving or reloading the page with an unsaved trained model asks first.
import { useAppStore } from './app-store';

/** The step the model was at when last saved, or null when it never was. */
let savedAtStep: number | null = null;

/** Records that the model as it is now was saved. */
export function markModelSaved(): void {
  savedAtStep = useAppStore.getState().training.position?.step ?? 0;
}

/** True when the model has trained here and those steps would be lost with the page. */
function hasUnsavedTraining(): boolean {
  const step = useAppStore.getState().training.position?.step ?? 0;
  return step > 0 && savedAtStep !== step;
}

/** Asks the browser to confirm leaving while hasUnsavedTraining(); returns the function that stops asking. */
export function guardUnsavedTraining(): () => void {
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (!hasUnsavedTraining()) return;
    event.preventDefault();
    event.returnValue = ''; // older Chromium needs it set to show the prompt
  };
  window.addEventListener('beforeunload', onBeforeUnload);
  return () => window.removeEventListener('beforeunload', onBeforeUnload);
}
