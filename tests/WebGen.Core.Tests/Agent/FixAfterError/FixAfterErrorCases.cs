using System.Text;

namespace WebGen.Core.Tests.Agent.FixAfterError;

/// <summary>
/// The fix-after-error matrix: every way a step can leave the dev server holding something of an earlier step
/// (a failed start, an error it reported, its module graph, a watcher that missed a write, its configuration).
/// </summary>
internal static class FixAfterErrorCases
{
    public const string Instruction = "A page that shows the text the developer puts in its heading.";

    /// <summary>The cases, for a site on Vite 7 (it replays a buffered compile error) or Vite 8 (a buffered error or reload).</summary>
    public static IEnumerable<FixAfterErrorCase> All(ViteVersion vite)
    {
        yield return new("syntax error fixed after a failed start",
        [
            new FixStep { Answer = Bolt(Site(vite, App("first draft").Replace("return (", "return ((", StringComparison.Ordinal))), StartFailure = "App.jsx" },
            new FixStep { Answer = Bolt(("src/App.jsx", App("fixed after a failed start"))), Marker = "fixed after a failed start", Validate = true },
        ]);

        yield return new("syntax error fixed after a successful start",
        [
            new FixStep { Answer = Bolt(Site(vite, App("version one"))), Marker = "version one" },
            new FixStep { Answer = Bolt(("src/App.jsx", App("version two").Replace("return (", "return ((", StringComparison.Ordinal))), StartFailure = "App.jsx" },
            new FixStep { Answer = Bolt(("src/App.jsx", App("version three"))), Marker = "version three" },
        ]);

        yield return new("import of a missing module, then the module is created",
        [
            new FixStep { Answer = Bolt(Site(vite, AppWithBanner())), StartFailure = "Banner" },
            new FixStep { Answer = Bolt(("src/Banner.jsx", Banner("banner arrived"))), Marker = "banner arrived" },
        ]);

        yield return new("CSS syntax error fixed",
        [
            new FixStep { Answer = Bolt(Site(vite, App("styled page"))), Marker = "styled page" },
            new FixStep { Answer = Bolt(("src/App.css", "@import './base.css';\nmain { font-family: sans-serif;\n")), StartFailure = "Unclosed block" },
            // innerText applies text-transform: only the fixed stylesheet turns the heading upper-case.
            new FixStep { Answer = Bolt(("src/App.css", Css + "h1 { text-transform: uppercase; }\n")), Marker = "STYLED PAGE" },
        ]);

        yield return new("runtime exception on mount fixed",
        [
            new FixStep { Answer = Bolt(Site(vite, "export default function App() {\n  throw new Error('boom on mount');\n}\n")), PageFailure = "boom on mount" },
            new FixStep { Answer = Bolt(("src/App.jsx", App("recovered from the crash"))), Marker = "recovered from the crash" },
        ]);

        yield return new("a new dependency added to package.json",
        [
            new FixStep { Answer = Bolt(Site(vite, App("before the dependency"))), Marker = "before the dependency" },
            new FixStep
            {
                Answer = Bolt(("package.json", PackageJson(vite, clsx: true)), ("src/App.jsx", App("{clsx('with the', false && 'never', 'new dependency')}", "import clsx from 'clsx';\n"))),
                Marker = "with the new dependency",
                Also = (record, _) => Assert.That(record.Sandbox!.Install.Status, Is.EqualTo(SandboxStageStatus.Succeeded), "the new dependency was installed"),
            },
        ]);

        yield return new("vite.config.js changed",
        [
            new FixStep { Answer = Bolt(Site(vite, App("before the config change"))), Marker = "before the config change" },
            new FixStep
            {
                Answer = Bolt(("vite.config.js", ViteConfig("define: { __GREETING__: JSON.stringify('defined by the new config') },")), ("src/App.jsx", App("{__GREETING__}"))),
                Marker = "defined by the new config",
                Also = (record, _) => Assert.That(record.Sandbox!.Start.Status, Is.EqualTo(SandboxStageStatus.Succeeded), "the server restarted for its new configuration"),
            },
        ]);

        yield return new("a file deleted",
        [
            new FixStep { Answer = Bolt([.. Site(vite, AppWithBanner()), ("src/Banner.jsx", Banner("banner before the deletion"))]), Marker = "banner before the deletion" },
            new FixStep { Answer = Shell("node -e \"require('fs').rmSync('src/Banner.jsx')\""), StartFailure = "Banner" },
            new FixStep
            {
                Answer = Bolt(("src/App.jsx", App("no banner any more"))),
                Marker = "no banner any more",
                Also = (_, workspace) => Assert.That(File.Exists(Path.Combine(workspace, "src", "Banner.jsx")), Is.False),
            },
        ]);

        yield return new("the same file rewritten twice within 50 ms",
        [
            new FixStep { Answer = Bolt(Site(vite, App("the original"))), Marker = "the original" },
            new FixStep
            {
                Answer = Bolt(("src/App.jsx", App("a draft in between")), ("src/App.jsx", App("the final rewrite"))),
                Marker = "the final rewrite",
                Also = (record, _) => Assert.That(record.Capture!.VisibleText, Does.Not.Contain("draft")),
            },
        ]);

        yield return new("only index.html changed",
        [
            new FixStep { Answer = Bolt(Site(vite, App("page with the first title"))), Marker = "page with the first title" },
            new FixStep
            {
                Answer = Bolt(("index.html", IndexHtml("Second title", "<p>static text of the second index.html</p>"))),
                Marker = "static text of the second index.html",
                Also = (record, _) => Assert.That(record.Capture!.Title, Is.EqualTo("Second title")),
            },
        ]);
    }

