using System.Text.Json.Serialization;

namespace WebGen.Training;

// The Parquet row shape, one class per nested struct. Parquet.Net maps these classes to columns by their
// JsonPropertyName, so the names here are the documented schema (package README, checked by a test).
#pragma warning disable CA1002, CA2227 // Parquet.Net needs settable List<T> members to deserialise.

/// <summary>One trajectory as a Parquet row.</summary>
internal sealed class TrajectoryRow
{
    [JsonPropertyName("prompt_id")]
    public string PromptId { get; set; } = "";

    [JsonPropertyName("index")]
    public int Index { get; set; }

    [JsonPropertyName("instruction")]
    public string Instruction { get; set; } = "";

    [JsonPropertyName("prompt")]
    public List<PromptMessageRow> Prompt { get; set; } = [];

    [JsonPropertyName("messages")]
    public List<MessageRow> Messages { get; set; } = [];

    [JsonPropertyName("rewards")]
    public List<double> Rewards { get; set; } = [];

    [JsonPropertyName("advantages")]
    public List<double> Advantages { get; set; } = [];

    [JsonPropertyName("steps")]
    public List<StepRow> Steps { get; set; } = [];

    [JsonPropertyName("metadata")]
    public MetadataRow Metadata { get; set; } = new();
}

/// <summary>A prompt message (role and content only, the shape verl and TRL read).</summary>
internal sealed class PromptMessageRow
{
    [JsonPropertyName("role")]
    public string Role { get; set; } = "";

    [JsonPropertyName("content")]
    public string Content { get; set; } = "";
}

/// <summary>A chat message with its step, reward and advantage.</summary>
internal sealed class MessageRow
{
    [JsonPropertyName("role")]
    public string Role { get; set; } = "";

    [JsonPropertyName("content")]
    public string Content { get; set; } = "";

    [JsonPropertyName("step")]
    public int? Step { get; set; }

    [JsonPropertyName("reward")]
    public double? Reward { get; set; }

    [JsonPropertyName("advantage")]
    public double? Advantage { get; set; }
}

/// <summary>A step's scores and reward details.</summary>
internal sealed class StepRow
{
    [JsonPropertyName("step")]
    public int Step { get; set; }

    [JsonPropertyName("parent")]
    public int? Parent { get; set; }

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "";

    [JsonPropertyName("screenshot_grade")]
    public int ScreenshotGrade { get; set; }

    [JsonPropertyName("gui_grade")]
    public int GuiGrade { get; set; }

    [JsonPropertyName("has_error")]
    public bool HasError { get; set; }

    [JsonPropertyName("errors")]
    public List<string> Errors { get; set; } = [];

    [JsonPropertyName("is_malformed")]
    public bool IsMalformed { get; set; }

    [JsonPropertyName("reward_reason")]
    public string RewardReason { get; set; } = "";

    [JsonPropertyName("inherited_from_step")]
    public int? InheritedFromStep { get; set; }

    [JsonPropertyName("scores")]
    public List<ScoreRow> Scores { get; set; } = [];

    [JsonPropertyName("tests")]
    public TestsRow? Tests { get; set; }
}

/// <summary>Deterministic tests run against the step's site.</summary>
internal sealed class TestsRow
{
    [JsonPropertyName("suite")]
    public string Suite { get; set; } = "";

    [JsonPropertyName("passed")]
    public int Passed { get; set; }

    [JsonPropertyName("total")]
    public int Total { get; set; }

    [JsonPropertyName("failed")]
    public List<string> Failed { get; set; } = [];
}

/// <summary>A screenshot scorer's score.</summary>
internal sealed class ScoreRow
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    [JsonPropertyName("value")]
    public double Value { get; set; }

    [JsonPropertyName("reason")]
    public string Reason { get; set; } = "";

    [JsonPropertyName("is_fatal")]
    public bool IsFatal { get; set; }
}

/// <summary>Episode and group facts.</summary>
internal sealed class MetadataRow
{
    [JsonPropertyName("run_id")]
    public string RunId { get; set; } = "";

    [JsonPropertyName("stop_reason")]
    public string StopReason { get; set; } = "";

    [JsonPropertyName("chosen_step")]
    public int? ChosenStep { get; set; }

    [JsonPropertyName("backtracks")]
    public int Backtracks { get; set; }

    [JsonPropertyName("restarts")]
    public int Restarts { get; set; }

    [JsonPropertyName("is_linear")]
    public bool IsLinear { get; set; }

    [JsonPropertyName("input_tokens")]
    public long? InputTokens { get; set; }

    [JsonPropertyName("output_tokens")]
    public long? OutputTokens { get; set; }

    [JsonPropertyName("group_size")]
    public int GroupSize { get; set; }

    [JsonPropertyName("estimator")]
    public string Estimator { get; set; } = "";

    [JsonPropertyName("group_reward_mean")]
    public double GroupRewardMean { get; set; }

    [JsonPropertyName("group_reward_std")]
    public double GroupRewardStd { get; set; }

    [JsonPropertyName("reward_adapter")]
    public string RewardAdapter { get; set; } = "";

    [JsonPropertyName("duration_seconds")]
    public double? DurationSeconds { get; set; }
}
#pragma warning restore CA1002, CA2227
