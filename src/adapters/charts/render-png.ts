/**
 * SVG to PNG with resvg (a Rust renderer shipped as prebuilt binaries in its npm packages: no
 * canvas, no browser). Text renders with the DejaVu Sans files of the `dejavu-fonts-ttf` package
 * and never with the machine's fonts, so a bare server draws the same image as a laptop. The
 * conversation core builds the SVG; only adapters and the CLI reach this module, since it loads a
 * native binary.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';

const require = createRequire(import.meta.url);

/** The font files charts use (regular and bold), resolved from the installed package. */
export const CHART_FONT_FILES: readonly string[] = (() => {
  const dir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  return [join(dir, 'DejaVuSans.ttf'), join(dir, 'DejaVuSans-Bold.ttf')];
})();

/** The PNG of `svg`, scaled to `width` pixels (its own width when omitted). */
export function svgToPng(svg: string, width?: number): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: width === undefined ? { mode: 'original' } : { mode: 'width', value: width },
    font: { fontFiles: [...CHART_FONT_FILES], loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
    background: '#ffffff',
  });
  return resvg.render().asPng();
}
