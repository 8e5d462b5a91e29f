using System.Text.RegularExpressions;

namespace WebGen;

/// <summary>
/// The patterns of text addressed to an evaluator rather than to a site's users. Each rule either stands on its own
/// (the graders' answer formats, instructions to a model, notes to an AI) or needs the same line to be about grading
/// too (a "Grade: 5" is a gradebook entry unless the line also speaks of the website, a verdict or an evaluation), so
/// that ordinary copy ("Yes, we deliver", a quiz's "Answer" button, "Rate this app 5 stars") passes.
/// </summary>
internal static partial class PromptInjectionRules
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;
    private const int TimeoutMs = 250;

    public sealed record class Rule(Regex Pattern, string Why, bool NeedsGradingContext);

    public static IReadOnlyList<Rule> All { get; } =
    [
        new(AnswerFormat(), "a verdict in the GUI agent's answer format", false),
        new(GraderFields(), "a field of the graders' JSON answers", false),
        new(JsonGrade(), "a grade in the judge's JSON format", false),
        new(VerdictLine(), "a verdict line", false),
        new(IgnoreInstructions(), "an instruction to the model", false),
        new(YouAreMachine(), "an instruction to the model", false),
        new(YouArePerson(), "an instruction to the evaluator", true),
        new(NoteToMachine(), "a note to the graders", false),
        new(NoteToPerson(), "a note to the graders", true),
        new(ReplyWith(), "an instruction how to answer", true),
        new(RateThisSite(), "a grade claim", false),
        new(GradeValue(), "a grade claim", true),
        new(Deserves(), "a grade claim", true),
        new(EverythingWorks(), "a claim that everything works", true),
        new(TaskVerified(), "a claim that the test passed", true),
    ];

    /// <summary>
    /// True when the line, apart from the match itself, is about grading, which makes the context-dependent rules apply:
    /// "Attention reviewers: the deadline is May 1" is a journal's notice, "Note to the reviewer: Grade: 5" is not.
    /// </summary>
    public static bool IsAboutGrading(string line, Match match) =>
        GradingContext().IsMatch(string.Concat(line.AsSpan(0, match.Index), " ", line.AsSpan(match.Index + match.Length)));

    // ANSWER; YES, or the action line around it: the WebVoyager agent's final-answer action. In capitals it is the format
    // itself; in other case only a verdict that ends the phrase counts, so a quiz's "Wrong answer; no points" passes.
    [GeneratedRegex(@"(?-i:\bANSWER\s*;\s*\W{0,3}(YES|NO|PARTIAL)\b)|\banswer\s*;\s*\W{0,3}(yes|no|partial|partially)\s*([.,;:!)\]""'\-]|$)|\baction\s*:\s*answer\b", Options, TimeoutMs)]
    private static partial Regex AnswerFormat();

    [GeneratedRegex(@"\b(test_passed|improvement_suggestions|is_error|screenshot_description|error_message)\b", Options, TimeoutMs)]
    private static partial Regex GraderFields();

    [GeneratedRegex(@"[""']grade[""']\s*:\s*[""']?\d", Options, TimeoutMs)]
    private static partial Regex JsonGrade();

    [GeneratedRegex(@"\b(final\s+)?verdict\s*[:=\-]\s*\W{0,3}(yes|no|partial|partially|pass|passed|fail|failed)\b", Options, TimeoutMs)]
    private static partial Regex VerdictLine();

    [GeneratedRegex(@"\b(ignore|disregard|forget|override|bypass)\s+(all\s+|any\s+)?(of\s+)?(the\s+|your\s+|my\s+)?(previous|prior|above|earlier|preceding|former|system|original|other)\s+(instructions?|prompts?|rules|directions|guidelines|messages)\b", Options, TimeoutMs)]
    private static partial Regex IgnoreInstructions();

    [GeneratedRegex(@"\byou\s+are\s+(now\s+)?(the|an?|my|our)\s+(ai|llm|language\s+model|gui\s+agent|testing\s+agent|ai\s+agent|grader|evaluator|vision\s+model)\b", Options, TimeoutMs)]
    private static partial Regex YouAreMachine();

    [GeneratedRegex(@"\byou\s+are\s+(now\s+)?(the|an?|my|our)\s+(judge|reviewer|tester|assessor|assistant)\b", Options, TimeoutMs)]
    private static partial Regex YouArePerson();

    [GeneratedRegex(@"\b(note|message|instructions?|hint|memo|notice|reminder|attention|dear|hey|hello|hi)\s*(to|for)?\s*,?\s*(the\s+|any\s+|all\s+)?(ai|llms?|language\s+models?|gui\s+agents?|testing\s+agents?|ai\s+agents?|graders?|evaluators?|vision\s+models?|the\s+model)\b", Options, TimeoutMs)]
    private static partial Regex NoteToMachine();

    [GeneratedRegex(@"\b(note|message|instructions?|hint|memo|notice|reminder|attention|dear|hey|hello|hi)\s*(to|for)?\s*,?\s*(the\s+|any\s+|all\s+)?(reviewers?|judges?|testers?|assessors?|assistants?)\b", Options, TimeoutMs)]
    private static partial Regex NoteToPerson();

    [GeneratedRegex(@"\b(reply|respond|answer|output|return|say|print)\s+(only\s+)?(with|exactly)\b", Options, TimeoutMs)]
    private static partial Regex ReplyWith();

    // "Rate this app 5 stars" is a store badge, not a grade for the grader.
    [GeneratedRegex(@"\b(give|assign|award|rate|grade|score)\s+(this|the|our)\s+(website|site|page|app|application|screenshot|submission)\b[^.\n]{0,40}?\b([0-5]|five|full\s+marks|a\s+perfect|the\s+(top|highest|maximum))\b(?!\s*(stars?|\u2605))", Options, TimeoutMs)]
    private static partial Regex RateThisSite();

    [GeneratedRegex(@"\b(grade|score|rating|mark)\s*(of|:|=|is)?\s*[0-5](\s*/\s*5)?\b(?![.,]\d)", Options, TimeoutMs)]
    private static partial Regex GradeValue();

    [GeneratedRegex(@"\b(deserves?|earns?|merits?|should\s+(get|receive|be\s+given))\s+(a\s+|an\s+|the\s+)?(top\s+|perfect\s+|full\s+|high(est)?\s+)?(grade|score|rating|marks?|5\s*/\s*5)\b", Options, TimeoutMs)]
    private static partial Regex Deserves();

    [GeneratedRegex(@"\b(all|every)\s+(the\s+)?(requested\s+)?(features?|functions?|functionality|requirements?|tests?)\s+(\w+\s+){0,2}(work|works|working|pass|passed|passes|verified|implemented|met)\b", Options, TimeoutMs)]
    private static partial Regex EverythingWorks();

    [GeneratedRegex(@"\b(task|tests?|testing|verification|requirements?)\s+(is\s+|are\s+|has\s+been\s+|have\s+been\s+|was\s+|were\s+)?(verified|passed|completed?|successful|satisfied)\b", Options, TimeoutMs)]
    private static partial Regex TaskVerified();

    // Words of grading only: marketing copy mentions "AI" and "this app" freely.
    [GeneratedRegex(@"\b(grade[ds]?|grading|verdict|evaluat\w*|screenshot|reviewers?|judges?|graders?|testers?|assessors?|test_passed|full\s+marks|5\s*/\s*5|gui\s+agent|language\s+model|llms?)\b|\banswer\s*;", Options, TimeoutMs)]
    private static partial Regex GradingContext();
}
