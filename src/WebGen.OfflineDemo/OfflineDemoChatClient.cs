using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace WebGen;

/// <summary>
/// A built-in, deterministic stand-in for a code model, so the whole pipeline (sandbox, Vite, browser,
/// scorers, GUI tester) can run with no model endpoint. It is a demo, not a model: its first answer writes a
/// small React + Vite site from the instruction (a title drawn from it, the colours it names, its
/// requirements as feature cards, a working notes form), its second answer validates the screenshot and its
/// third finishes. Configure a real code model for real results.
/// </summary>
public sealed partial class OfflineDemoChatClient : IChatClient
{
    /// <summary>The model id reported in metadata and responses.</summary>
    public const string ModelId = "webgen-offline-demo";

    private static readonly Dictionary<string, string> NamedColours = new(StringComparer.OrdinalIgnoreCase)
    {
        ["white"] = "#ffffff", ["black"] = "#111111", ["navy"] = "#001f5b", ["blue"] = "#1e5bd8", ["light blue"] = "#add8e6",
        ["sky blue"] = "#87ceeb", ["royal blue"] = "#4169e1", ["dark blue"] = "#00008b", ["teal"] = "#008080", ["cyan"] = "#00a5b5",
        ["turquoise"] = "#2bbbad", ["green"] = "#2e8b57", ["dark green"] = "#006400", ["lime"] = "#32cd32", ["olive"] = "#6b8e23",
        ["mint"] = "#98ff98", ["yellow"] = "#f2c200", ["gold"] = "#d4a017", ["orange"] = "#f28c28", ["coral"] = "#ff7f50",
        ["red"] = "#c62828", ["crimson"] = "#dc143c", ["maroon"] = "#800000", ["burgundy"] = "#800020", ["pink"] = "#e75480",
        ["hot pink"] = "#ff69b4", ["purple"] = "#6a1b9a", ["violet"] = "#8f00ff", ["lavender"] = "#e6e6fa", ["indigo"] = "#4b0082",
        ["magenta"] = "#c2185b", ["brown"] = "#795548", ["beige"] = "#f5f5dc", ["ivory"] = "#fffff0", ["cream"] = "#fffdd0",
        ["gray"] = "#808080", ["grey"] = "#808080", ["light gray"] = "#d3d3d3", ["light grey"] = "#d3d3d3", ["dark gray"] = "#333333",
        ["dark grey"] = "#333333", ["silver"] = "#c0c0c0", ["charcoal"] = "#36454f", ["salmon"] = "#fa8072", ["peach"] = "#ffcba4",
        ["khaki"] = "#c3b091", ["tan"] = "#d2b48c", ["aqua"] = "#00ffff", ["azure"] = "#f0ffff", ["ghost white"] = "#f8f8ff",
        ["whitesmoke"] = "#f5f5f5", ["snow"] = "#fffafa", ["linen"] = "#faf0e6", ["dark slate gray"] = "#2f4f4f", ["slate gray"] = "#708090",
        ["steel blue"] = "#4682b4", ["midnight blue"] = "#191970", ["forest green"] = "#228b22", ["sea green"] = "#2e8b57",
        ["chocolate"] = "#d2691e", ["firebrick"] = "#b22222", ["tomato"] = "#ff6347", ["orchid"] = "#da70d6", ["plum"] = "#dda0dd",
    };

    private static readonly ChatClientMetadata Metadata = new("webgen-offline", null, ModelId);

