// Reads a drawn chart card from the page (its recharts SVG with computed styles, title, legend, colours) and saves it as SVG or PNG.
import { chartFileName, inlineStyles, standaloneSvg, type LegendSwatch } from '../chart-export';
import { downloadFile } from '../download';

/** PNG pixels per CSS pixel: sharp on high-density screens and in documents. */
const PNG_SCALE = 2;

function readLegend(legend: Element | null): LegendSwatch[] {
  return [...(legend?.querySelectorAll('li') ?? [])].map((entry) => {
    const swatch = getComputedStyle(entry.querySelector('.chart-swatch') ?? entry);
    return { label: entry.textContent ?? '', colour: swatch.backgroundColor, opacity: Number(swatch.opacity), dot: swatch.borderRadius === '50%' };
  });
}

/** The card as a standalone SVG file, or undefined while it draws no chart. */
export function captureChart(card: Element): ReturnType<typeof standaloneSvg> | undefined {
  const svg = card.querySelector('svg.recharts-surface');
  const plot = svg && inlineStyles(svg, (element) => getComputedStyle(element as Element));
  if (!svg || !plot) return undefined;
  const legend = card.querySelector('.chart-legend');
  const { width, height } = svg.getBoundingClientRect();
  const cardStyle = getComputedStyle(card);
  const title = card.querySelector('.chart-title');
  return standaloneSvg({
    title: title?.textContent ?? '',
    legend: readLegend(legend),
    plot,
    width,
    height,
    background: cardStyle.backgroundColor,
    textColour: getComputedStyle(title ?? card).color,
    mutedColour: getComputedStyle(legend ?? card).color,
    fontFamily: cardStyle.fontFamily,
  });
}

/** The SVG drawn on a canvas at PNG_SCALE, as PNG bytes. */
async function rasterise({ markup, width, height }: { markup: string; width: number; height: number }): Promise<Blob> {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`;
  await image.decode();
  const canvas = Object.assign(document.createElement('canvas'), { width: width * PNG_SCALE, height: height * PNG_SCALE });
  const context = canvas.getContext('2d')!;
  context.scale(PNG_SCALE, PNG_SCALE);
  context.drawImage(image, 0, 0, width, height);
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The chart could not be drawn as PNG'))), 'image/png'));
}

/** Downloads the card's chart as `backprop-studio-<name>.svg` or `.png`; nothing while it draws no chart. */
export async function saveChart(card: Element, name: string, format: 'svg' | 'png'): Promise<void> {
  const picture = captureChart(card);
  if (!picture) return;
  if (format === 'svg') downloadFile(picture.markup, chartFileName(name, 'svg'), 'image/svg+xml');
  else downloadFile(await rasterise(picture), chartFileName(name, 'png'), 'image/png');
}
