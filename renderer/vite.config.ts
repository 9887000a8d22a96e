import { defineConfig, type Plugin } from 'vite';

// import.meta.dirname instead of node:path: lint treats everything under renderer/ as browser code.
const rendererRoot = import.meta.dirname;

/**
 * The dev server injects CSS through <style> elements, which the production CSP forbids.
 * Only while serving, allow inline styles; the built index.html keeps the strict policy.
 */
function relaxStyleCspWhileServing(): Plugin {
  return {
    name: 'kiosk-relax-style-csp-while-serving',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
  };
}

export default defineConfig({
  root: rendererRoot,
  // Relative URLs: the same build is served from app://kiosk/ (Electron) and http://127.0.0.1:PORT/ (browser shell).
  base: './',
  publicDir: false,
  plugins: [relaxStyleCspWhileServing()],
  esbuild: { jsx: 'automatic' },
  build: {
    // Relative to root (renderer/).
    outDir: '../out/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    // CSP allows no inline script, and data: URLs for assets would hide what ships.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: true,
    reportCompressedSize: true,
  },
});
