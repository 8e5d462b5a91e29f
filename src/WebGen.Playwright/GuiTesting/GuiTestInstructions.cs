namespace WebGen.Playwright;

/// <summary>The fixed parts of GUI-test instructions: the login and answer suffix, and the generic fallback.</summary>
public static class GuiTestInstructions
{
    /// <summary>Appended to every GUI-test instruction: the test account and how to answer (reference behaviour).</summary>
    public const string StandardSuffix =
        "If you are asked to log in or sign up, use the username \"admin\", the password \"admin123456\" and the email "
        + "\"admin@example.com\". When you are done, answer YES if everything described above works, otherwise answer NO.";

    /// <summary>The reference's suffix (Reference profile): the test account, then answer YES or NO from the testing experience.</summary>
    public const string ReferenceSuffix =
        "If you are asked for a username, a password or an email address while testing, enter \"admin\", \"admin123456\" and "
        + "\"admin@example.com\" respectively.\n\nAnswer with one of the following:\n- YES: if the testing instruction was fully "
        + "achieved during your interactions.\n- NO: if the testing instruction was not achieved at all.\nGive your final answer "
        + "from your testing experience.";

    /// <summary>The instruction used when none could be written for the request (no model, or the model failed).</summary>
    public const string Generic =
        "Verify that the website loads and looks complete, with no error messages. Exercise its main functions the way "
        + "a user would: open each page or section from the navigation, click the main buttons, fill in and submit any "
        + "form with realistic data, and check that every action shows the expected result.";

    /// <summary>Adds <see cref="StandardSuffix"/> to an instruction body.</summary>
    /// <param name="body">What to verify and which functions to exercise.</param>
    public static string Complete(string body) => Complete(body, WebGenProfile.Enhanced);

    /// <summary>Adds the suffix of <paramref name="profile"/> (<see cref="StandardSuffix"/> or <see cref="ReferenceSuffix"/>) to an instruction body.</summary>
    /// <param name="body">What to verify and which functions to exercise.</param>
    /// <param name="profile">The profile.</param>
    public static string Complete(string body, WebGenProfile profile)
    {
        ArgumentNullException.ThrowIfNull(body);
        return profile == WebGenProfile.Reference ? body.Trim() + "\n\n" + ReferenceSuffix : body.Trim() + "\n" + StandardSuffix;
    }
}
