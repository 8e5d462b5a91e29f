using Microsoft.Extensions.AI;

namespace WebGen.Core.Tests.Offline;

public sealed class OfflineDemoChatClientTests
{
    private const string StockTask = "Please implement a website for generating stock reports to provide stock information and analysis. The website should have the functionality to search and summarize stock information. Users should be able to input stock codes or names. Set the background color to white and the component color to navy.";

    [Test]
    public void Title_comes_from_the_instruction()
    {
        Assert.That(OfflineDemoChatClient.Title(StockTask), Is.EqualTo("Generating Stock Reports"));
        Assert.That(OfflineDemoChatClient.Title("Build a page about bread."), Is.EqualTo("Bread"));
        Assert.That(OfflineDemoChatClient.Title("..."), Is.EqualTo("My Website"));
    }

    [Test]
    public void Colours_named_in_the_instruction_are_assigned_by_role()
    {
        Assert.That(OfflineDemoChatClient.Colours(StockTask), Is.EqualTo(("#ffffff", "#001f5b")));
        Assert.That(OfflineDemoChatClient.Colours("Use a light blue background and orange buttons."), Is.EqualTo(("#add8e6", "#f28c28")));
        Assert.That(OfflineDemoChatClient.Colours("No colours here."), Is.EqualTo(("#f7f8fc", "#3450a1")));
    }

    [Test]
    public async Task Writes_a_complete_vite_site_then_validates_then_finishes()
    {
        var client = new OfflineDemoChatClient();
        var history = new List<ChatMessage> { new(ChatRole.System, "sys"), new(ChatRole.User, StockTask) };

        var first = await client.GetResponseAsync(history);
        var parse = BoltParser.Parse(first.Text);
        var files = parse.Actions.OfType<FileAction>().ToDictionary(f => f.FilePath, f => f.Content);
        Assert.That(files.Keys, Is.EquivalentTo(new[] { "package.json", "vite.config.js", "index.html", "src/main.jsx", "src/App.jsx", "src/App.css" }));
        Assert.That(parse.Diagnostics, Is.Empty);
        Assert.That(files["src/App.css"], Does.Contain("--bg: #ffffff").And.Contain("--accent: #001f5b"));
        Assert.That(files["src/App.jsx"], Does.Contain("\"Generating Stock Reports\""));
        Assert.That(System.Text.Json.JsonDocument.Parse(files["package.json"]).RootElement.GetProperty("scripts").GetProperty("dev").GetString(), Is.EqualTo("vite"));

        history.Add(first.Messages[0]);
        history.Add(new ChatMessage(ChatRole.User, "feedback"));
        var second = await client.GetResponseAsync(history);
        Assert.That(BoltParser.Parse(second.Text).Actions.Single(), Is.InstanceOf<ScreenshotValidatedAction>());

        history.Add(second.Messages[0]);
        history.Add(new ChatMessage(ChatRole.User, "gui feedback"));
        var third = await client.GetResponseAsync(history);
        Assert.That(BoltParser.Parse(third.Text).Actions.Single(), Is.InstanceOf<FinishAction>());
    }

    [Test]
    public void Instruction_text_is_embedded_safely_in_javascript()
    {
        var site = OfflineDemoChatClient.WriteSite("A site for \"quotes\" & <tags> and `backticks` ${injection}. It should work.");
        var app = BoltParser.Parse(site).Actions.OfType<FileAction>().Single(f => f.FilePath == "src/App.jsx").Content;

        Assert.That(app, Does.Contain("const REQUEST = \"A site for \\u0022quotes\\u0022 \\u0026 \\u003Ctags\\u003E and \\u0060backticks\\u0060 ${injection}. It should work.\";"));
    }
}
