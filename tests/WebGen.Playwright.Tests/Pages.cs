namespace WebGen.Playwright.Tests;

/// <summary>Test pages, each built to show one behaviour.</summary>
internal static class Pages
{
    public const string Content =
        """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sweet Crumbs</title>
        <style>body{margin:0;font-family:sans-serif} header{height:120px;background:rgb(200,30,30);color:#fff;display:flow-root}
        main{padding:20px;color:#111}</style></head>
        <body><header><h1>Sweet Crumbs Bakery</h1></header><main><p>Fresh bread every morning.</p>
        <button>Order now</button></main></body></html>
        """;

    public const string Blank = "<!doctype html><html lang=\"en\"><head><title>Empty</title></head><body></body></html>";

    public const string Errors =
        """
        <!doctype html><html lang="en"><head><title>Broken</title></head><body><h1>Broken shop</h1>
        <img src="https://cdn.example.com/logo.png" alt="logo">
        <script>
          console.error('boom-console');
          fetch('/missing.json');
          fetch('https://api.example.org/data').catch(() => {});
          setTimeout(() => { throw new Error('boom-page'); }, 0);
        </script></body></html>
        """;

    public const string LowContrast =
        """
        <!doctype html><html lang="en"><head><title>Faint</title>
        <style>body{background:#fff;font-family:sans-serif} .faint{color:#e8e8e8;font-size:14px}</style></head>
        <body><main><h1 style="color:#111">Readable heading</h1><p class="faint">You can barely read this text.</p>
        <p class="faint">Nor this one.</p></main></body></html>
        """;

    public const string AxeViolations =
        """
        <!doctype html><html><head><title>Unlabelled</title></head>
        <body><img src="/pixel.svg"><input type="text"><a href="#"></a></body></html>
        """;

    public const string Pixel = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\" fill=\"#000\"/></svg>";

    public const string Overflow =
        """
        <!doctype html><html lang="en"><head><title>Wide</title></head>
        <body style="margin:0"><main><h1>Too wide</h1><div style="width:1500px;height:40px;background:#38c"></div></main></body></html>
        """;

    public const string Tall =
        """
        <!doctype html><html lang="en"><head><title>Tall</title></head>
        <body style="margin:0"><main><div style="height:2000px;background:linear-gradient(#fff,#036);display:flow-root"><h1>Tall page</h1></div></main></body></html>
        """;

    public const string Storage =
        """
        <!doctype html><html lang="en"><head><title>Storage</title></head><body><main><h1 id="out"></h1></main>
        <script>
          const seen = localStorage.getItem('visits') || '0';
          localStorage.setItem('visits', String(Number(seen) + 1));
          document.getElementById('out').textContent = 'visits before: ' + seen;
        </script></body></html>
        """;

    public const string SlowFetch =
        """
        <!doctype html><html lang="en"><head><title>Slow data</title></head><body><main><h1 id="out">loading</h1></main>
        <script>
          fetch('/slow.json').then(r => r.json()).then(d => { document.getElementById('out').textContent = 'loaded ' + d.items; });
        </script></body></html>
        """;
}
