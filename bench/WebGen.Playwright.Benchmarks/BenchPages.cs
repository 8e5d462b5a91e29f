namespace WebGen.Playwright.Benchmarks;

/// <summary>A landing page of the size and shape a generated site's home page usually has.</summary>
internal static class BenchPages
{
    public const string Landing =
        """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sweet Crumbs Bakery</title>
        <link rel="stylesheet" href="/style.css"></head>
        <body>
          <header><nav><a href="#menu">Menu</a><a href="#about">About</a><a href="#order">Order</a></nav>
            <h1>Sweet Crumbs Bakery</h1><p>Fresh bread, cakes and pastries baked every morning.</p>
            <button id="add" onclick="document.getElementById('count').textContent = ++window.items">Add to basket</button>
            <span>Basket: <b id="count">0</b></span></header>
          <main>
            <section id="menu" class="cards">
              <article><h2>Sourdough</h2><p>Slow-fermented for 36 hours.</p><button>Add</button></article>
              <article><h2>Croissant</h2><p>Butter, layers, crunch.</p><button>Add</button></article>
              <article><h2>Carrot cake</h2><p>With cream-cheese frosting.</p><button>Add</button></article>
              <article><h2>Rye loaf</h2><p>Dark, dense and aromatic.</p><button>Add</button></article>
            </section>
            <section id="about"><h2>About us</h2><p>Family run since 1987. We bake with organic flour and local butter.</p></section>
            <section id="order"><h2>Order</h2>
              <form onsubmit="event.preventDefault(); document.getElementById('done').textContent = 'Thanks, ' + this.name.value">
                <label>Name <input name="name" placeholder="Your name"></label>
                <label>Email <input name="email" type="email" placeholder="you@example.com"></label>
                <button type="submit">Send order</button></form><p id="done"></p></section>
          </main>
          <footer>© Sweet Crumbs Bakery</footer>
          <script>window.items = 0; fetch('/api/menu.json').then(r => r.json()).then(m => document.title = m.title);</script>
        </body></html>
        """;

    public const string Style =
        """
        body { margin: 0; font-family: system-ui, sans-serif; color: #2b1d0e; background: #fffaf3; }
        header { background: #7a4b22; color: #fff; padding: 24px 40px; }
        nav a { color: #ffe7c7; margin-right: 16px; }
        header button, form button { background: #e0a458; border: 0; padding: 10px 18px; border-radius: 6px; font-size: 16px; }
        .cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 16px; padding: 24px 40px; }
        article { background: #fff; border-radius: 10px; padding: 16px; box-shadow: 0 2px 6px rgba(0,0,0,.1); }
        section { padding: 16px 40px; }
        label { display: block; margin: 8px 0; }
        footer { padding: 24px 40px; background: #2b1d0e; color: #fff; }
        """;
}
