import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ContactApp } from './ContactApp';
import { initialLanguage, setUpTranslations } from './i18n';
import { getPublicConfig } from './publicApi';
import './contact.css';

import type { PublicConfig } from '../../../shared/public-contact';

// Used only if the desk cannot be reached: quick exit must work even then.
const FALLBACK_CONFIG: PublicConfig = {
  quickExitUrl: 'https://www.bbc.co.uk/weather',
  deskHours: null,
  isOpenNow: true,
  outOfHoursMessage: { en: null, cy: null },
};

const root = document.getElementById('root');
if (!root) throw new Error('contact.html has no #root element');

const [config] = await Promise.all([getPublicConfig().catch(() => null), setUpTranslations(initialLanguage())]);

createRoot(root).render(
  <StrictMode>
    <ContactApp config={config ?? FALLBACK_CONFIG} />
  </StrictMode>,
);
