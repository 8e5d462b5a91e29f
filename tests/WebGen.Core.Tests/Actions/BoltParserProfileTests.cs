namespace WebGen.Core.Tests.Actions;

/// <summary>The Reference profile reads answers as the reference's <c>extract_and_write_files</c> and its signal checks do.</summary>
public sealed class BoltParserProfileTests
{
    [Test]
    public void Reference_reads_files_with_the_references_pattern_and_keeps_their_content_as_written()
    {
        const string answer = """
            <boltArtifact id="a" title="A">
            <boltAction type="file" filePath="src/App.jsx">
            ```jsx
            const a = 1 &lt; 2;
            ```
            </boltAction>
            <boltAction type='file' filePath='single.js'>x</boltAction>
            <boltAction filePath="reordered.js" type="file">x</boltAction>
            <boltAction type="file" filePath="extra.js" data-x="1">x</boltAction>
            <boltAction type="shell">npm install left-pad</boltAction>
            <boltAction type="start">npm run dev</boltAction>
            </boltArtifact>
            """;

        var reference = BoltParser.Parse(answer, WebGenProfile.Reference);
        var enhanced = BoltParser.Parse(answer, WebGenProfile.Enhanced);

        // What Python's re.findall(r'<boltAction type="file" filePath="(.*?)">(.*?)</boltAction>', answer, re.DOTALL) returns.
        Assert.That(reference.Actions.OfType<FileAction>().Select(f => (f.FilePath, f.Content)), Is.EqualTo(new[]
        {
            ("src/App.jsx", "\n```jsx\nconst a = 1 < 2;\n```\n"),
            ("extra.js\" data-x=\"1", "x"),
        }));
        Assert.That(reference.Actions, Has.All.InstanceOf<FileAction>(), "no shell or start action is read");
        var file = (FileAction)reference.Actions[0];
        Assert.That(file.Content, Is.EqualTo("\n```jsx\nconst a = 1 < 2;\n```\n"), "entities decoded; the fence and the newlines stay");
        Assert.That(reference.Diagnostics, Is.Empty);
        Assert.That(reference.HasArtifact, Is.True);
        Assert.That(enhanced.Actions.OfType<FileAction>().Select(f => f.FilePath), Is.EqualTo(new[] { "src/App.jsx", "single.js", "reordered.js", "extra.js" }));
        Assert.That(enhanced.Actions.OfType<FileAction>().First().Content, Is.EqualTo("const a = 1 < 2;\n"));
        Assert.That(enhanced.Actions.OfType<ShellAction>().Single().Command, Is.EqualTo("npm install left-pad"));
    }

    [TestCase("<boltAction type=\"finish\"></boltAction>", true)]
    [TestCase("Done. <boltAction type='finish'/>", true)]
    [TestCase("I will not use boltAction type=\"finish\" yet.", true)]
    [TestCase("<boltAction  type=\"finish\"/>", false)]
    [TestCase("<boltAction type=finish/>", false)]
    [TestCase("<BOLTACTION TYPE=\"FINISH\"/>", false)]
    public void Reference_reads_the_finish_signal_as_the_substring_it_checks(string answer, bool signal)
    {
        var actions = BoltParser.Parse(answer, WebGenProfile.Reference).Actions;

        Assert.That(actions.OfType<FinishAction>().Any(), Is.EqualTo(signal));
    }

    [Test]
    public void Reference_reads_both_signals_and_files_in_the_order_they_appear()
    {
        const string answer = "<boltAction type=\"file\" filePath=\"a.js\">a</boltAction> then <boltAction type='screenshot_validated'/> and <boltAction type=\"finish\"/>";

        var types = BoltParser.ParseReference(answer).Actions.Select(a => a.GetType().Name);

        Assert.That(types, Is.EqualTo(new[] { nameof(FileAction), nameof(ScreenshotValidatedAction), nameof(FinishAction) }));
    }

    [Test]
    public void Reference_reads_nothing_from_an_answer_without_the_patterns_and_reports_nothing()
    {
        var result = BoltParser.ParseReference("I would build it with React and Vite.");

        Assert.That(result.Actions, Is.Empty);
        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(result.HasArtifact, Is.False);
    }
}
