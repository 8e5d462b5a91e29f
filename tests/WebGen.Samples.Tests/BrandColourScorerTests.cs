using System.ComponentModel.DataAnnotations;
using WebGen.Samples.BrandColours;

namespace WebGen.Samples.Tests;

public sealed class BrandColourScorerTests
{
    private const string WhiteAndNavy = "Please implement a website for generating stock reports. Set the background color to white and the component color to navy.";

    [Test]
    public void Reads_colour_names_only_from_the_sentences_about_colours()
    {
        var colours = ColourNames.FindIn("A website for a chocolate shop with an orange logo. Learn about our background and history. Set the background color to white and the component color to navy.");

        Assert.That(colours.Select(c => c.ToString()), Is.EqualTo(new[] { "white (#ffffff)", "navy (#000080)" }));
    }

    [TestCase("Configure the background color to honeydew, with components using dark olive green.", "honeydew (#f0fff0)", "dark olive green (#556b2f)")]
    [TestCase("Apply mint cream as the background; style all components with teal.", "mint cream (#f5fffa)", "teal (#008080)")]
    [TestCase("Assign light goldenrod to the background and olive drab to the UI elements.", "light goldenrod (#eedd82)", "olive drab (#6b8e23)")]
    [TestCase("Set the background to azure mist, and apply dark slate blue to components.", "azure (#f0ffff)", "dark slate blue (#483d8b)")]
    [TestCase("Use #FAFAFA for the background and #1e90ff as the brand colour.", "#fafafa", "#1e90ff")]
    [TestCase("Use a Light-Blue background and Navy Blue buttons for the theme.", "Light-Blue (#add8e6)", "navy blue (#000080)")]
    public void Reads_multi_word_css_names_and_hex_codes_as_one_colour(string instruction, string first, string second)
    {
        var colours = ColourNames.FindIn(instruction);

        Assert.That(colours.Select(c => c.ToString()), Is.EqualTo(new[] { first, second }).IgnoreCase);
    }

    [Test]
    public async Task Every_named_colour_present_gives_1_and_the_reason_gives_each_share_of_pixels()
    {
        var png = Pngs.Bands(100, (0xffffff, 90), (0x000080, 10));

        var score = await new BrandColourScorer().ScoreAsync(Pngs.Context(WhiteAndNavy, png));

        Assert.That(score.Name, Is.EqualTo(BrandColourScorer.ScoreName));
        Assert.That(score.Value, Is.EqualTo(1));
        Assert.That(score.IsFatal, Is.False);
        Assert.That(score.Reason, Does.Contain("2 of 2 brand colours found"));
        Assert.That(score.Reason, Does.Contain("white (#ffffff) covers 90.0% of the pixels"));
        Assert.That(score.Reason, Does.Contain("navy (#000080) covers 10.0% of the pixels"));
    }

    [Test]
    public async Task A_missing_colour_halves_the_score_and_the_reason_says_how_far_the_nearest_colour_was()
    {
        // The offline demo model paints "navy" as #001f5b, about ΔE 40 from CSS navy: a different colour to this scorer.
        var png = Pngs.Bands(100, (0xffffff, 80), (0x001f5b, 20));

        var score = await new BrandColourScorer().ScoreAsync(Pngs.Context(WhiteAndNavy, png));

        Assert.That(score.Value, Is.EqualTo(0.5));
        Assert.That(score.IsFatal, Is.False, "a missing brand colour must not skip the judge");
        Assert.That(score.Reason, Does.Contain("1 of 2 brand colours found"));
        Assert.That(score.Reason, Does.Contain("navy (#000080) covers 0.0% of the pixels (needs 0.5%; the nearest colour on the page is ΔE 40 away)"));
        Assert.That(score.Reason, Does.Contain("Use the missing colours"));
    }

    [Test]
    public async Task A_wider_tolerance_accepts_a_nearby_shade_and_a_higher_minimum_share_rejects_a_thin_accent()
    {
        var png = Pngs.Bands(100, (0xffffff, 99), (0x001f5b, 1));

        var tolerant = await new BrandColourScorer(new BrandColourScorerOptions { MaxDeltaE = 45 }).ScoreAsync(Pngs.Context(WhiteAndNavy, png));
        var strict = await new BrandColourScorer(new BrandColourScorerOptions { MaxDeltaE = 45, MinimumShare = 0.02 }).ScoreAsync(Pngs.Context(WhiteAndNavy, png));

        Assert.That(tolerant.Value, Is.EqualTo(1), tolerant.Reason);
        Assert.That(strict.Value, Is.EqualTo(0.5), strict.Reason);
        Assert.That(strict.Reason, Does.Contain("navy (#000080) covers 1.0% of the pixels (needs 2.0%"));
    }

    [Test]
    public async Task An_instruction_without_colours_passes_and_a_capture_that_is_not_a_png_scores_0()
    {
        var png = Pngs.Bands(10, (0x123456, 10));

        var none = await new BrandColourScorer().ScoreAsync(Pngs.Context("A todo app with due dates.", png));
        var notPng = await new BrandColourScorer().ScoreAsync(Pngs.Context(WhiteAndNavy, [1, 2, 3]));

        Assert.That(none.Value, Is.EqualTo(1));
        Assert.That(none.Reason, Does.Contain("names no colours"));
        Assert.That(notPng.Value, Is.Zero);
        Assert.That(notPng.Reason, Does.Contain("not a PNG"));
    }

    [Test]
    public void Options_out_of_range_are_refused_with_the_option_named()
    {
        var ex = Assert.Throws<ValidationException>(() => _ = new BrandColourScorer(new BrandColourScorerOptions { MinimumShare = 2 }));

        Assert.That(ex!.Message, Does.Contain("MinimumShare"));
    }
}