    /// <inheritdoc />
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        cancellationToken.ThrowIfCancellationRequested();
        var list = messages.ToList();
        var text = Answer(list);
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, text)) { ModelId = ModelId, FinishReason = ChatFinishReason.Stop });
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        return serviceType == typeof(ChatClientMetadata) ? Metadata : serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    /// <summary>Writes the demo site for an instruction as Bolt markup.</summary>
    /// <param name="instruction">The website request.</param>
    public static string WriteSite(string instruction)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        var title = Title(instruction);
        var (background, accent) = Colours(instruction);
        var features = Features(instruction);
        var text = IsDark(background) ? "#f5f5f5" : "#1d2330";
        var onAccent = IsDark(accent) ? "#ffffff" : "#111111";

        var sb = new StringBuilder();
        sb.Append("I will build a first version of ").Append(title).AppendLine(" with React and Vite.");
        sb.Append("<boltArtifact id=\"demo-site\" title=\"").Append(Encode(title)).AppendLine("\">");
        File(sb, "package.json", """
            {
              "name": "webgen-demo-site",
              "private": true,
              "version": "0.1.0",
              "type": "module",
              "scripts": {
                "dev": "vite",
                "build": "vite build",
                "preview": "vite preview"
              },
              "dependencies": {
                "react": "^19.2.0",
                "react-dom": "^19.2.0"
              },
              "devDependencies": {
                "@vitejs/plugin-react": "^6.0.0",
                "vite": "^8.0.0"
              }
            }
            """);
        File(sb, "vite.config.js", """
            import { defineConfig } from 'vite';
            import react from '@vitejs/plugin-react';

            export default defineConfig({
              plugins: [react()],
            });
            """);
        File(sb, "index.html", $$"""
            <!doctype html>
            <html lang="en">
              <head>
                <meta charset="UTF-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1.0" />
                <title>{{HtmlText(title)}}</title>
              </head>
              <body>
                <div id="root"></div>
                <script type="module" src="/src/main.jsx"></script>
              </body>
            </html>
            """);
        File(sb, "src/main.jsx", """
            import { StrictMode } from 'react';
            import { createRoot } from 'react-dom/client';
            import App from './App.jsx';
            import './App.css';

            createRoot(document.getElementById('root')).render(
              <StrictMode>
                <App />
              </StrictMode>,
            );
            """);
        File(sb, "src/App.jsx", $$"""
            import { useEffect, useState } from 'react';

            const TITLE = {{Js(title)}};
            const REQUEST = {{Js(Clip(instruction, 600))}};
            const FEATURES = {{Js(features)}};

            export default function App() {
              const [showRequest, setShowRequest] = useState(false);
              const [draft, setDraft] = useState('');
              const [items, setItems] = useState(() => {
                try {
                  return JSON.parse(localStorage.getItem('webgen-demo-items') ?? '[]');
                } catch {
                  return [];
                }
              });

              useEffect(() => {
                localStorage.setItem('webgen-demo-items', JSON.stringify(items));
              }, [items]);

              function addItem(event) {
                event.preventDefault();
                const text = draft.trim();
                if (!text) return;
                setItems([...items, { id: Date.now(), text }]);
                setDraft('');
              }

              return (
                <div className="page">
                  <header className="header">
                    <span className="brand">{TITLE}</span>
                    <nav>
                      <a href="#features">Features</a>
                      <a href="#try">Try it</a>
                    </nav>
                  </header>
                  <main>
                    <section className="hero">
                      <h1>{TITLE}</h1>
                      <p>A first version generated offline by the WebGen demo model.</p>
                      <button type="button" className="primary" onClick={() => setShowRequest(!showRequest)}>
                        {showRequest ? 'Hide the request' : 'Show the request'}
                      </button>
                      {showRequest && <p className="request">{REQUEST}</p>}
                    </section>
                    <section id="features" className="features">
                      <h2>Features</h2>
                      <div className="cards">
                        {FEATURES.map((feature) => (
                          <article key={feature} className="card">{feature}</article>
                        ))}
                      </div>
                    </section>
                    <section id="try" className="try">
                      <h2>Try it</h2>
                      <form onSubmit={addItem}>
                        <label htmlFor="item">New entry</label>
                        <input id="item" value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="Type something" />
                        <button type="submit" className="primary">Add</button>
                      </form>
                      <ul>
                        {items.map((item) => (
                          <li key={item.id}>
                            {item.text}
                            <button type="button" onClick={() => setItems(items.filter((i) => i.id !== item.id))}>Remove</button>
                          </li>
                        ))}
                      </ul>
                    </section>
                  </main>
                  <footer className="footer">Built with React and Vite</footer>
                </div>
              );
            }
            """);
        File(sb, "src/App.css", $$"""
            :root {
              --bg: {{background}};
              --accent: {{accent}};
              --on-accent: {{onAccent}};
              --text: {{text}};
              font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
              color: var(--text);
              background: var(--bg);
            }
            * { box-sizing: border-box; }
            body { margin: 0; background: var(--bg); }
            .page { min-height: 100vh; display: flex; flex-direction: column; }
            .header { display: flex; justify-content: space-between; align-items: center; padding: 16px 32px; background: var(--accent); color: var(--on-accent); }
            .header nav a { color: var(--on-accent); margin-left: 20px; text-decoration: none; font-weight: 600; }
            .brand { font-size: 1.25rem; font-weight: 700; }
            main { flex: 1; width: 100%; max-width: 960px; margin: 0 auto; padding: 24px 32px; }
            .hero { padding: 32px 0; }
            .hero h1 { font-size: 2.4rem; margin: 0 0 12px; }
            .request { max-width: 720px; line-height: 1.5; opacity: 0.85; }
            .primary { background: var(--accent); color: var(--on-accent); border: none; border-radius: 8px; padding: 10px 18px; font-size: 1rem; cursor: pointer; }
            .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 16px; }
            .card { border: 2px solid var(--accent); border-radius: 12px; padding: 16px; line-height: 1.4; }
            form { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
            input { padding: 10px; border-radius: 8px; border: 1px solid #8a8a8a; min-width: 240px; }
            ul { padding-left: 20px; }
            li { margin: 6px 0; }
            li button { margin-left: 12px; }
            .footer { padding: 16px 32px; text-align: center; background: var(--accent); color: var(--on-accent); }
            """);
        sb.AppendLine("</boltArtifact>");
        return sb.ToString();
    }

    private static string Answer(List<ChatMessage> messages)
    {
        var instruction = messages.FirstOrDefault(m => m.Role == ChatRole.User)?.Text ?? "";
        var lastAssistant = messages.LastOrDefault(m => m.Role == ChatRole.Assistant)?.Text;
        if (lastAssistant is null)
        {
            return WriteSite(instruction);
        }

        var previous = BoltParser.Parse(lastAssistant);
        if (previous.Actions.Any(a => a is FileAction))
        {
            return "The screenshot matches the request, so the site can be tested through its GUI.\n<boltAction type=\"screenshot_validated\"></boltAction>";
        }

        return previous.Actions.Any(a => a is ScreenshotValidatedAction)
            ? "The GUI test is done; this demo stops here.\n<boltAction type=\"finish\"></boltAction>"
            : WriteSite(instruction);
    }

    private static void File(StringBuilder sb, string path, string content)
        => sb.Append("<boltAction type=\"file\" filePath=\"").Append(path).Append("\">\n").Append(Encode(content)).Append("\n</boltAction>\n");

    /// <summary>Bolt content is HTML-decoded by the parser, so only '&amp;' needs protecting.</summary>
    private static string Encode(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal);

    private static string HtmlText(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);

    private static string Js<T>(T value) => JsonSerializer.Serialize(value);

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max].TrimEnd() + "…";

    internal static string Title(string instruction)
    {
        var match = TitlePattern().Match(instruction);
        var phrase = match.Success ? match.Groups["what"].Value : instruction;
        phrase = ClauseEnd().Split(phrase)[0];
        var words = WordPattern().Matches(phrase).Select(m => m.Value).Where(w => !StopWords.Contains(w)).Take(4).ToList();
        if (words.Count == 0)
        {
            return "My Website";
        }

        var culture = CultureInfo.InvariantCulture;
        return string.Join(' ', words.Select(w => char.ToUpper(w[0], culture) + w[1..]));
    }

    internal static (string Background, string Accent) Colours(string instruction)
    {
        string? background = null, accent = null;
        foreach (Match m in ColourPattern.Matches(instruction))
        {
            // The colour's role is the nearest role word before it in the same clause ("background colour to white").
            // A role word right after the colour wins ("a light blue background").
            var after = instruction[(m.Index + m.Length)..Math.Min(instruction.Length, m.Index + m.Length + 24)];
            var window = instruction[Math.Max(0, m.Index - 60)..m.Index];
            var role = FollowingRolePattern().Match(after) is { Success: true } following
                ? following.Groups[1].Value
                : RolePattern().Matches(window).LastOrDefault()?.Value;
            var hex = NamedColours[m.Value.ToLowerInvariant()];
            if (role is not null && role.StartsWith("background", StringComparison.OrdinalIgnoreCase))
            {
                background ??= hex;
            }
            else
            {
                accent ??= hex;
            }
        }

        return (background ?? "#f7f8fc", accent ?? "#3450a1");
    }

    private static readonly Regex ColourPattern = new(
        @"\b(" + string.Join('|', NamedColours.Keys.OrderByDescending(k => k.Length).Select(Regex.Escape)) + @")\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
        TimeSpan.FromSeconds(1));

    internal static IReadOnlyList<string> Features(string instruction)
    {
        var sentences = SentencePattern().Split(instruction)
            .Select(s => s.Trim())
            .Where(s => s.Length > 20 && !s.Contains("colo", StringComparison.OrdinalIgnoreCase))
            .Skip(1)
            .Take(4)
            .Select(s => Clip(s.TrimEnd('.'), 160))
            .ToList();
        return sentences.Count > 0 ? sentences : ["Clear layout", "Works in the browser", "Responsive design"];
    }

    private static bool IsDark(string hex)
    {
        var r = int.Parse(hex.AsSpan(1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var g = int.Parse(hex.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var b = int.Parse(hex.AsSpan(5, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return (0.299 * r) + (0.587 * g) + (0.114 * b) < 140;
    }

    private static readonly HashSet<string> StopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "for", "of", "to", "and", "or", "with", "that", "which", "where", "users", "user", "can", "my", "our", "your", "online",
    };

    [GeneratedRegex(@"(?:website|web app|web application|app|page|site|platform|portal)\s+(?:for|that|to|about|called|named|which)\s+(?<what>[^.,;:]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TitlePattern();

    [GeneratedRegex(@"\b(background|component|button|text|font|primary|accent|theme|header|main|secondary|highlight)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RolePattern();

    [GeneratedRegex(@"^\s*(?:colou?red\s+|-)?(background|component|button|text|font|header|theme|accent|highlight)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FollowingRolePattern();

    [GeneratedRegex(@"\b(?:that|which|where|who|and|with|to|so|in order)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ClauseEnd();

    [GeneratedRegex(@"[A-Za-z][A-Za-z'-]+")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"(?<=[.!?])\s+")]
    private static partial Regex SentencePattern();
}
