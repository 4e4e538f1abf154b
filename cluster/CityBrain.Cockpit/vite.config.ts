import { defineConfig } from 'vite';
import { precompress } from './build/precompress';

// The page is built into the host's web root; `npm run dev` serves it with hot reload against a host on :5080.
export default defineConfig({
  plugins: [precompress()],
  build: {
    outDir: '../CityBrain.Host/wwwroot',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: { '/api': 'http://localhost:5080', '/dashboard': 'http://localhost:5080' },
  },
});
