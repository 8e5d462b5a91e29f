using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace WebGen.Core.Tests.Actions;

public sealed class BoltParserTests
{
    [Test]
    public void Parses_every_action_type_in_order()
    {
        var answer = """
            Sure, here is the site.
            <boltArtifact id="site" title="My Site">
            <boltAction type="file" filePath="src/App.jsx">
            export default function App() { return <h1>Hi</h1>; }
            </boltAction>
            <boltAction type="shell">npm install react-router-dom</boltAction>
            <boltAction type="start">npm run dev</boltAction>
            <boltAction type="screenshot_validated"></boltAction>
            <boltAction type="finish"/>
            <boltAction type="gui_agent_test">Verify the title is shown.</boltAction>
            </boltArtifact>
            Let me know!
            """;

        var result = BoltParser.Parse(answer);

        Assert.That(result.Actions.Select(a => a.GetType().Name), Is.EqualTo(new[]
        {
            nameof(FileAction), nameof(ShellAction), nameof(StartAction), nameof(ScreenshotValidatedAction), nameof(FinishAction), nameof(GuiAgentTestAction),
        }));
        var file = (FileAction)result.Actions[0];
        Assert.That(file.FilePath, Is.EqualTo("src/App.jsx"));
        Assert.That(file.Content, Is.EqualTo("export default function App() { return <h1>Hi</h1>; }\n"));
        Assert.That(((ShellAction)result.Actions[1]).Command, Is.EqualTo("npm install react-router-dom"));
        Assert.That(((StartAction)result.Actions[2]).Command, Is.EqualTo("npm run dev"));
        Assert.That(((GuiAgentTestAction)result.Actions[5]).Instruction, Is.EqualTo("Verify the title is shown."));
        Assert.That(result.ArtifactTitle, Is.EqualTo("My Site"));
        Assert.That(result.HasArtifact, Is.True);
        Assert.That(result.IsMalformed, Is.False);
        Assert.That(result.Diagnostics, Is.Empty);
    }

    [TestCase("<boltAction type='file' filePath='a.js'>x</boltAction>")]
    [TestCase("<boltAction type=\"file\" filePath=\"a.js\">x</boltAction>")]
    [TestCase("<boltAction filePath = 'a.js'  type = \"file\" >x</boltAction>")]
    [TestCase("<BOLTACTION TYPE=\"FILE\" FILEPATH=\"a.js\">x</BOLTACTION>")]
    public void Accepts_quoting_and_spacing_variants(string answer)
    {
        var file = BoltParser.Parse(answer).Actions.OfType<FileAction>().Single();

        Assert.That(file.FilePath, Is.EqualTo("a.js"));
        Assert.That(file.Content, Is.EqualTo("x\n"));
    }

    [Test]
    public void Decodes_html_entities_in_content_and_attributes()
    {
        var result = BoltParser.Parse("<boltArtifact title=\"Tom &amp; Jerry\"><boltAction type=\"file\" filePath=\"src/a&amp;b.js\">if (a &lt; b &amp;&amp; c &gt; d) {}&#10;const s = &quot;x&quot;;</boltAction></boltArtifact>");

        var file = result.Actions.OfType<FileAction>().Single();
        Assert.That(file.FilePath, Is.EqualTo("src/a&b.js"));
        Assert.That(file.Content, Is.EqualTo("if (a < b && c > d) {}\nconst s = \"x\";\n"));
        Assert.That(result.ArtifactTitle, Is.EqualTo("Tom & Jerry"));
    }

    [Test]
    public void Strips_a_code_fence_wrapping_the_whole_file()
    {
        var file = BoltParser.Parse("<boltAction type=\"file\" filePath=\"a.js\">\n```jsx\nconst a = 1;\n```\n</boltAction>").Actions.OfType<FileAction>().Single();

        Assert.That(file.Content, Is.EqualTo("const a = 1;\n"));
    }

    [Test]
    public void Truncated_final_action_is_kept_flagged_and_reported()
    {
        var result = BoltParser.Parse("<boltArtifact><boltAction type=\"file\" filePath=\"a.js\">const a = 1;</boltAction><boltAction type=\"file\" filePath=\"b.js\">const b = ");

        Assert.That(result.Actions, Has.Count.EqualTo(2));
        Assert.That(result.Actions[0].IsTruncated, Is.False);
        var truncated = (FileAction)result.Actions[1];
        Assert.That(truncated.IsTruncated, Is.True);
        Assert.That(truncated.Content, Is.EqualTo("const b =\n"));
        Assert.That(result.Diagnostics.Single().Message, Does.Contain("no closing </boltAction>"));
    }

