namespace WebGen.Training.Tests;

public sealed class MalformedOutputDetectorTests
{
    private static readonly MalformedOutputDetector Detector = MalformedOutputDetector.Reference;

    [Test]
    public void A_step_without_parsable_action_is_malformed()
    {
        Assert.That(Detector.Detect(Steps.Bad(1, null)), Is.EqualTo("no parsable action"));
        Assert.That(Detector.Detect(Steps.Code(1, null, 3) with { ActionTypes = [] }), Is.EqualTo("no parsable action"));
    }

    [Test]
    public void A_well_formed_code_step_is_not_malformed()
    {
        Assert.That(Detector.Detect(Steps.Code(1, null, 3, output: Steps.Prose(3000))), Is.Null);
    }

    [Test]
    public void Signal_answers_may_be_400_characters_after_trimming_but_not_401()
    {
        var action = "<boltAction type=\"finish\"/>";
        var atLimit = Steps.Prose(400 - action.Length) + action;
        var overLimit = Steps.Prose(401 - action.Length) + action;

        Assert.That(atLimit, Has.Length.EqualTo(400));
        Assert.That(Detector.Detect(Steps.Finish(2, 1, output: "\n  " + atLimit + "  \n")), Is.Null);
        Assert.That(Detector.Detect(Steps.Finish(2, 1, output: overLimit)), Does.Contain("401 characters (limit 400)"));
        Assert.That(Detector.Detect(Steps.Validate(2, 1, 3, output: overLimit)), Does.Contain("401 characters"));
    }

    [Test]
    public void Length_is_counted_in_code_points_like_the_reference()
    {
        // 400 emoji are 800 UTF-16 units but 400 characters in Python's len.
        var emoji = string.Concat(Enumerable.Range(0, 400).Select(i => char.ConvertFromUtf32(0x1F300 + i)));
        var step = Steps.Finish(2, 1, output: emoji) with { ActionTypes = ["finish"] };

        Assert.That(emoji, Has.Length.EqualTo(800));
        Assert.That(Detector.Detect(step), Is.Null);
        Assert.That(Detector.Detect(step with { ModelOutput = emoji + "!" }), Does.Contain("401 characters"));
    }

    [Test]
    public void A_signal_answer_carrying_an_artifact_is_malformed()
    {
        var output = "<boltArtifact id=\"x\" title=\"x\"><boltAction type=\"screenshot_validated\"/></boltArtifact>";

        Assert.That(Detector.Detect(Steps.Validate(2, 1, 3, output: output)), Does.Contain("boltArtifact"));
        Assert.That(Detector.Detect(Steps.Validate(2, 1, 3, hasArtifact: true)), Does.Contain("boltArtifact"));
    }

    [Test]
    public void A_code_answer_that_also_signals_is_held_to_the_signal_rules()
    {
        var step = Steps.Code(1, null, 4) with { ActionTypes = ["file", "screenshot_validated"] };

        Assert.That(Detector.Detect(step), Does.Contain("boltArtifact"));
    }

    [Test]
    public void Degenerate_repetition_is_malformed()
    {
        var repeated = string.Concat(Enumerable.Repeat("<div class=\"row\"><span>Item</span><button>Delete</button></div>\n", 12));

        Assert.That(Detector.Detect(Steps.Code(1, null, 3, output: repeated)), Does.StartWith("degenerate repetition"));
    }

    [Test]
    public void Blocks_differing_only_in_numbers_and_colours_count_as_repeated()
    {
        var blocks = string.Concat(Enumerable.Range(0, 12).Select(i => $".item-{i} {{ color: #{i:x3}; width: {i * 10}px; background: rgb({i}, 0, 0); }}\n"));

        Assert.That(RepetitionCoverage.Measure(blocks), Is.GreaterThanOrEqualTo(0.4));
        Assert.That(Detector.Detect(Steps.Code(1, null, 3, output: blocks)), Does.StartWith("degenerate repetition"));
    }

    [Test]
    public void Thresholds_are_configurable()
    {
        var lenient = new MalformedOutputDetector(new MalformedOutputOptions { MaxSignalAnswerLength = 1000 });
        var output = Steps.Prose(600) + "<boltAction type=\"finish\"/>";

        Assert.That(Detector.Detect(Steps.Finish(2, 1, output: output)), Is.Not.Null);
        Assert.That(lenient.Detect(Steps.Finish(2, 1, output: output)), Is.Null);
    }
}
