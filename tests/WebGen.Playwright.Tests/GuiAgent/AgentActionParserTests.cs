namespace WebGen.Playwright.Tests.GuiAgent;

public sealed class AgentActionParserTests
{
    [Test]
    public void Reads_thought_and_click()
    {
        var action = AgentActionParser.Parse("Thought: The add button is labelled 3.\nAction: Click [3]");

        Assert.That(action.Kind, Is.EqualTo(GuiActionKind.Click));
        Assert.That(action.Label, Is.EqualTo(3));
        Assert.That(action.Thought, Is.EqualTo("The add button is labelled 3."));
    }

    [TestCase("Action: Type [12]; hello world", 12, "hello world")]
    [TestCase("Action: type [4]; [Ada Lovelace]", 4, "Ada Lovelace")]
    [TestCase("Action: Type 7: \"a; b\"", 7, "a; b")]
    public void Reads_type_with_its_text(string output, int label, string text)
    {
        var action = AgentActionParser.Parse(output);

        Assert.That(action.Kind, Is.EqualTo(GuiActionKind.Type));
        Assert.That(action.Label, Is.EqualTo(label));
        Assert.That(action.Text, Is.EqualTo(text));
    }

    [TestCase("Action: Scroll [WINDOW]; down", null, true)]
    [TestCase("Action: scroll [5]; up", 5, false)]
    [TestCase("Action: Scroll [window]; [down]", null, true)]
    public void Reads_scroll_target_and_direction(string output, int? label, bool down)
    {
        var action = AgentActionParser.Parse(output);

        Assert.That(action.Kind, Is.EqualTo(GuiActionKind.Scroll));
        Assert.That(action.Label, Is.EqualTo(label));
        Assert.That(action.Down, Is.EqualTo(down));
    }

    [TestCase("Action: Wait", GuiActionKind.Wait)]
    [TestCase("Action: GoBack", GuiActionKind.GoBack)]
    [TestCase("Action: go back", GuiActionKind.GoBack)]
    [TestCase("Click [2]", GuiActionKind.Click)]
    [TestCase("Thought: done\nAction: `Click [2]`", GuiActionKind.Click)]
    public void Reads_the_other_actions_with_tolerance_for_form(string output, GuiActionKind kind)
    {
        Assert.That(AgentActionParser.Parse(output).Kind, Is.EqualTo(kind));
    }

    [Test]
    public void Answer_keeps_its_whole_text()
    {
        var action = AgentActionParser.Parse("Thought: It works.\nAction: ANSWER; YES\nThe cart updates correctly.");

        Assert.That(action.Kind, Is.EqualTo(GuiActionKind.Answer));
        Assert.That(action.Text, Is.EqualTo("YES\nThe cart updates correctly."));
    }

    [TestCase("I would click the button.", "is not one of the actions")]
    [TestCase("Action: Click the blue button", "is not one of the actions")]
    [TestCase("Action: Scroll [3]; sideways", "is not one of the actions")]
    [TestCase("Action: ANSWER;", "ANSWER needs the answer")]
    [TestCase("", "no action")]
    public void Invalid_answers_explain_the_problem(string output, string problem)
    {
        var action = AgentActionParser.Parse(output);

        Assert.That(action.Kind, Is.EqualTo(GuiActionKind.Invalid));
        Assert.That(action.Problem, Does.Contain(problem));
    }

    [Test]
    public void The_same_action_written_differently_is_recognised_as_the_same()
    {
        Assert.That(AgentActionParser.Parse("Action: Click [3]").Canonical, Is.EqualTo(AgentActionParser.Parse("Thought: again\nAction: click 3").Canonical));
    }
}
