// "Copy link": the experiment, or the trained model with its weights when the link stays short enough, in a URL.
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { MAX_LINK_CHARS } from '../../engine/codecs/share-link';
import { useAppStore } from '../../store/app-store';
import { sendCommand } from '../../store/engine-client';
import { makeShareLink, measureLinkWithWeights, weightsOffer } from '../../store/share-actions';
import { markModelSaved } from '../../store/unsaved-model';
import { describeTrained, formatCount } from '../format';

type LinkState = { state: 'none' } | { state: 'working' } | { state: 'ready'; url: string; copied: boolean } | { state: 'failed'; message: string };

async function copyToClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false; // no permission: the link is in the box to copy by hand
  }
}

export function ShareLinkControls() {
  const [withWeights, setWithWeights] = useState(false);
  const [tooLong, setTooLong] = useState<string>();
  const [link, setLink] = useState<LinkState>({ state: 'none' });
  const offer = useAppStore(useShallow(weightsOffer));
  const weights = withWeights && offer.ok;

  const toggleWeights = async (checked: boolean) => {
    setTooLong(undefined);
    setWithWeights(checked);
    if (!checked) return;
    const { chars, fits } = await measureLinkWithWeights();
    if (fits) return;
    setWithWeights(false);
    const size = Number.isFinite(chars) ? `${formatCount(chars)} characters` : 'far too long';
    setTooLong(`With its weights the link would be ${size}, over the ${formatCount(MAX_LINK_CHARS)} a link may have. Save a model file to share the weights instead.`);
  };

  const copyLink = async () => {
    setLink({ state: 'working' });
    try {
      const url = await makeShareLink(weights);
      if (weights) markModelSaved();
      setLink({ state: 'ready', url, copied: await copyToClipboard(url) });
    } catch (error) {
      setLink({ state: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <div className="share-link">
      <label className="checkbox">
        <input type="checkbox" checked={weights} disabled={!offer.ok} onChange={(event) => void toggleWeights(event.target.checked)} />
        Include the weights {offer.ok ? `(${describeTrained(offer)})` : `— ${offer.reason}`}
      </label>
      {!offer.ok && offer.needs === 'testing' && (
        <button type="button" onClick={() => sendCommand({ type: 'evaluate' })}>
          Test now
        </button>
      )}
      {tooLong && <p className="field-problem">{tooLong}</p>}
      <div className="controls">
        <button type="button" className="primary" onClick={() => void copyLink()} disabled={link.state === 'working'}>
          Copy link
        </button>
      </div>
      {link.state === 'ready' && (
        <label className="field">
          <span className="field-name" role="status">
            {link.copied ? 'Link copied' : 'Link ready: copy it from the box'} · {formatCount(link.url.length)} characters
          </span>
          <input readOnly value={link.url} aria-label="Share link" onFocus={(event) => event.target.select()} />
        </label>
      )}
      {link.state === 'failed' && (
        <p className="field-problem" role="alert">
          {link.message}
        </p>
      )}
    </div>
  );
}
