namespace WebGen.Playwright.Tests.GuiAgent;

/// <summary>Pages whose actions report to the server, so a test can prove an action really happened.</summary>
internal static class AgentPages
{
    public const string Shop =
        """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Agent shop</title>
        <style>body{margin:0;font-family:sans-serif} main{padding:16px}</style></head>
        <body><main>
          <h1>Agent shop</h1>
          <button id="add" onclick="added++; document.getElementById('count').textContent = 'Items: ' + added; fetch('/api/added?n=' + added)">Add item</button>
          <p id="count">Items: 0</p>
          <form onsubmit="event.preventDefault(); const v = document.getElementById('name').value; document.getElementById('hello').textContent = 'Hello, ' + v; fetch('/api/hello?name=' + encodeURIComponent(v));">
            <input id="name" placeholder="Your name" aria-label="Your name">
          </form>
          <p id="hello"></p>
          <a href="/second.html">Second page</a>
          <a href="https://example.com/outside">Outside link</a>
          <div id="spacer" style="height:1200px"></div>
          <footer id="footer">Footer reached</footer>
        </main>
        <script>
          let added = 0;
          new IntersectionObserver(es => { if (es.some(e => e.isIntersecting)) fetch('/api/footer-seen'); })
            .observe(document.getElementById('footer'));
        </script></body></html>
        """;

    public const string Second =
        """
        <!doctype html><html lang="en"><head><title>Second</title></head><body><main><h1>Second page</h1>
        <a href="/">Home</a></main></body></html>
        """;
}
