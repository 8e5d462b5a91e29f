using System.ComponentModel.DataAnnotations;

namespace WebGen;

/// <summary>Limits of the workspace jail that applies the model's file actions.</summary>
public sealed class WorkspaceOptions
{
    /// <summary>Largest file the model may write, in bytes (UTF-8). Default 512 KiB.</summary>
    [Range(1, 64 * 1024 * 1024)]
    public int MaxFileBytes { get; set; } = 512 * 1024;

    /// <summary>Most files one step may write. Default 200.</summary>
    [Range(1, 10_000)]
    public int MaxFilesPerStep { get; set; } = 200;

    /// <summary>
    /// Largest total size of the project's own files, in bytes (UTF-8), counting every regular file outside
    /// <c>node_modules</c>, <c>.git</c> and build output (<c>dist</c>, <c>.vite</c>, <c>.cache</c>), whoever wrote it.
    /// A file action that would grow the project past it is refused with a message that tells the model to delete or
    /// shrink files; checkpoints store no more than this per step. Default 32 MiB.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int MaxWorkspaceBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>Write a default <c>vite.config.js</c> when the site uses Vite and has no config. Default true.</summary>
    public bool WriteDefaultViteConfig { get; set; } = true;
}
