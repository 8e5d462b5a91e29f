namespace WebGen.Playwright.Tests.GuiAgent;

public sealed class GuiVerdictParserTests
{
    [TestCase("YES", GuiVerdict.Yes)]
    [TestCase("yes", GuiVerdict.Yes)]
    [TestCase("**YES**", GuiVerdict.Yes)]
    [TestCase("\"Yes, the form submits.\"", GuiVerdict.Yes)]
    [TestCase("NO.", GuiVerdict.No)]
    [TestCase("PARTIAL: only the cart works", GuiVerdict.Partial)]
    [TestCase("Partially", GuiVerdict.Partial)]
    [TestCase("The answer is YES", GuiVerdict.Unknown)]
    [TestCase("NOT sure", GuiVerdict.Unknown)]
    [TestCase("YESTERDAY it worked", GuiVerdict.Unknown)]
    [TestCase("", GuiVerdict.Unknown)]
    [TestCase(null, GuiVerdict.Unknown)]
    public void Exact_parsing_reads_the_answer_word_only(string? answer, GuiVerdict expected)
    {
        Assert.That(GuiVerdictParser.Parse(answer), Is.EqualTo(expected));
    }

    [TestCase("The answer is YES", GuiVerdict.Yes)]
    [TestCase("NO, but YES for the header", GuiVerdict.Yes)]
    [TestCase("PARTIAL", GuiVerdict.Partial)]
    [TestCase("yes", GuiVerdict.No)]
    [TestCase("NOT sure", GuiVerdict.No)]
    [TestCase(null, GuiVerdict.No)]
    public void Reference_mode_reproduces_the_harness_substring_rule(string? answer, GuiVerdict expected)
    {
        Assert.That(GuiVerdictParser.Parse(answer, GuiVerdictParsing.ReferenceCompatible), Is.EqualTo(expected));
    }
}
