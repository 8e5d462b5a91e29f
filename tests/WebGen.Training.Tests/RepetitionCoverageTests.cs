namespace WebGen.Training.Tests;

public sealed class RepetitionCoverageTests
{
    [Test]
    public void Counts_overlapping_windows_whose_text_occurs_often_enough()
    {
        // Windows of 2: ab ba ab ba ab; "ab" occurs 3 times → 3 of 5 windows.
        Assert.That(RepetitionCoverage.Measure("ababab", chunkLength: 2, minOccurrences: 3), Is.EqualTo(3.0 / 5));
        // With 2 occurrences enough, every window counts.
        Assert.That(RepetitionCoverage.Measure("ababab", chunkLength: 2, minOccurrences: 2), Is.EqualTo(1.0));
    }

    [Test]
    public void Text_shorter_than_two_windows_has_no_coverage()
    {
        Assert.That(RepetitionCoverage.Measure("aaa", chunkLength: 2, minOccurrences: 1), Is.Zero);
        Assert.That(RepetitionCoverage.Measure(new string('a', 99)), Is.Zero);
        Assert.That(RepetitionCoverage.Measure(new string('a', 100)), Is.EqualTo(1.0));
    }

    [Test]
    public void A_60_character_block_three_times_is_below_the_threshold_and_four_times_above()
    {
        // 60 distinct letters X. XXX: 131 windows; a window text occurs 3 times only for the 11 phases starting at 0–10 → 33/131.
        // XXXX: 191 windows; every phase occurs 3 or 4 times → 191/191.
        var block = "abcdefghijklmnopqrstuvwxyz" + "αβγδεζηθικλμνξοπρστυφχψω" + "бвгджзклмн";
        Assert.That(block.EnumerateRunes().Distinct().Count(), Is.EqualTo(60));

        Assert.That(RepetitionCoverage.Measure(block + block + block), Is.EqualTo(33.0 / 131));
        Assert.That(RepetitionCoverage.Measure(block + block + block + block), Is.EqualTo(1.0));
    }

    [Test]
    public void Canonical_form_replaces_literals_collapses_whitespace_and_lower_cases()
    {
        var canonical = RepetitionCoverage.Canonicalise("  Color: #FFF;\n\tWidth:  12.5px  rgba(0, 0, 0, .5) X ");

        Assert.That(canonical, Is.EqualTo("color: <var>; width: <var>px <var> x"));
    }

    [Test]
    public void Windows_are_counted_in_code_points()
    {
        // Each emoji is one character; "😀😁" repeated: windows of 2 alternate between two texts.
        var text = string.Concat(Enumerable.Repeat("😀😁", 3));
        Assert.That(RepetitionCoverage.Measure(text, chunkLength: 2, minOccurrences: 3), Is.EqualTo(3.0 / 5));
    }
}