    public static string PackageJson(ViteVersion vite, bool clsx = false) => $$"""
        {
          "name": "fix-after-error-site",
          "private": true,
          "type": "module",
          "scripts": { "dev": "vite", "build": "vite build" },
          "dependencies": { {{(clsx ? "\"clsx\": \"2.1.1\", " : "")}}"react": "19.3.1", "react-dom": "19.3.1" },
          "devDependencies": { "vite": "{{vite.Vite}}", "@vitejs/plugin-react": "{{vite.PluginReact}}" }
        }
        """;

    // The @import makes Vite run PostCSS over the file, so a syntax error is reported (plain CSS is served as written).
    private const string Css = "@import './base.css';\nmain { font-family: sans-serif; padding: 24px; }\n";

    private static (string Path, string Content)[] Site(ViteVersion vite, string app) =>
    [
        ("package.json", PackageJson(vite)),
        ("vite.config.js", ViteConfig("")),
        ("index.html", IndexHtml("Fix after error", "")),
        ("src/main.jsx", "import { createRoot } from 'react-dom/client';\nimport App from './App.jsx';\nimport './App.css';\n\ncreateRoot(document.getElementById('root')).render(<App />);\n"),
        ("src/base.css", "body { margin: 0; }\n"),
        ("src/App.css", Css),
        ("src/App.jsx", app),
    ];

    private static string ViteConfig(string extra) =>
        $"import {{ defineConfig }} from 'vite';\nimport react from '@vitejs/plugin-react';\n\nexport default defineConfig({{\n  plugins: [react()],\n  {extra}\n}});\n";

    private static string IndexHtml(string title, string before) =>
        $"<!doctype html>\n<html lang=\"en\">\n  <head><meta charset=\"UTF-8\" /><title>{title}</title></head>\n  <body>\n    {before}\n    <div id=\"root\"></div>\n    <script type=\"module\" src=\"/src/main.jsx\"></script>\n  </body>\n</html>\n";

    /// <summary>A component showing <paramref name="text"/> in its heading and on a button (what the GUI agent lists).</summary>
    private static string App(string text, string imports = "") =>
        $"{imports}export default function App() {{\n  return (\n    <main>\n      <h1>{text}</h1>\n      <button type=\"button\">{text}</button>\n    </main>\n  );\n}}\n";

    private static string AppWithBanner() =>
        "import Banner from './Banner.jsx';\n\nexport default function App() {\n  return (\n    <main>\n      <Banner />\n    </main>\n  );\n}\n";

    private static string Banner(string text) =>
        $"export default function Banner() {{\n  return (\n    <section>\n      <h1>{text}</h1>\n      <button type=\"button\">{text}</button>\n    </section>\n  );\n}}\n";

    private static string Bolt(params (string Path, string Content)[] files)
    {
        var sb = new StringBuilder("Here is the change.\n<boltArtifact id=\"site\" title=\"Site\">\n");
        foreach (var (path, content) in files)
        {
            sb.Append("<boltAction type=\"file\" filePath=\"").Append(path).Append("\">\n").Append(content).Append("</boltAction>\n");
        }

        return sb.Append("</boltArtifact>\n").ToString();
    }

    private static string Shell(string command) =>
        $"<boltArtifact id=\"site\" title=\"Site\">\n<boltAction type=\"shell\">{System.Net.WebUtility.HtmlEncode(command)}</boltAction>\n</boltArtifact>\n";
}

/// <summary>The Vite major a matrix runs on, with the versions verified to install here.</summary>
public sealed record class ViteVersion(string Vite, string PluginReact)
{
    /// <summary>Vite 7: buffers a compile error sent while no page is connected and shows it to the next page.</summary>
    public static ViteVersion Seven { get; } = new("7.3.8", "5.2.0");

    /// <summary>Vite 8: buffers a compile error or a full reload the same way.</summary>
    public static ViteVersion Eight { get; } = new("8.3.8", "6.3.0");

    /// <summary>The packages a node_modules template needs for this version (and the matrix's added dependency).</summary>
    public IReadOnlyDictionary<string, string> TemplatePackages => new Dictionary<string, string>
    {
        ["react"] = "19.3.1",
        ["react-dom"] = "19.3.1",
        ["vite"] = Vite,
        ["@vitejs/plugin-react"] = PluginReact,
    };
}
