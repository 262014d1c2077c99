/*
 * Social Desk web chat widget. On the force's website, one tag:
 *   <script src="https://<desk>/widget.js" async></script>
 * adds a "Chat with us" button that opens the desk's chat in a frame. Optional attributes on the
 * tag: data-lang="cy" (Welsh), data-label="…" (the button's words).
 */
/* global window, document, URL */
(function () {
  var script = document.currentScript;
  if (!script || window.__socialDeskWidget) return;
  window.__socialDeskWidget = true;
  var origin = new URL(script.src).origin;
  var lang = script.getAttribute('data-lang') === 'cy' ? 'cy' : 'en';
  var label = script.getAttribute('data-label') || (lang === 'cy' ? 'Sgwrsio â ni' : 'Chat with us');
  var closeLabel = lang === 'cy' ? 'Cau’r sgwrs' : 'Close chat';

  var button = document.createElement('button');
  button.type = 'button';
  button.textContent = label;
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('data-social-desk', 'open');
  button.style.cssText =
    'position:fixed;right:16px;bottom:16px;z-index:2147483646;min-height:48px;padding:12px 20px;' +
    'border:2px solid #fff;border-radius:24px;background:#1d3557;color:#fff;font:600 16px/1.2 system-ui,sans-serif;' +
    'box-shadow:0 2px 8px rgba(0,0,0,.35);cursor:pointer';

  var panel = document.createElement('div');
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', label);
  panel.style.cssText =
    'position:fixed;right:16px;bottom:80px;z-index:2147483647;width:min(400px,calc(100vw - 32px));' +
    'height:min(640px,calc(100vh - 112px));background:#fff;border:2px solid #1d3557;border-radius:8px;' +
    'box-shadow:0 4px 16px rgba(0,0,0,.35);overflow:hidden;display:none;flex-direction:column';

  var close = document.createElement('button');
  close.type = 'button';
  close.textContent = closeLabel;
  close.style.cssText = 'min-height:44px;border:0;background:#1d3557;color:#fff;font:600 16px system-ui,sans-serif;cursor:pointer';

  var frame = null;
  function open() {
    if (!frame) {
      frame = document.createElement('iframe');
      frame.src = origin + '/contact/chat?embed=1&lang=' + lang;
      frame.title = label;
      frame.style.cssText = 'flex:1;width:100%;border:0';
      panel.appendChild(frame);
    }
    panel.style.display = 'flex';
    button.setAttribute('aria-expanded', 'true');
    frame.focus();
  }
  function hide() {
    panel.style.display = 'none';
    button.setAttribute('aria-expanded', 'false');
    button.focus();
  }
  button.addEventListener('click', function () {
    if (panel.style.display === 'none') open();
    else hide();
  });
  close.addEventListener('click', hide);
  panel.appendChild(close);
  document.body.appendChild(panel);
  document.body.appendChild(button);
})();
