using WebGen.Core.Tests.Agent;
using WebGen.Testing;

namespace WebGen.Core.Tests.Actions;

/// <summary>
/// The forms models drift into outside Bolt markup (as Bolt.diy's enhanced parser accepts them) are read in Enhanced,
/// each with a warning; plain code samples never become files; Reference reads none of them.
/// </summary>
public sealed class BoltDriftTests
{
    [TestCase("src/components/Header.tsx:\n```tsx\nexport const Header = () => <h1>Hi</h1>;\n```", "src/components/Header.tsx", "a line holding its path")]
    [TestCase("Here is the header.\n\n`src/components/Header.tsx`\n\n```tsx\nexport const Header = () => <h1>Hi</h1>;\n```", "src/components/Header.tsx", "a line holding its path")]
    [TestCase("**src/components/Header.tsx**\n```tsx\nexport const Header = () => <h1>Hi</h1>;\n```", "src/components/Header.tsx", "a line holding its path")]
    [TestCase("### ./src/components/Header.tsx\n```tsx\nexport const Header = () => <h1>Hi</h1>;\n```", "src/components/Header.tsx", "a line holding its path")]
    [TestCase("src\\components\\Header.tsx:\n```tsx\nexport const Header = () => <h1>Hi</h1>;\n```", "src/components/Header.tsx", "a line holding its path")]
    [TestCase("Create a file called `utils/math.ts`\n```ts\nexport const add = (a: number, b: number) => a + b;\n```", "utils/math.ts", "a line naming it")]
    [TestCase("Update server.js:\n```js\nconsole.log('listening');\n```", "server.js", "a line naming it")]
    [TestCase("Here's the updated `src/App.jsx`:\n\n```jsx\nexport default function App() {}\n```", "src/App.jsx", "a line naming it")]
    [TestCase("Put this in src/main.jsx:\n```jsx\nimport './index.css';\n```", "src/main.jsx", "a line naming it")]
    public void A_file_named_before_a_code_block_is_read_as_a_file_action(string answer, string path, string form)
    {
        var result = BoltParser.Parse(answer);

        var file = (FileAction)result.Actions.Single();
        Assert.That(file.FilePath, Is.EqualTo(path));
        Assert.That(file.Content, Does.EndWith(";\n").Or.EndWith("{}\n"));
        Assert.That(file.Content, Does.Not.Contain("```"));
        var warning = result.Diagnostics.Single();
        Assert.That(warning.Severity, Is.EqualTo(BoltDiagnosticSeverity.Warning));
        Assert.That(warning.Message, Does.Contain($"Read `{path}` from {form}").And.Contain($"<boltAction type=\"file\" filePath=\"{path}\">"));
        Assert.That(result.IsMalformed, Is.False);
    }

    [TestCase("```jsx\n// filename: src/App.jsx\nexport default function App() {}\n```", "src/App.jsx")]
    [TestCase("Done:\n```html\n<!-- File: index.html -->\n<!doctype html>\n```", "index.html")]
    [TestCase("```css\n/* file: src/index.css */\nbody { margin: 0; }\n```", "src/index.css")]
    [TestCase("```js\n// file: vite.config.js\nexport default {};\n```", "vite.config.js")]
    public void A_code_block_whose_first_line_names_the_file_is_read_without_that_line(string answer, string path)
    {
        var result = BoltParser.Parse(answer);

        var file = (FileAction)result.Actions.Single();
        Assert.That(file.FilePath, Is.EqualTo(path));
        Assert.That(file.Content, Does.Not.Contain(path), "the naming comment is not part of the file");
        Assert.That(result.Diagnostics.Single().Message, Does.Contain("whose first line names the file"));
    }

    [Test]
    public void Commands_in_a_bash_block_are_read_as_shell_actions()
    {
        var result = BoltParser.Parse("Install the router:\n```bash\n$ npm install react-router-dom\nnpm run build\n# done\n```");

        Assert.That(result.Actions.OfType<ShellAction>().Select(s => s.Command), Is.EqualTo(new[] { "npm install react-router-dom", "npm run build" }));
        Assert.That(result.Diagnostics.Single().Message, Does.Contain("2 shell command(s) from a ```bash block"));
    }

