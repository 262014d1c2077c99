import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Dev only: `vite` serves the client and forwards everything else to the API server on PORT.
// In production the server serves dist/client itself, from the same origin, so no proxy exists.
const apiServer = `http://127.0.0.1:${process.env.PORT ?? 3000}`;

export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    // Two entry points: the staff inbox, and the public pages (web chat, report form), so a
    // member of the public never downloads the inbox.
    rollupOptions: { input: { inbox: 'client/index.html', contact: 'client/contact.html' } },
  },
  server: {
    proxy: {
      '/api': apiServer,
      '/healthz': apiServer,
      '/socket.io': { target: apiServer, ws: true },
    },
  },
});
