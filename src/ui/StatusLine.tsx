// One line saying which GPU the app runs on, or what is wrong with WebGPU in plain words.
import { useAppStore } from '../store/app-store';

export function StatusLine() {
  const gpu = useAppStore((state) => state.gpu);
  const progress = useAppStore((state) => state.progress);
  switch (gpu.state) {
    case 'connecting':
      return <p className="status-line" role="status">{progress}</p>;
    case 'ready': {
      const { vendor, architecture, description } = gpu.adapter;
      return (
        <p className="status-line ok" role="status" data-testid="adapter">
          GPU: {vendor} · {architecture}
          {description ? ` · ${description}` : ''}
        </p>
      );
    }
    case 'unavailable':
    case 'lost':
      return <p className="status-line problem" role="alert">{gpu.message}</p>;
  }
}
