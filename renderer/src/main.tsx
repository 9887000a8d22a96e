import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { connectBridge } from './bridge/connectBridge.js';
import { createKioskStore } from './state/kioskStore.js';
import './styles.css';

// A kiosk is not a web page: no long-press menu, no dragging images out.
document.addEventListener('contextmenu', (event) => event.preventDefault());
document.addEventListener('dragstart', (event) => event.preventDefault());

const store = createKioskStore(connectBridge(), { onReload: () => window.location.reload() });

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root element');
createRoot(rootElement).render(
  <StrictMode>
    <App store={store} />
  </StrictMode>,
);
