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

    /// <summary>Title, visible text, document width and the Vite error overlay's text (from its shadow root), in one round trip.</summary>
    public const string Inspect =
        """
        (maxText) => {
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
          return {
            title: document.title || '',
            text: text.length > maxText ? text.slice(0, maxText) : text,
            scrollWidth: Math.max(root ? root.scrollWidth : 0, body ? body.scrollWidth : 0),
            overlay: overlayText,
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
