namespace WebGen.Training;

/// <summary>The GUI grade credited to a code step, and the validate step that earned it.</summary>
public sealed record class CreditedGuiGrade
{
    /// <summary>The GUI grade 0–5.</summary>
    public required int Grade { get; init; }

    /// <summary>The validate step that earned the grade; null when the code node's own grade is used (no validation).</summary>
    public int? ValidatedAtStep { get; init; }
}
