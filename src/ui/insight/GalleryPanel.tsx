// The test images of the open confusion cell (or the most confident mistakes), most confident first, a page at a time; each can be inspected.
import { useEffect } from 'react';
import { PIXELS_PER_IMAGE } from '../../engine/data/mnist';
import type { GalleryImage, GalleryPage, GalleryQuery } from '../../engine/insight/types';
import { useAppStore } from '../../store/app-store';
import { requestGallery } from '../../store/engine-client';
import { greyToUnit, inspectDigit, openGallery, turnGalleryPage, useInsightStore, type InsightState } from '../../store/insight-store';
import { DigitCanvas } from '../DigitGrid';
import { formatCount, formatFraction } from '../format';
import { useLatestRequest } from '../useLatestRequest';
import { BriefProblem } from './BriefProblem';
import { pageCount, pageRangeText } from './paging';

type OpenGallery = NonNullable<InsightState['gallery']>;

const fetchPage = ({ query, page }: OpenGallery): Promise<GalleryPage> => requestGallery(query, page);

/** "True 4, predicted 9", "4, predicted correctly", "Most confident mistakes". */
function galleryTitle(query: GalleryQuery): string {
  if (query.kind === 'mistakes') return 'Most confident mistakes';
  return query.trueClass === query.predictedClass ? `${query.trueClass}, predicted correctly` : `True ${query.trueClass}, predicted ${query.predictedClass}`;
}

function GalleryItem({ image, pixels }: { image: GalleryImage; pixels: Uint8Array }) {
  const confidence = formatFraction(image.confidence, 0);
  const description = `Test image ${formatCount(image.index)}, labelled ${image.label}, predicted ${image.predicted} (${confidence})`;
  const inspect = () => inspectDigit({ pixels: greyToUnit(pixels), description });
  return (
    <li className={image.label === image.predicted ? 'gallery-item is-right' : 'gallery-item is-wrong'}>
      <button type="button" className="digit-pick" data-test-index={image.index} aria-label={`Inspect ${description}`} onClick={inspect}>
        <DigitCanvas pixels={pixels} maxLevel={255} aria-hidden="true" />
        <span className="gallery-caption" aria-hidden="true">
          <span>
            {image.label}→{image.predicted}
          </span>
          <span className="muted">{confidence}</span>
        </span>
      </button>
    </li>
  );
}

function Pager({ page }: { page: GalleryPage }) {
  const last = pageCount(page.total, page.pageSize) - 1;
  return (
    <div className="controls gallery-pager">
      <button type="button" onClick={() => turnGalleryPage(page.page - 1)} disabled={page.page <= 0}>
        Previous
      </button>
      <span data-testid="gallery-range">{pageRangeText(page.page, page.pageSize, page.total)}</span>
      <button type="button" onClick={() => turnGalleryPage(page.page + 1)} disabled={page.page >= last}>
        Next
      </button>
    </div>
  );
}

function PageView({ page }: { page: GalleryPage }) {
  if (page.total === 0) return <p className="muted">No test images here in the last test.</p>;
  return (
    <>
      <p className="insight-note muted">Predictions of the test at step {formatCount(page.step)}; pick an image to inspect it.</p>
      <Pager page={page} />
      <ol className="gallery-images" aria-label={`${galleryTitle(page.query)}: ${pageRangeText(page.page, page.pageSize, page.total)}`}>
        {page.images.map((image, i) => (
          <GalleryItem key={image.index} image={image} pixels={page.pixels.subarray(i * PIXELS_PER_IMAGE, (i + 1) * PIXELS_PER_IMAGE)} />
        ))}
      </ol>
    </>
  );
}

/** What the gallery shows under its heading: its page, or why there is none. */
function GalleryBody({ tested, gallery, page, failed }: { tested: boolean; gallery: OpenGallery | null; page?: GalleryPage; failed: boolean }) {
  if (!tested) return <p className="muted">The test images appear here once the model has been tested.</p>;
  if (!gallery) return <p className="muted">Pick a cell of the confusion matrix to see its test images, most confident first; the diagonal holds the right ones.</p>;
  if (page) return <PageView page={page} />;
  return <p className="muted">{failed ? 'No images to show.' : 'Fetching the images…'}</p>;
}

export function GalleryPanel() {
  const gallery = useInsightStore((state) => state.gallery);
  const evaluation = useAppStore((state) => state.evaluations.at(-1));
  const { answer, request } = useLatestRequest(fetchPage);
  // Asked again after each test: the predictions changed.
  useEffect(() => {
    if (gallery && evaluation) request(gallery);
  }, [request, gallery, evaluation]);
  const current = answer?.query === gallery ? answer?.result : undefined;
  const page = current && 'value' in current ? current.value : undefined;
  // A new test can leave fewer images than the page showed: go to the last page there is.
  useEffect(() => {
    if (page && page.images.length === 0 && page.page > 0 && page.total > 0) turnGalleryPage(pageCount(page.total, page.pageSize) - 1);
  }, [page]);
  const count = page ? `: ${formatCount(page.total)} ${page.total === 1 ? 'image' : 'images'}` : '';
  return (
    <div className="insight-card gallery-card" data-testid="gallery">
      <div className="gallery-head">
        <h3 aria-live="polite">{gallery ? `${galleryTitle(gallery.query)}${count}` : 'Test images'}</h3>
        <button type="button" className="insight-button" onClick={() => openGallery({ kind: 'mistakes' })} disabled={!evaluation}>
          Most confident mistakes
        </button>
      </div>
      {answer && 'error' in answer.result && <BriefProblem key={answer.id} message={`Could not fetch the images: ${answer.result.error}`} />}
      <GalleryBody tested={evaluation !== undefined} gallery={gallery} page={page} failed={current !== undefined && 'error' in current} />
    </div>
  );
}
