/* global process, console */
// Renders build/icon.svg to the PNG sizes every platform asks for (build/icons/<size>x<size>.png and
// build/icon.png at 1024, renderer/public/app-icon.png at 256). Uses the Chromium Playwright already drives for e2e: no image tool is
// installed on the build machines. Run: node build/render-icons.mjs
import { readFileSync, mkdirSync, copyFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const here = path.dirname(fileURLToPath(import.meta.url));
const svg = readFileSync(path.join(here, 'icon.svg'), 'utf8');
const SIZES = [16, 32, 48, 64, 128, 256, 512, 1024];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const outDir = path.join(here, 'icons');
  mkdirSync(outDir, { recursive: true });
  for (const size of SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" style="display:block" `)}</body></html>`);
    const file = path.join(outDir, `${size}x${size}.png`);
    // omitBackground keeps the rounded corners transparent.
    await page.screenshot({ path: file, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    await page.close();
    console.log(file);
  }
  copyFileSync(path.join(outDir, '1024x1024.png'), path.join(here, 'icon.png'));
  // The desktop window's own icon (Linux shows it in the task bar), shipped inside out/renderer.
  copyFileSync(path.join(outDir, '256x256.png'), path.join(here, '..', 'renderer', 'public', 'app-icon.png'));
} finally {
  await browser.close();
}
