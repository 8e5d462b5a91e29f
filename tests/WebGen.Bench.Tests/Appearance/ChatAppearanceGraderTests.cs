using Microsoft.Extensions.AI;
using StbImageSharp;
using WebGen.Testing;

namespace WebGen.Bench.Tests.Appearance;

public sealed class ChatAppearanceGraderTests
{
    [TestCase("Analysis: clean layout.\n\nGrade: 4", 4)]
    [TestCase("Analysis: fine\nGRADE: **3**", 3)]
    [TestCase("grade 5/5", 5)]
    [TestCase("Analysis: looks good, no score given.", 0)]
    [TestCase("", 0)]
    [TestCase(null, 0)]
    public void Reads_the_first_digit_after_grade(string? answer, int grade)
        => Assert.That(ChatAppearanceGrader.ParseGrade(answer), Is.EqualTo(grade));

    [Test]
    public async Task Grades_viewport_high_screenshots_of_the_home_page_against_the_instruction()
    {
        var page = Gradient(width: 64, height: 2000);
        var capturer = new FakePageCapturer(r => new PageCapture { Url = r.Url, Png = page, Width = 64, Height = 2000, ViewportWidth = r.ViewportWidth });
        var model = new FakeChatClient(_ => "Analysis: the navy header matches.\n\nGrade: 4");
        var grader = new ChatAppearanceGrader(capturer, model);

        var grade = await grader.GradeAsync(new AppearanceRequest { SiteUrl = new Uri("http://127.0.0.1:9/"), Instruction = "A bakery site with a navy header.", SessionId = "s1" });

        Assert.That(grade.Grade, Is.EqualTo(4));
        Assert.That(grade.Analysis, Does.StartWith("Analysis: the navy header"));
        Assert.That(grade.Screenshots, Has.Count.EqualTo(3));
        var request = capturer.Requests.Single();
        Assert.That((request.FullPage, request.ViewportWidth, request.ViewportHeight, request.SessionId), Is.EqualTo((true, 1024, 768, "s1")));
        Assert.That(capturer.EndedSessions, Is.EqualTo(new[] { "s1" }));
        var message = model.Calls.Single().Single();
        Assert.That(message.Text, Does.Contain("A bakery site with a navy header.").And.Contain("Grade:"));
        Assert.That(message.Contents.OfType<DataContent>().Select(c => c.MediaType), Is.EqualTo(new[] { "image/png", "image/png", "image/png" }));
    }

    [Test]
    public async Task A_page_that_cannot_be_captured_is_graded_zero_without_asking_the_model()
    {
        var capturer = new FakePageCapturer(r => new PageCapture { Url = r.Url, Failure = "net::ERR_CONNECTION_REFUSED" });
        var model = new FakeChatClient(_ => "Grade: 5");

        var grade = await new ChatAppearanceGrader(capturer, model).GradeAsync(new AppearanceRequest { SiteUrl = new Uri("http://127.0.0.1:9/"), Instruction = "x", SessionId = "s" });

        Assert.That(grade.Grade, Is.Zero);
        Assert.That(grade.CaptureFailure, Is.EqualTo("net::ERR_CONNECTION_REFUSED"));
        Assert.That(model.Calls, Is.Empty);
    }

    [Test]
    public async Task Sends_the_screenshots_through_a_real_openai_compatible_endpoint()
    {
        await using var server = await OpenAICompatibleServer.StartAsync(call => ScriptedReply.Text($"Analysis: {call.Images.Count()} images seen.\nGrade: 3"));
        var capturer = new FakePageCapturer(r => new PageCapture { Url = r.Url, Png = Gradient(32, 1000), Width = 32, Height = 1000 });
        var grader = new ChatAppearanceGrader(capturer, server.CreateChatClient("gpt-4o"));

        var grade = await grader.GradeAsync(new AppearanceRequest { SiteUrl = new Uri("http://127.0.0.1:9/"), Instruction = "A portfolio.", SessionId = "s" });

        Assert.That(grade.Grade, Is.EqualTo(3));
        Assert.That(grade.Analysis, Does.Contain("2 images seen"));
        var call = server.Calls.Single();
        Assert.That(call.Images.Select(i => i.MediaType), Is.EqualTo(new[] { "image/png", "image/png" }));
    }

    [Test]
    public async Task The_reference_profile_grades_one_screenshot_like_the_bolt_diy_harness()
    {
        await using var server = await OpenAICompatibleServer.StartAsync(call => ScriptedReply.Text($"Analysis: {call.Images.Count()} images seen.\nGrade: 3"));
        var capturer = new FakePageCapturer(r => new PageCapture { Url = r.Url, Png = Gradient(32, 3000), Width = 32, Height = 3000 });
        var grader = new ChatAppearanceGrader(capturer, server.CreateChatClient("gpt-4o"), new AppearanceGraderOptions { Profile = WebGenProfile.Reference, MaxScreenshots = 3 });

        var grade = await grader.GradeAsync(new AppearanceRequest { SiteUrl = new Uri("http://127.0.0.1:9/"), Instruction = "A portfolio.", SessionId = "s" });

        Assert.That(server.Calls.Single().Images.Count(), Is.EqualTo(1));
        Assert.That(grade.Screenshots, Has.Count.EqualTo(1));
    }

    [Test]
    public void Strips_follow_a_visitor_scrolling_down_one_viewport_at_a_time()
    {
        var page = Gradient(width: 8, height: 2000);

        var strips = PngStrips.Split(page, stripHeight: 768, maxStrips: 3);

        var decoded = strips.Select(s => ImageResult.FromMemory(s.ToArray(), ColorComponents.RedGreenBlueAlpha)).ToList();
        Assert.That(decoded.Select(d => (d.Width, d.Height)), Is.All.EqualTo((8, 768)));
        Assert.That(decoded.Select(d => RowMarker(d, 0)), Is.EqualTo(new[] { 0, 768, 2000 - 768 }), "the last strip ends at the bottom of the page");
        Assert.That(PngStrips.Split(Gradient(8, 500), 768, 3).Single().ToArray(), Is.EqualTo(Gradient(8, 500).ToArray()), "a short page is sent as it is");
        Assert.That(PngStrips.Split(Gradient(8, 5000), 768, 3), Has.Count.EqualTo(3));
        Assert.That(PngStrips.Split(new byte[] { 1, 2, 3 }, 768, 3).Single().ToArray(), Is.EqualTo(new byte[] { 1, 2, 3 }), "an undecodable image is sent as it is");
    }

    /// <summary>A PNG whose row y stores y in its first pixel's red and green channels.</summary>
    private static byte[] Gradient(int width, int height)
    {
        var rgba = new byte[width * height * 4];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = ((y * width) + x) * 4;
                rgba[i] = (byte)(y & 0xFF);
                rgba[i + 1] = (byte)(y >> 8);
                rgba[i + 2] = (byte)(x * 16);
                rgba[i + 3] = 255;
            }
        }

        return PngStrips.Encode(rgba, width, 0, height);
    }

    private static int RowMarker(ImageResult image, int row) => image.Data[row * image.Width * 4] | (image.Data[(row * image.Width * 4) + 1] << 8);
}
