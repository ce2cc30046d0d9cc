// Share and save: a link to the experiment (with its weights when small enough), model files in and out, a PyTorch script.
import { ExportScriptButton } from './ExportScriptButton';
import { ModelFileControls } from './ModelFileControls';
import { ShareLinkControls } from './ShareLinkControls';

export function SharePanel() {
  return (
    <section className="panel share-panel" aria-labelledby="share-heading">
      <h2 id="share-heading">Share and save</h2>
      <ShareLinkControls />
      <h3>Model file</h3>
      <ModelFileControls />
      <h3>PyTorch</h3>
      <ExportScriptButton />
    </section>
  );
}
