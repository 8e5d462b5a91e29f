namespace WebGen.Sandbox;

/// <summary>How <see cref="LocalSandboxOptions.NodeModulesTemplatePath"/> seeds a workspace's <c>node_modules</c>.</summary>
public enum TemplateSeedMode
{
    /// <summary>
    /// Hard-links every file (near-instant, no extra disk). npm replaces packages by unlinking, so the
    /// template stays intact; falls back to copying across file systems.
    /// </summary>
    HardLink,

    /// <summary>Copies every file: slower, but nothing a site does can reach the template.</summary>
    Copy,
}
