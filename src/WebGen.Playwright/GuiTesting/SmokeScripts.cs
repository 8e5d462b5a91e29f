namespace WebGen.Playwright;

/// <summary>Page scripts of the smoke tester.</summary>
internal static class SmokeScripts
{
    public const string TargetAttribute = "data-webgen-smoke";

    /// <summary>Marks the visible buttons and links, in document order, and describes them (shape of <see cref="SmokeTarget"/>).</summary>
    public const string MarkTargets =
        """
        (max) => {
          for (const e of document.querySelectorAll('[data-webgen-smoke]')) e.removeAttribute('data-webgen-smoke');
          const selector = 'button, a[href], [role=button], [role=link], input[type=submit], input[type=button], summary';
          const clean = s => (s || '').replace(/\s+/g, ' ').trim().slice(0, 80);
          const items = [];
          for (const el of document.querySelectorAll(selector)) {
            if (items.length >= max) break;
            const r = el.getBoundingClientRect();
            const style = getComputedStyle(el);
            if (r.width < 2 || r.height < 2 || style.visibility === 'hidden' || style.display === 'none' || Number(style.opacity) === 0) continue;
            const index = items.length;
            el.setAttribute('data-webgen-smoke', String(index));
            let href = '';
            let external = false;
            if (el.tagName === 'A') {
              const raw = el.getAttribute('href') || '';
              href = raw;
              try { const u = new URL(raw, location.href); external = u.origin !== location.origin || !/^https?:$/.test(u.protocol); } catch { external = true; }
              if (raw.startsWith('mailto:') || raw.startsWith('tel:') || raw.startsWith('javascript:')) external = true;
            }
            items.push({
              index,
              tag: el.tagName.toLowerCase(),
              text: clean(el.getAttribute('aria-label') || el.innerText || el.value || el.getAttribute('title')),
              href,
              external,
              disabled: !!el.disabled || el.getAttribute('aria-disabled') === 'true',
            });
          }
          return items;
        }
        """;

    /// <summary>The HTTP status of the current document (0 when unknown).</summary>
    public const string DocumentStatus = "() => { const n = performance.getEntriesByType('navigation')[0]; return n && n.responseStatus ? n.responseStatus : 0; }";
}
