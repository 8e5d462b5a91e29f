using System.Text.Json;

namespace WebGen.Core.Tests.Judging;

public sealed class ModelJsonTests
{
    private static int ReadGrade(JsonElement json) =>
        json.TryGetProperty("grade", out var g) && g.TryGetInt32(out var v) && v is >= 0 and <= 5
            ? v
            : throw new FormatException("field \"grade\" must be an integer from 0 to 5");

    [Test]
    public void Reads_json_inside_a_code_fence()
    {
        var ok = ModelJson.TryRead("```json\n{\"grade\": 4}\n```", ReadGrade, out var grade, out var error);

        Assert.That(ok, Is.True, error);
        Assert.That(grade, Is.EqualTo(4));
    }

    [Test]
    public void Reads_json_surrounded_by_prose_with_braces_inside_strings()
    {
        var text = "Sure! Here is my answer: {\"analysis\": \"uses {curly} braces and \\\"quotes\\\"\", \"grade\": 3} Hope that helps.";

        Assert.That(ModelJson.TryRead(text, ReadGrade, out var grade, out _), Is.True);
        Assert.That(grade, Is.EqualTo(3));
    }

    [Test]
    public void Tolerates_trailing_commas_and_comments()
    {
        Assert.That(ModelJson.TryRead("{\"grade\": 2, // fine\n}", ReadGrade, out var grade, out _), Is.True);
        Assert.That(grade, Is.EqualTo(2));
    }

    [Test]
    public void Nested_objects_are_not_mistaken_for_the_answer()
    {
        var text = "{\"details\": {\"grade\": 5}, \"grade\": 9}";

        var ok = ModelJson.TryRead(text, ReadGrade, out _, out var error);

        Assert.That(ok, Is.False);
        Assert.That(error, Does.Contain("must be an integer from 0 to 5"));
    }

    [Test]
    public void Skips_an_example_object_that_does_not_validate_and_takes_the_real_one()
    {
        var text = "The format is {\"grade\": \"N\"}. My answer: {\"grade\": 1}";

        Assert.That(ModelJson.TryRead(text, ReadGrade, out var grade, out _), Is.True);
        Assert.That(grade, Is.EqualTo(1));
    }

    [TestCase("", "empty")]
    [TestCase("I think it looks great, grade five.", "no JSON object")]
    [TestCase("{\"grade\": 4", "not closed")]
    [TestCase("{grade: four}", "malformed")]
    public void Explains_why_nothing_usable_was_found(string text, string expected)
    {
        var ok = ModelJson.TryRead(text, ReadGrade, out _, out var error);

        Assert.That(ok, Is.False);
        Assert.That(error, Does.Contain(expected));
    }
}
