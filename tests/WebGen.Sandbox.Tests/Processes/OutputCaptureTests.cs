using WebGen.Sandbox.Processes;

namespace WebGen.Sandbox.Tests.Processes;

public sealed class OutputCaptureTests
{
    [Test]
    public void Output_within_the_limit_is_kept_whole()
    {
        var capture = new OutputCapture(maxLines: 500, headLines: 50, tailLines: 50, maxLineLength: 200);
        for (var i = 1; i <= 500; i++)
        {
            capture.Append($"line {i}");
        }

        Assert.That(capture.Text().Split('\n'), Has.Length.EqualTo(500));
        Assert.That(capture.LineCount, Is.EqualTo(500));
    }

    [Test]
    public void Output_over_the_limit_keeps_head_and_tail_with_a_marker()
    {
        var capture = new OutputCapture(maxLines: 500, headLines: 50, tailLines: 50, maxLineLength: 200);
        for (var i = 1; i <= 501; i++)
        {
            capture.Append($"line {i}");
        }

        var lines = capture.Text().Split('\n');

        Assert.That(lines, Has.Length.EqualTo(101));
        Assert.That(lines[49], Is.EqualTo("line 50"));
        Assert.That(lines[50], Is.EqualTo("... [401 lines omitted] ..."));
        Assert.That(lines[51], Is.EqualTo("line 452"));
        Assert.That(lines[100], Is.EqualTo("line 501"));
    }

    [Test]
    public void Text_since_a_mark_and_tail_give_recent_lines()
    {
        var capture = new OutputCapture(maxLines: 10, headLines: 2, tailLines: 3, maxLineLength: 200);
        for (var i = 1; i <= 4; i++)
        {
            capture.Append($"old {i}");
        }

        var mark = capture.LineCount;
        capture.Append("new 1");
        capture.Append("new 2");

        Assert.That(capture.Text(mark), Is.EqualTo("new 1\nnew 2"));
        Assert.That(capture.Tail(1), Is.EqualTo("... [5 earlier lines not shown] ...\nnew 2"));
    }

    [Test]
    public void Colour_codes_progress_redraws_and_long_lines_are_cleaned()
    {
        var capture = new OutputCapture(maxLines: 10, headLines: 2, tailLines: 2, maxLineLength: 80);
        capture.Append("\u001b[31m[PARSE_ERROR]\u001b[0m Expected `>`");
        capture.Append("progress 10%\rprogress 50%\rdone\r");
        capture.Append(new string('x', 200));

        var lines = capture.Text().Split('\n');

        Assert.That(lines[0], Is.EqualTo("[PARSE_ERROR] Expected `>`"));
        Assert.That(lines[1], Is.EqualTo("done"));
        Assert.That(lines[2], Does.StartWith(new string('x', 80)).And.EndWith("[line cut]"));
    }
}
