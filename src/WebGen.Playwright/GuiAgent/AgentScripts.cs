namespace WebGen.Playwright;

/// <summary>Page scripts of the GUI agent: set-of-marks labelling, state fingerprint, waiting for change.</summary>
internal static class AgentScripts
{
    public const string MarksContainerId = "__webgen_marks";

    public const string MarkAttribute = "data-webgen-mark";

    /// <summary>
    /// Labels the visible, uncovered interactive elements of the viewport with numbered boxes and returns
    /// their descriptions (shape of <see cref="MarkedElement"/>). Old labels are removed first.
    /// </summary>
    public const string Label =
        """
        (max) => {
          const old = document.getElementById('__webgen_marks');
          if (old) old.remove();
          for (const e of document.querySelectorAll('[data-webgen-mark]')) e.removeAttribute('data-webgen-mark');
          const selector = 'a[href], button, input:not([type=hidden]), textarea, select, summary, '
            + '[role=button], [role=link], [role=checkbox], [role=radio], [role=tab], [role=menuitem], [role=switch], '
            + '[role=option], [role=combobox], [role=textbox], [role=searchbox], [role=slider], '
            + '[contenteditable=""], [contenteditable=true], [onclick], [tabindex]:not([tabindex="-1"])';
          const vw = window.innerWidth, vh = window.innerHeight;
          const colours = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#008080', '#9a6324', '#800000', '#000075', '#f032e6'];
          const container = document.createElement('div');
          container.id = '__webgen_marks';
          container.style.cssText = 'position:fixed;left:0;top:0;width:0;height:0;pointer-events:none;z-index:2147483647;';
          const clean = s => (s || '').replace(/\s+/g, ' ').trim().slice(0, 80);
          const items = [];
          for (const el of document.querySelectorAll(selector)) {
            if (items.length >= max) break;
            const r = el.getBoundingClientRect();
            if (r.width < 2 || r.height < 2 || r.bottom <= 0 || r.right <= 0 || r.top >= vh || r.left >= vw) continue;
            const style = getComputedStyle(el);
            if (style.visibility === 'hidden' || style.display === 'none' || Number(style.opacity) === 0) continue;
            const x = Math.min(Math.max(r.left + r.width / 2, 0), vw - 1);
            const y = Math.min(Math.max(r.top + r.height / 2, 0), vh - 1);
            const top = document.elementFromPoint(x, y);
            const labels = el.labels ? Array.from(el.labels) : [];
            if (top && top !== el && !el.contains(top) && !labels.some(l => l === top || l.contains(top))) continue;
            const n = items.length + 1;
            el.setAttribute('data-webgen-mark', String(n));
            const colour = colours[n % colours.length];
            const box = document.createElement('div');
            box.style.cssText = `position:fixed;left:${r.left}px;top:${r.top}px;width:${r.width}px;height:${r.height}px;`
              + `outline:2px dashed ${colour};box-sizing:border-box;`;
            const tag = document.createElement('div');
            tag.textContent = String(n);
            tag.style.cssText = `position:fixed;left:${Math.max(r.left, 0)}px;top:${Math.max(r.top - 16, 0)}px;background:${colour};`
              + 'color:#fff;font:bold 12px/16px monospace;padding:0 3px;';
            container.appendChild(box);
            container.appendChild(tag);
            const tagName = el.tagName.toLowerCase();
            const isField = tagName === 'input' || tagName === 'textarea' || tagName === 'select';
            items.push({
              label: n,
              tag: tagName,
              type: el.getAttribute('type') || '',
              role: el.getAttribute('role') || '',
              text: clean(el.getAttribute('aria-label') || (isField ? '' : el.innerText) || el.getAttribute('title') || el.getAttribute('alt')
                || (el.querySelector && el.querySelector('img[alt]') ? el.querySelector('img[alt]').alt : '')
                || (labels.length ? labels[0].innerText : '')),
              placeholder: clean(el.getAttribute('placeholder')),
              value: isField && el.type !== 'password' ? clean(el.type === 'checkbox' || el.type === 'radio' ? (el.checked ? 'checked' : 'unchecked') : el.value) : '',
              href: tagName === 'a' ? (el.getAttribute('href') || '') : '',
            });
          }
          document.documentElement.appendChild(container);
          return items;
        }
        """;

    public const string Unlabel = "() => { const c = document.getElementById('__webgen_marks'); if (c) c.remove(); }";

    /// <summary>A cheap fingerprint of what the user can observe: URL, scroll, text, field values, element count.</summary>
    public const string Fingerprint =
        """
        () => {
          const hash = s => { let h = 5381; for (let i = 0; i < s.length; i++) h = ((h << 5) + h + s.charCodeAt(i)) | 0; return h; };
          const text = document.body ? document.body.innerText || '' : '';
          const values = Array.from(document.querySelectorAll('input, textarea, select'))
            .map(e => e.type === 'checkbox' || e.type === 'radio' ? String(e.checked) : e.value).join('\u0001');
          return `${location.href}|${Math.round(scrollX)},${Math.round(scrollY)}|${hash(text)}|${hash(values)}|${document.getElementsByTagName('*').length}`;
        }
        """;

    /// <summary>Resolves when the DOM changes, or after the cap: the agent's "Wait" without a fixed sleep.</summary>
    public const string WaitForChange =
        """
        (capMs) => new Promise(resolve => {
          const observer = new MutationObserver(() => { observer.disconnect(); resolve(true); });
          observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
          setTimeout(() => { observer.disconnect(); resolve(false); }, capMs);
        })
        """;

    /// <summary>Scrolls the window by two thirds of its height.</summary>
    public const string ScrollWindow = "(down) => window.scrollBy(0, (down ? 1 : -1) * Math.round(window.innerHeight * 2 / 3))";

    /// <summary>Opens links in the same tab, so the agent keeps seeing the page it navigated to.</summary>
    public const string SameTab = "(el) => { if (el.tagName === 'A' && el.getAttribute('target')) el.removeAttribute('target'); }";
}
