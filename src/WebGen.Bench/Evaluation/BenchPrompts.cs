namespace WebGen.Bench;

/// <summary>
/// The benchmark's prompts, in this project's words: the test-case prompt given to the GUI agent and the
/// appearance rubric given to the grading model. They carry the benchmark's rules (the task and its
/// expected result, acting as a user, retrying, at most 15 interactions, a YES / PARTIAL / NO answer; four
/// appearance criteria on a 1–5 scale answered as "Analysis … Grade: N").
/// </summary>
public static class BenchPrompts
{
    /// <summary>The benchmark's interaction limit per test case.</summary>
    public const int DefaultMaxInteractions = 15;

    /// <summary>The prompt for one UI test case.</summary>
    /// <param name="testCase">The case.</param>
    /// <param name="maxInteractions">The interaction limit to state (benchmark: 15).</param>
    public static string TestCase(BenchCase testCase, int maxInteractions = DefaultMaxInteractions)
    {
        ArgumentNullException.ThrowIfNull(testCase);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInteractions, 1);
        return $"""
            You are checking a website by using it the way an ordinary visitor would.

            Task: {testCase.Task}

            Expected Result: {testCase.ExpectedResult}

            How to check:
            - Carry out the task through the page itself, with the links, buttons, fields and menus a visitor would use.
            - If an attempt does not work, try again another way before you decide.
            - Watch whether the expected result happens completely, only in part, or not at all.
            - You may interact with the website at most {maxInteractions} times. Once you reach that limit, stop and give your answer straight away.

            When you have finished, answer with exactly one of these words and nothing else:
            - YES: the expected result was fully achieved.
            - PARTIAL: only some parts of the expected result were achieved.
            - NO: the expected result was not achieved at all.
            """;
    }

    /// <summary>The appearance-grading prompt for a site built from <paramref name="instruction"/>; send the home-page screenshots with it.</summary>
    /// <param name="instruction">The website instruction.</param>
    public static string Appearance(string instruction)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        return $"""
            You are reviewing how a web page looks. It was built from this request:

            {instruction}

            The attached screenshot(s) show the home page from the top down. Grade its appearance from 1 to 5 (5 is best), weighing four criteria:
            - Rendering: the page displays without visual faults, and its colours, fonts and components appear as the request asks.
            - Relevance: the content and controls suit the site's purpose and the request, and sit where a user would look for them.
            - Layout harmony: text, images and buttons are arranged in a balanced, easy-to-follow, uncluttered way.
            - Modernness and beauty: the design feels current, with pleasing colours, typography and a clear visual hierarchy.

            Scale:
            - 1 (poor): broken rendering or wrong colours; content missing or off-topic; chaotic layout; dated or unattractive look.
            - 2 (below average): visible rendering faults; content only partly relevant and badly organised; inconsistent layout; plain design.
            - 3 (average): mostly renders correctly with small flaws; relevant content without polish; workable but unremarkable layout; clean but not modern.
            - 4 (good): no major faults; relevant, well-organised content; harmonious, user-friendly layout; modern and attractive design.
            - 5 (excellent): flawless rendering; content closely tailored to the request; polished layout; a striking, memorable design.

            Describe strengths and weaknesses and how closely the page follows the request, then give the grade. Answer in exactly this form:

            Analysis: <two to four paragraphs covering every criterion>

            Grade: <a single number from 1 to 5>
            """;
    }
}
