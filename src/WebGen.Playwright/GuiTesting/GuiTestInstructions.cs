namespace WebGen.Playwright;

/// <summary>The fixed parts of GUI-test instructions: the login and answer suffix, and the generic fallback.</summary>
public static class GuiTestInstructions
{
    /// <summary>Appended to every GUI-test instruction: the test account and how to answer (reference behaviour).</summary>
    public const string StandardSuffix =
        "If you are asked to log in or sign up, use the username \"admin\", the password \"admin123456\" and the email "
        + "\"admin@example.com\". When you are done, answer YES if everything described above works, otherwise answer NO.";

    /// <summary>The instruction used when none could be written for the request (no model, or the model failed).</summary>
    public const string Generic =
        "Verify that the website loads and looks complete, with no error messages. Exercise its main functions the way "
        + "a user would: open each page or section from the navigation, click the main buttons, fill in and submit any "
        + "form with realistic data, and check that every action shows the expected result.";

    /// <summary>Adds <see cref="StandardSuffix"/> to an instruction body.</summary>
    /// <param name="body">What to verify and which functions to exercise.</param>
    public static string Complete(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return body.Trim() + "\n" + StandardSuffix;
    }
}
