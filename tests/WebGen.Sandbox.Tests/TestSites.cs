using System.Text.Json;

namespace WebGen.Sandbox.Tests;

/// <summary>Small React+Vite sites (and plain Node servers) written the way the agent writes them: full files.</summary>
internal static class TestSites
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Exact versions verified to install here (Vite 8 installs fastest: 19 packages).</summary>
    public static readonly IReadOnlyDictionary<string, string> ReactViteDependencies = new Dictionary<string, string>
    {
        ["react"] = "19.3.1",
        ["react-dom"] = "19.3.1",
        ["vite"] = "8.3.8",
        ["@vitejs/plugin-react"] = "6.3.0",
    };

    public static void WriteReactSite(string directory, string heading = "Hello from the sandbox", IDictionary<string, string>? scripts = null, IDictionary<string, string>? extraDependencies = null)
    {
        var dependencies = new Dictionary<string, string> { ["react"] = "19.3.1", ["react-dom"] = "19.3.1" };
        foreach (var (name, version) in extraDependencies ?? new Dictionary<string, string>())
        {
            dependencies[name] = version;
        }

        WritePackageJson(directory, scripts ?? new Dictionary<string, string> { ["dev"] = "vite", ["build"] = "vite build", ["preview"] = "vite preview" },
            dependencies, new Dictionary<string, string> { ["vite"] = "8.3.8", ["@vitejs/plugin-react"] = "6.3.0" });
        Write(directory, "vite.config.js", """
            import { defineConfig } from 'vite'
            import react from '@vitejs/plugin-react'

            export default defineConfig({ plugins: [react()] })
            """);
        Write(directory, "index.html", """
            <!doctype html>
            <html lang="en">
              <head><meta charset="UTF-8" /><title>Sandbox test</title></head>
              <body><div id="root"></div><script type="module" src="/src/main.jsx"></script></body>
            </html>
            """);
        Write(directory, "src/main.jsx", """
            import { StrictMode } from 'react'
            import { createRoot } from 'react-dom/client'
            import './index.css'
            import App from './App.jsx'

            createRoot(document.getElementById('root')).render(<StrictMode><App /></StrictMode>)
            """);
        Write(directory, "src/index.css", "body { font-family: sans-serif; margin: 2rem; }\n");
        WriteApp(directory, heading);
    }

    public static void WriteApp(string directory, string heading) =>
        Write(directory, "src/App.jsx", $$"""
            export default function App() {
              return <main><h1>{{heading}}</h1><p>Written by a test.</p></main>
            }
            """);

    public static void WritePackageJson(string directory, IDictionary<string, string> scripts, IDictionary<string, string>? dependencies = null, IDictionary<string, string>? devDependencies = null, string name = "sandbox-test-site")
    {
        var manifest = new Dictionary<string, object> { ["name"] = name, ["private"] = true, ["version"] = "0.0.0", ["type"] = "module", ["scripts"] = scripts };
        if (dependencies is not null)
        {
            manifest["dependencies"] = dependencies;
        }

        if (devDependencies is not null)
        {
            manifest["devDependencies"] = devDependencies;
        }

        Write(directory, "package.json", JsonSerializer.Serialize(manifest, Indented));
    }

    public static void Write(string directory, string relativePath, string content)
    {
        var path = Path.Combine(directory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
