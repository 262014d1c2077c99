import type { RequestHandler } from 'express';
import helmet from 'helmet';

// A strict Content-Security-Policy: the built client has no inline script or style element, so
// nothing but the desk's own files runs, and an injected `<script>` in public-supplied text would
// be inert even if it ever reached the page.
const directives = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  // 'self' includes the Socket.IO websocket on the same host.
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  upgradeInsecureRequests: null,
};

/** Everything but the public chat: never framed by another site. */
export function staffSecurityHeaders(isProduction: boolean): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { ...directives, upgradeInsecureRequests: isProduction ? [] : null } },
    frameguard: { action: 'deny' },
    strictTransportSecurity: isProduction,
  });
}

/**
 * The public chat and report pages, and widget.js: the widget on the force's website frames the
 * chat (`/contact/chat?embed=1`) and loads widget.js from another origin, so those may be framed
 * and fetched cross-origin; everything else is as strict.
 */
export function publicPageSecurityHeaders(isProduction: boolean): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { ...directives, frameAncestors: ['*'], upgradeInsecureRequests: isProduction ? [] : null } },
    frameguard: false,
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    strictTransportSecurity: isProduction,
  });
}
