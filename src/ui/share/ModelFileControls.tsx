// Save the model as a .safetensors file (PyTorch names and layout), or open one from the picker or a drop on the page.
import { useEffect, useRef, useState } from 'react';
import { useAppStore } from '../../store/app-store';
import { exportModelFile, importModelFile } from '../../store/share-actions';
import { markModelSaved } from '../../store/unsaved-model';
import { downloadFile } from '../download';

/** True while files are dragged over the page; a drop of one opens it as a model. */
function usePageFileDrop(): boolean {
  const [over, setOver] = useState(false);
  useEffect(() => {
    const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
    const onOver = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      setOver(true);
    };
    const onLeave = (event: DragEvent) => {
      if (event.relatedTarget === null) setOver(false);
    };
    const onDrop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      setOver(false);
      const file = event.dataTransfer?.files[0];
      if (file) void importModelFile(file);
    };
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, []);
  return over;
}

export function ModelFileControls() {
  const hasModel = useAppStore((state) => state.model !== null);
  const [problem, setProblem] = useState<string>();
  const input = useRef<HTMLInputElement>(null);
  const dropping = usePageFileDrop();
  const save = async () => {
    setProblem(undefined);
    try {
      const { bytes, fileName } = await exportModelFile();
      downloadFile(bytes as Uint8Array<ArrayBuffer>, fileName, 'application/octet-stream');
      markModelSaved();
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <div className="model-files">
      <div className="controls">
        <button type="button" onClick={() => void save()} disabled={!hasModel} title="Float32 weights named as in PyTorch nn.Sequential; the README shows how to load them">
          Save model file
        </button>
        <button type="button" onClick={() => input.current?.click()}>
          Open model file…
        </button>
        <input
          ref={input}
          type="file"
          accept=".safetensors"
          hidden
          aria-label="Model file to open"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void importModelFile(file);
          }}
        />
      </div>
      <p className="muted">Or drop a .safetensors file anywhere on the page.</p>
      {problem && (
        <p className="field-problem" role="alert">
          {problem}
        </p>
      )}
      {dropping && (
        <div className="drop-overlay" aria-hidden="true">
          Drop the .safetensors file to open it
        </div>
      )}
    </div>
  );
}
