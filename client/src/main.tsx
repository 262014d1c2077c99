import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App';
import { createDeskTranslations } from './i18n';
import { QueryClientProvider } from '@tanstack/react-query';
import { MantineProvider } from '@mantine/core';
import '@mantine/core/styles.layer.css';
import './theme.css';
import { createDeskQueryClient } from './queries';
import { deskTheme } from './theme';
// After Mantine's layered styles: the desk's own rules (unlayered) win where both apply.
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={createDeskTranslations()}>
      <QueryClientProvider client={createDeskQueryClient()}>
        {/* No injected <style> elements (the CSP refuses them): theme.css carries the variables, and the
            desk uses none of the responsive hiddenFrom/visibleFrom classes. */}
        <MantineProvider theme={deskTheme} withCssVariables={false} withGlobalClasses={false}>
          <App />
        </MantineProvider>
      </QueryClientProvider>
    </I18nextProvider>
  </StrictMode>,
);
