namespace WebGen;

/// <summary>A website request for the agent.</summary>
public sealed record class WebGenRequest
{
    /// <summary>The natural-language description of the website.</summary>
    public required string Instruction { get; init; }

    /// <summary>A run id (letters, digits, '-' and '_'); generated when null.</summary>
    public string? RunId { get; init; }

    /// <summary>The run directory (checkpoints, workspace, screenshots); defaults to <c>{RunsDirectory}/{RunId}</c>.</summary>
    public string? RunDirectory { get; init; }

    /// <summary>Overrides the agent's step budget for this run (for example 5 for Step-GRPO rollouts).</summary>
    public int? MaxIterations { get; init; }

    /// <summary>
    /// The code model's sampling temperature for this run, over the agent's (for example 1.0 for Step-GRPO rollouts,
    /// which must sample diverse trajectories); null keeps the agent's.
    /// </summary>
    public float? Temperature { get; init; }

    /// <summary>The code model's nucleus-sampling threshold for this run (for example 0.95 for rollouts); null leaves it to the model.</summary>
    public float? TopP { get; init; }

    /// <summary>
    /// Files of an existing project to continue (paths relative to the project root, forward slashes): the run starts
    /// from them instead of an empty workspace. They are written through the workspace jail before step 1, the code
    /// model's first message shows the file tree and the most relevant contents, and backtracking never goes behind
    /// them (starting over restores them). Over <see cref="StartingDirectory"/>'s files of the same path.
    /// </summary>
    public IReadOnlyList<WorkspaceFile> StartingFiles { get; init; } = [];

    /// <summary>
    /// A folder holding an existing project to continue, read once when the run starts and never written: its files
    /// (<c>node_modules</c>, <c>.git</c> and build output left out, links not followed; binary files such as images copied
    /// as they are) become the starting files, as with <see cref="StartingFiles"/>. Null starts from an empty workspace.
    /// </summary>
    public string? StartingDirectory { get; init; }

    /// <summary>Free-form labels recorded in the run manifest (for example the models used); never put secrets here.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}
