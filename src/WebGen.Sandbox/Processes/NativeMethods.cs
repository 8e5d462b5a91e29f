using System.Runtime.InteropServices;

namespace WebGen.Sandbox.Processes;

/// <summary>The POSIX calls .NET has no managed API for: signalling a process group, hard links, owners.</summary>
internal static partial class NativeMethods
{
    internal const int SIGKILL = 9;
    internal const int SIGTERM = 15;
    internal const int SIGXCPU = 24;
    internal const int SIGXFSZ = 25;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    internal static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Link(string existingPath, string newPath);

    [LibraryImport("libc", EntryPoint = "lchown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Lchown(string path, int owner, int group);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    internal static partial int Geteuid();
}
