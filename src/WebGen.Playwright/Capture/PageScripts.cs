namespace WebGen.Playwright;

/// <summary>Scripts evaluated in the page. Kept together so their contracts with the C# side are visible in one place.</summary>
internal static class PageScripts
{
    /// <summary>Waits for web fonts (capped) and two animation frames, so the screenshot shows a painted, settled page.</summary>
    public const string Settle =
        """
        async (capMs) => {
          const cap = new Promise(r => setTimeout(r, capMs));
          const fonts = document.fonts ? document.fonts.ready : Promise.resolve();
          await Promise.race([fonts, cap]);
          const frames = new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
          await Promise.race([frames, new Promise(r => setTimeout(r, capMs))]);
        }
        """;

    /// <summary>
    /// Title, visible text, document width, the Vite error overlay's text (from its shadow root) and the page's other text
    /// channels (see <see cref="PageText"/>), in one round trip. The channels are what a grader may read besides the
    /// pixels: text that is not visibly rendered (hidden, transparent, clipped to a pixel, off-screen), text attributes,
    /// meta contents and comments, and visible text past <c>maxText</c>; at most <c>maxPageText</c> characters in all.
    /// </summary>
    public const string Inspect =
        """
        ({ maxText, maxPageText }) => {
          let overlayText = null;
          const overlay = document.querySelector('vite-error-overlay');
          if (overlay) {
            const root = overlay.shadowRoot;
            if (root) {
              const parts = ['.message', '.file', '.frame', '.stack']
                .map(s => root.querySelector(s))
                .filter(e => e && e.textContent && e.textContent.trim())
                .map(e => e.textContent.trim());
              overlayText = parts.length ? parts.join('\n') : (root.textContent || '').trim();
            } else {
              overlayText = (overlay.textContent || '').trim();
            }
            if (!overlayText) overlayText = 'The Vite error overlay is shown (no text could be read).';
          }
          const body = document.body;
          const text = body ? body.innerText || '' : '';
          const root = document.documentElement;
          const scrollWidth = Math.max(root ? root.scrollWidth : 0, body ? body.scrollWidth : 0);
          const texts = [];
          let budget = maxPageText;
          const seen = new Set();
          const add = (source, where, value) => {
            if (budget <= 0 || value == null) return;
            const clean = String(value).replace(/\s+/g, ' ').trim();
            if (!clean) return;
            const key = source + '\u0000' + clean;
            if (seen.has(key)) return;
            seen.add(key);
            const kept = clean.length > budget ? clean.slice(0, budget) : clean;
            budget -= kept.length;
            texts.push({ source, where, text: kept });
          };
          const tag = el => el.tagName.toLowerCase();
          if (text.length > maxText) add('Visible', 'past the first ' + maxText + ' characters', text.slice(maxText));
          if (root && maxPageText > 0) {
            const height = Math.max(root.scrollHeight, body ? body.scrollHeight : 0);
            const hidden = el => {
              if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return true;
              const r = el.getBoundingClientRect();
              if (r.width <= 1 || r.height <= 1) return true;
              if (r.right <= 0 || r.bottom <= 0 || r.left >= scrollWidth || r.top >= height) return true;
              const style = getComputedStyle(el);
              if (parseFloat(style.fontSize) < 2) return true;
              const color = style.color.match(/rgba\([^)]*,\s*([\d.]+)\)$/);
              return color !== null && parseFloat(color[1]) === 0;
            };
            const skipped = new Set(['script', 'style', 'noscript', 'template']);
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_COMMENT);
            const verdicts = new Map();
            let visited = 0;
            for (let node = walker.nextNode(); node && visited < 20000 && budget > 0; node = walker.nextNode(), visited++) {
              if (node.nodeType === Node.COMMENT_NODE) { add('Comment', null, node.nodeValue); continue; }
              const parent = node.parentElement;
              if (!parent || skipped.has(tag(parent)) || !node.nodeValue.trim()) continue;
              if (parent.closest('head')) continue;
              if (!verdicts.has(parent)) verdicts.set(parent, hidden(parent));
              if (verdicts.get(parent)) add('Hidden', 'in <' + tag(parent) + '>', node.nodeValue);
            }
            const attributes = ['alt', 'title', 'placeholder', 'aria-label', 'aria-description', 'aria-roledescription',
              'aria-placeholder', 'aria-valuetext', 'aria-braillelabel', 'aria-brailleroledescription'];
            const elements = root.querySelectorAll('*');
            for (let i = 0; i < elements.length && i < 20000 && budget > 0; i++) {
              const el = elements[i];
              const name = tag(el);
              if (name === 'meta') {
                const key = el.getAttribute('name') || el.getAttribute('property') || el.getAttribute('http-equiv');
                if (key) add('Meta', key, el.getAttribute('content'));
                continue;
              }
              for (const attribute of attributes) {
                if (el.hasAttribute(attribute)) add('Attribute', name + ' ' + attribute, el.getAttribute(attribute));
              }
              if ((name === 'input' || name === 'button' || name === 'option') && el.hasAttribute('value') && el.type !== 'hidden') {
                add('Attribute', name + ' value', el.getAttribute('value'));
              }
            }
          }
          return {
            title: document.title || '',
            text: text.length > maxText ? text.slice(0, maxText) : text,
            scrollWidth,
            overlay: overlayText,
            texts,
          };
        }
        """;

    /// <summary>
    /// On a Vite dev page, imports the modules that failed again. Vite pushes a compile error to the pages
    /// connected at the moment it happens; a freshly loaded page often connects just after, so asking
    /// again makes the server send the error to this page and its client show the overlay.
    /// </summary>
    public const string ReimportFailedModules =
        """
        async (urls) => {
          if (!document.querySelector('script[type="module"][src*="/@vite/client"]')) return false;
          for (const url of urls) {
            try { await import(url + (url.includes('?') ? '&' : '?') + 'webgen-retry=' + Date.now()); } catch { }
          }
          return true;
        }
        """;

    /// <summary>True once the axe-core script has been evaluated in this document.</summary>
    public const string HasAxe = "() => typeof window.axe === 'object' && typeof window.axe.run === 'function'";

    /// <summary>Runs axe-core on the document and returns its violations in the shape of <see cref="AxeViolation"/>.</summary>
    public const string RunAxe =
        """
        async ({ tags, maxTargets }) => {
          const result = await window.axe.run(document, {
            runOnly: { type: 'tag', values: tags },
            resultTypes: ['violations'],
            preload: false,
            iframes: false,
            performanceTimer: false,
          });
          return result.violations.map(v => ({
            id: v.id,
            impact: v.impact || '',
            description: v.help || v.description || '',
            nodes: v.nodes.length,
            targets: v.nodes.slice(0, maxTargets).map(n => (n.target || []).join(' ')),
          }));
        }
        """;
}