    [Test]
    public void Unterminated_action_followed_by_another_ends_at_the_next_action()
    {
        var result = BoltParser.Parse("<boltAction type=\"file\" filePath=\"a.js\">one<boltAction type=\"file\" filePath=\"b.js\">two</boltAction>");

        Assert.That(result.Actions.OfType<FileAction>().Select(f => (f.FilePath, f.Content, f.IsTruncated)), Is.EqualTo(new[] { ("a.js", "one\n", true), ("b.js", "two\n", false) }));
    }

    [Test]
    public void Unclosed_action_before_artifact_end_stops_at_the_artifact_end()
    {
        var result = BoltParser.Parse("<boltArtifact><boltAction type=\"file\" filePath=\"a.js\">body\n</boltArtifact>");

        Assert.That(((FileAction)result.Actions.Single()).Content, Is.EqualTo("body\n"));
    }

    [Test]
    public void Tag_cut_off_before_its_end_is_reported()
    {
        var result = BoltParser.Parse("<boltAction type=\"file\" filePath=\"a.js\">x</boltAction><boltAction type=\"fi");

        Assert.That(result.Actions, Has.Count.EqualTo(1));
        Assert.That(result.Diagnostics.Single().Message, Does.Contain("cut off"));
    }

    [TestCase("")]
    [TestCase("I think the website should be blue.")]
    [TestCase("<boltArtifact id=\"x\"></boltArtifact>")]
    [TestCase("<boltActionable>nope</boltActionable>")]
    public void Answer_without_actions_is_malformed_with_a_diagnostic(string answer)
    {
        var result = BoltParser.Parse(answer);

        Assert.That(result.IsMalformed, Is.True);
        Assert.That(result.Diagnostics.Single().Severity, Is.EqualTo(BoltDiagnosticSeverity.Error));
    }

    [Test]
    public void Unknown_types_and_missing_attributes_are_reported_not_thrown()
    {
        var result = BoltParser.Parse("<boltAction type=\"deploy\">x</boltAction><boltAction>y</boltAction><boltAction type=\"file\">z</boltAction><boltAction type=\"shell\">  </boltAction>");

        Assert.That(result.Actions, Is.Empty);
        Assert.That(result.Diagnostics.Select(d => d.Message), Has.Some.Contains("Unknown action type \"deploy\""));
        Assert.That(result.Diagnostics.Select(d => d.Message), Has.Some.Contains("no type attribute"));
        Assert.That(result.Diagnostics.Select(d => d.Message), Has.Some.Contains("no filePath"));
    }

    [Test]
    public void Quoted_greater_than_inside_an_attribute_does_not_end_the_tag()
    {
        var file = BoltParser.Parse("<boltAction type=\"file\" filePath=\"a>b.js\">x</boltAction>").Actions.OfType<FileAction>().Single();

        Assert.That(file.FilePath, Is.EqualTo("a>b.js"));
    }

    [Test]
    public void Parses_a_one_megabyte_answer_with_many_files()
    {
        var sb = new StringBuilder("<boltArtifact id=\"big\">");
        var line = new string('x', 1000);
        for (var i = 0; i < 100; i++)
        {
            sb.Append("<boltAction type=\"file\" filePath=\"src/f").Append(i).Append(".js\">");
            for (var j = 0; j < 10; j++)
            {
                sb.Append("// ").Append(line).Append('\n');
            }

            sb.Append("</boltAction>");
        }

        sb.Append("</boltArtifact>");
        Assert.That(sb.Length, Is.GreaterThan(1_000_000));

        var result = BoltParser.Parse(sb.ToString());

        Assert.That(result.Actions, Has.Count.EqualTo(100));
        Assert.That(result.Diagnostics, Is.Empty);
    }

    [Test]
    public void Parsing_never_throws_on_arbitrary_text()
    {
        Prop.ForAll<string>(text =>
        {
            var result = BoltParser.Parse(text);
            return result.Actions.Count + result.Diagnostics.Count > 0;
        }).QuickCheckThrowOnFailure();
    }

    [Test]
    public void Parsing_never_throws_on_fragments_of_bolt_markup()
    {
        string[] pieces = ["<boltArtifact", "<boltAction", "</boltAction>", "</boltArtifact>", " type=\"file\"", " type='shell'", " filePath=\"a.js\"", ">", "/>", "\"", "'", "&amp;", "&#", "x", "\n", "<", "=", "```"];
        var gen = Gen.Elements(pieces).ListOf().Select(parts => string.Concat(parts));

        Prop.ForAll(gen.ToArbitrary(), text =>
        {
            var result = BoltParser.Parse(text);
            return result.Actions.All(a => a is not FileAction f || f.FilePath.Length > 0);
        }).QuickCheckThrowOnFailure();
    }
}
