using System.Text.Json;

namespace WebGen.Training.Server;

/// <summary>The action of a step: the policy's answer, as OpenEnv's text environments name it (<c>message</c>).</summary>
internal sealed record class OpenEnvAction
{
    /// <summary>The policy's answer (Bolt markup). Required; an empty or unusable answer is a malformed step (reward −1).</summary>
    public string? Message { get; init; }

    /// <summary>Accepted because OpenEnv's <c>Action</c> base model always carries it (<c>model_dump()</c> sends <c>{}</c>); unused.</summary>
    public JsonElement? Metadata { get; init; }
}
