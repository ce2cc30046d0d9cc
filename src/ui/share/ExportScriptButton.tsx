// "Export as PyTorch script": the edited experiment as one standalone .py file that trains it with python3 or torchrun.
import { useState } from 'react';
import { exportTorchScript } from '../../store/share-actions';
import { downloadFile } from '../download';

export function ExportScriptButton() {
  const [problem, setProblem] = useState<string>();
  const save = () => {
    setProblem(undefined);
    try {
      const { source, fileName } = exportTorchScript();
      downloadFile(source, fileName, 'text/x-python');
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <div className="export-script">
      <div className="controls">
        <button type="button" onClick={save} title="Python 3.9+, PyTorch 1.13+ and numpy: the same network, initial weights, optimizer, schedule and data; runs under torchrun too">
          Export as PyTorch script
        </button>
      </div>
      <p className="muted">Train it further on your own GPUs; the README says how, up to a multi-GPU run with torchrun.</p>
      {problem && (
        <p className="field-problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