    [Test]
    public void Several_drift_forms_in_one_answer_are_all_read_in_order()
    {
        const string answer = "First:\n```sh\nnpm install zod\n```\n\nsrc/schema.js:\n```js\nexport const s = 1;\n```\n\n```jsx\n// filename: src/App.jsx\nexport default function App() {}\n```";

        var result = BoltParser.Parse(answer);

        Assert.That(result.Actions.Select(a => a is FileAction f ? f.FilePath : ((ShellAction)a).Command), Is.EqualTo(new[] { "npm install zod", "src/schema.js", "src/App.jsx" }));
        Assert.That(result.Diagnostics, Has.Count.EqualTo(3).And.All.Property(nameof(BoltDiagnostic.Severity)).EqualTo(BoltDiagnosticSeverity.Warning));
    }

    [TestCase("Here is an example:\n```js\nconst x = 1;\n```", TestName = "a sample after a sentence naming no file")]
    [TestCase("This works in Node.js:\n```js\nconsole.log(1);\n```", TestName = "a library name is not a file")]
    [TestCase("I changed `App.jsx` and it now renders the list.\n```js\nconst items = [];\n```", TestName = "a file mentioned mid-sentence")]
    [TestCase("```js\nconst x = 1;\n```", TestName = "a bare code block")]
    [TestCase("```bash\nfor f in *.js; do echo $f; done\n```", TestName = "a bash script is not a command list")]
    [TestCase("```bash\nexport PORT=3000\n```", TestName = "an assignment is not a command")]
    [TestCase("example/demo.js:\n```js\nconst x = 1;\n```", TestName = "a scratch path")]
    [TestCase("sample.js:\n```js\nconst x = 1;\n```", TestName = "a generic demo name")]
    [TestCase("src/App.jsx:\n```jsx\nexport default function App() {}", TestName = "an unclosed block")]
    [TestCase("```python\n# hello.py\nprint(1)\n```", TestName = "a comment that does not say file")]
    public void Plain_code_samples_do_not_become_files(string answer)
    {
        var result = BoltParser.Parse(answer);

        Assert.That(result.Actions, Is.Empty);
        Assert.That(result.IsMalformed, Is.True);
        Assert.That(result.Diagnostics.Single().Severity, Is.EqualTo(BoltDiagnosticSeverity.Error), "the answer is still reported as unusable");
    }

    [Test]
    public void An_answer_with_bolt_markup_is_not_read_for_drift()
    {
        var result = BoltParser.Parse("<boltArtifact id=\"a\" title=\"A\"><boltAction type=\"file\" filePath=\"a.js\">a</boltAction></boltArtifact>\nsrc/b.js:\n```js\nb\n```");

        Assert.That(result.Actions.OfType<FileAction>().Select(f => f.FilePath), Is.EqualTo(new[] { "a.js" }));
        Assert.That(result.Diagnostics, Is.Empty);
    }

    [Test]
    public void Reference_reads_none_of_the_drift_forms()
    {
        var result = BoltParser.Parse("src/App.jsx:\n```jsx\nexport default function App() {}\n```\n```bash\nnpm install zod\n```", WebGenProfile.Reference);

        Assert.That(result.Actions, Is.Empty);
        Assert.That(result.Diagnostics, Is.Empty);
    }

    [Test]
    public async Task A_drifted_answer_is_a_code_step_whose_feedback_shows_the_markup_to_write()
    {
        using var temp = new TempDirectory();
        var world = new ScriptedWorld();
        var model = FakeChatClient.Scripted("Here you go.\n\ngrade.txt:\n```\n4\n```", ScriptedWorld.Finish);

        var result = await world.Agent(model, temp).RunAsync("site");

        var step = result.Steps[0];
        Assert.That(step.Node.Kind, Is.EqualTo(StepKind.Code));
        Assert.That(step.Node.ScreenshotGrade, Is.EqualTo(4), "the recovered file reached the site");
        Assert.That(step.ParseDiagnostics.Single().Severity, Is.EqualTo(BoltDiagnosticSeverity.Warning));
        Assert.That(step.Feedback, Does.Contain("## Format\n- Read `grade.txt` from a line holding its path followed by a code block. Write files as <boltAction type=\"file\" filePath=\"grade.txt\">"));
    }
}
