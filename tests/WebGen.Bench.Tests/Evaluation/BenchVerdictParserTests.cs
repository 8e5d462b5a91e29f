namespace WebGen.Bench.Tests.Evaluation;

public sealed class BenchVerdictParserTests
{
    [TestCase("YES", GuiVerdict.Yes, GuiVerdict.Yes)]
    [TestCase("PARTIAL", GuiVerdict.Partial, GuiVerdict.Partial)]
    [TestCase("NO", GuiVerdict.No, GuiVerdict.No)]
    [TestCase("**YES**", GuiVerdict.Yes, GuiVerdict.Yes)]
    [TestCase("Thought: all good.\nAction: ANSWER; PARTIAL", GuiVerdict.Partial, GuiVerdict.Partial)]
    [TestCase("Final answer: NO - the form never submits", GuiVerdict.No, GuiVerdict.No)]
    [TestCase("Thought: the YES button does nothing.\nAnswer: NO", GuiVerdict.No, GuiVerdict.Yes)]
    [TestCase("Thought: it looked PARTIAL at first.\nYES", GuiVerdict.Yes, GuiVerdict.Yes)]
    [TestCase("yes", GuiVerdict.Yes, GuiVerdict.No)]
    [TestCase("Not sure what happened", GuiVerdict.Unknown, GuiVerdict.No)]
    [TestCase("The answer is YES", GuiVerdict.Unknown, GuiVerdict.Yes)]
    [TestCase("NOPE", GuiVerdict.Unknown, GuiVerdict.No)]
    [TestCase("YES\n\n", GuiVerdict.Yes, GuiVerdict.Yes)]
    [TestCase("", GuiVerdict.Unknown, GuiVerdict.No)]
    [TestCase(null, GuiVerdict.Unknown, GuiVerdict.No)]
    public void Reads_verdicts_exactly_or_like_the_reference_harness(string? answer, GuiVerdict exact, GuiVerdict reference)
    {
        Assert.That(BenchVerdictParser.Parse(answer, BenchVerdictMode.Exact), Is.EqualTo(exact));
        Assert.That(BenchVerdictParser.Parse(answer, BenchVerdictMode.Reference), Is.EqualTo(reference));
    }

    [Test]
    public void Reference_mode_reads_the_whole_last_message_and_exact_mode_the_answer()
    {
        var result = new BenchCaseResult
        {
            TaskId = "000001",
            CaseIndex = 0,
            FinalAnswer = "NO",
            LastMessage = "Thought: I clicked YES on the dialog but no booking appeared.\nAction: ANSWER; NO",
        };

        Assert.That(BenchVerdictParser.Parse(result, BenchVerdictMode.Reference), Is.EqualTo(GuiVerdict.Yes), "the published harness searches the Thought too");
        Assert.That(BenchVerdictParser.Parse(result, BenchVerdictMode.Exact), Is.EqualTo(GuiVerdict.No));
        Assert.That(BenchVerdictParser.Parse(result with { LastMessage = null }, BenchVerdictMode.Reference), Is.EqualTo(GuiVerdict.No), "results recorded before the last message was kept fall back to the answer");
    }

    [TestCase(GuiVerdict.Yes, 1.0)]
    [TestCase(GuiVerdict.Partial, 0.5)]
    [TestCase(GuiVerdict.No, 0.0)]
    [TestCase(GuiVerdict.Unknown, 0.0)]
    public void Scores_verdicts_one_half_zero(GuiVerdict verdict, double score)
        => Assert.That(BenchVerdictParser.Score(verdict), Is.EqualTo(score));
}
