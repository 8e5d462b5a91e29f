using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace WebGen;

// Compiled into WebGen.Core and WebGen.Sandbox (linked source), so neither package exposes it as API.

/// <summary>What a directory entry is, seen without following a symbolic link.</summary>
internal enum EntryKind
{
    /// <summary>Nothing by that name.</summary>
    Missing,

    /// <summary>A regular file.</summary>
    File,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A symbolic link (never followed).</summary>
    SymbolicLink,

    /// <summary>A FIFO, socket or device: never opened, because reading one can block or has no end.</summary>
    Other,
}

/// <summary>A regular file found by <see cref="LinkSafeFiles.Walk"/>.</summary>
internal readonly record struct WalkedFile(string RelativePath, long Size);

/// <summary>The outcome of <see cref="LinkSafeFiles.Read"/>: the entry's kind, and its bytes when it is a regular file within the limit.</summary>
internal readonly record struct ReadOutcome(EntryKind Kind, byte[]? Content, long Size)
{
    public bool TooLarge => Kind == EntryKind.File && Content is null;
}

/// <summary>
/// File operations on a directory tree that hostile code can change at the same time: a symbolic link is never
/// followed (not as the file, not as any directory on the way), FIFOs, sockets and devices are never opened, and
/// a write replaces the directory entry with a new file (a new inode) by rename, so a hard link to a file outside
/// the tree is never written through. On Linux every step is relative to an open directory descriptor
/// (<c>openat</c> with <c>O_NOFOLLOW</c>, <c>renameat</c>), so a link planted between a check and the write changes
/// nothing. Elsewhere the same checks run on paths (a race with a concurrent writer remains, and is documented).
/// </summary>
internal static partial class LinkSafeFiles
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const int ORdOnly = 0;
    private const int OWrOnly = 1;
    private const int OCreat = 0x40;
    private const int OExcl = 0x80;
    private const int ONonBlock = 0x800;
    private const int OCloExec = 0x80000;
    private const uint StatxBasicStats = 0x7ff;
    private const int StatxSize = 256;
    private const int ENOENT = 2;
    private const int EINTR = 4;
    private const int EEXIST = 17;
    private const int ENOTDIR = 20;
    private const int ELOOP = 40;

    private static readonly (int Directory, int NoFollow)? Flags = RuntimeInformation.ProcessArchitecture switch
    {
        // The two flags whose values differ between Linux architectures; elsewhere the path-based fallback runs.
        _ when !OperatingSystem.IsLinux() => null,
        Architecture.X64 or Architecture.X86 => (0x10000, 0x20000),
        Architecture.Arm64 or Architecture.Arm => (0x4000, 0x8000),
        _ => null,
    };

    /// <summary>True when the descriptor-relative implementation runs (Linux x64 and Arm).</summary>
    public static bool IsDescriptorBased => Flags is not null;

    /// <summary>Reads <paramref name="segments"/> under <paramref name="root"/> if it is a regular file of at most <paramref name="maxBytes"/>.</summary>
    public static ReadOutcome Read(string root, IReadOnlyList<string> segments, long maxBytes)
    {
        if (!IsDescriptorBased)
        {
            return ManagedRead(root, segments, maxBytes);
        }

        using var parent = OpenParent(root, segments, create: false, out var blocked, out _);
        return parent is null ? new ReadOutcome(blocked, null, 0) : ReadAt(parent, segments[^1], maxBytes);
    }

    /// <summary>
    /// Replaces (or creates) the file <paramref name="segments"/> under <paramref name="root"/> with <paramref name="bytes"/>,
    /// creating missing directories. Returns null on success, otherwise why nothing was written (phrased for the model).
    /// </summary>
    public static string? Write(string root, IReadOnlyList<string> segments, ReadOnlySpan<byte> bytes)
    {
        Directory.CreateDirectory(root);
        if (!IsDescriptorBased)
        {
            return ManagedWrite(root, segments, bytes);
        }

        using var parent = OpenParent(root, segments, create: true, out var blocked, out var at);
        if (parent is null)
        {
            return Blocked(blocked, at);
        }

        var name = segments[^1];
        var existing = StatAt(parent, name);
        if (existing.Kind is EntryKind.SymbolicLink or EntryKind.Directory)
        {
            return Blocked(existing.Kind, string.Join('/', segments));
        }

        // O_EXCL with O_CREAT never follows a link: a name planted in advance makes the open fail instead.
        var temp = TempName();
        ulong device, inode;
        using (var file = OpenAt(parent, temp, OWrOnly | OCreat | OExcl | Flags!.Value.NoFollow | OCloExec, 0x1b6 /* 0666 */))
        {
            if (file.IsInvalid)
            {
                throw Failure("create a temporary file beside", string.Join('/', segments));
            }

            try
            {
                WriteAll(file, bytes);
                (_, _, device, inode, _) = StatDescriptor(file);
            }
            catch
            {
                _ = UnlinkAt(parent, temp, 0);
                throw;
            }
        }

        if (RenameAt(parent, temp, parent, name) != 0)
        {
            var error = Marshal.GetLastPInvokeError();
            _ = UnlinkAt(parent, temp, 0);
            throw new IOException($"Could not move the new '{string.Join('/', segments)}' into place: {Marshal.GetPInvokeErrorMessage(error)}");
        }

        // Re-check after the rename: the entry must be the file just written, not something swapped in since.
        var after = StatAt(parent, name);
        return after.Kind == EntryKind.File && after.Device == device && after.Inode == inode
            ? null
            : $"'{string.Join('/', segments)}' was replaced by another process while it was being written; write it again";
    }

    /// <summary>Deletes the regular file or link <paramref name="segments"/> under <paramref name="root"/> (never a directory, never through a link).</summary>
    public static void Delete(string root, IReadOnlyList<string> segments)
    {
        if (!IsDescriptorBased)
        {
            var current = root;
            for (var i = 0; i < segments.Count - 1; i++)
            {
                current = Path.Combine(current, segments[i]);
                if (new DirectoryInfo(current) is not { Exists: true, LinkTarget: null })
                {
                    return;
                }
            }

            File.Delete(Path.Combine(current, segments[^1]));
            return;
        }

        using var parent = OpenParent(root, segments, create: false, out _, out _);
        if (parent is not null && UnlinkAt(parent, segments[^1], 0) != 0 && Marshal.GetLastPInvokeError() is not (ENOENT or 21 /* EISDIR */))
        {
            throw Failure("delete", string.Join('/', segments));
        }
    }

    /// <summary>
    /// Every regular file under <paramref name="root"/>, directories named in <paramref name="skippedDirectories"/>
    /// and links excluded, sorted by path.
    /// </summary>
    public static List<WalkedFile> Walk(string root, IReadOnlySet<string> skippedDirectories)
    {
        var files = new List<WalkedFile>();
        if (!Directory.Exists(root))
        {
            return files;
        }

        if (IsDescriptorBased)
        {
            using var handle = OpenDirectory(root);
            WalkAt(handle, "", skippedDirectories, files);
        }
        else
        {
            ManagedWalk(root, skippedDirectories, files);
        }

        files.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return files;
    }

    /// <summary>What <paramref name="segments"/> under <paramref name="root"/> is, links not followed.</summary>
    public static EntryKind Kind(string root, IReadOnlyList<string> segments)
    {
        if (!IsDescriptorBased)
        {
            var info = new FileInfo(Path.Combine([root, .. segments]));
            return info.LinkTarget is not null ? EntryKind.SymbolicLink
                : Directory.Exists(info.FullName) ? EntryKind.Directory
                : info.Exists ? EntryKind.File : EntryKind.Missing;
        }

        using var parent = OpenParent(root, segments, create: false, out var blocked, out _);
        return parent is null ? blocked : StatAt(parent, segments[^1]).Kind;
    }

    private static void WalkAt(DirectoryHandle directory, string prefix, IReadOnlySet<string> skipped, List<WalkedFile> files)
    {
        foreach (var name in List(directory))
        {
            var stat = StatAt(directory, name);
            var relative = prefix.Length == 0 ? name : prefix + "/" + name;
            if (stat.Kind == EntryKind.File)
            {
                files.Add(new WalkedFile(relative, stat.Size));
            }
            else if (stat.Kind == EntryKind.Directory && !skipped.Contains(name))
            {
                using var child = OpenAt(directory, name, ORdOnly | Flags!.Value.Directory | Flags.Value.NoFollow | OCloExec, 0);
                if (!child.IsInvalid)
                {
                    using var handle = new DirectoryHandle(child);
                    WalkAt(handle, relative, skipped, files);
                }
            }
        }
    }

    // The names in the directory the descriptor holds: /proc/self/fd/N is that very directory, whatever its path is now.
    private static List<string> List(DirectoryHandle directory)
    {
        try
        {
            return [.. Directory.EnumerateFileSystemEntries($"/proc/self/fd/{directory.DangerousGetHandle()}").Select(Path.GetFileName).OfType<string>()];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static ReadOutcome ReadAt(DirectoryHandle parent, string name, long maxBytes)
    {
        // O_NONBLOCK: opening a FIFO must not wait for a writer; it is then refused as not a regular file.
        using var file = OpenAt(parent, name, ORdOnly | ONonBlock | Flags!.Value.NoFollow | OCloExec, 0);
        if (file.IsInvalid)
        {
            var error = Marshal.GetLastPInvokeError();
            return error switch
            {
                ENOENT or ENOTDIR => new ReadOutcome(EntryKind.Missing, null, 0),
                ELOOP => new ReadOutcome(EntryKind.SymbolicLink, null, 0),
                _ => new ReadOutcome(StatAt(parent, name).Kind is EntryKind.Missing ? EntryKind.Missing : EntryKind.Other, null, 0),
            };
        }

        var (kind, size, _, _, _) = StatDescriptor(file);
        if (kind != EntryKind.File)
        {
            return new ReadOutcome(kind, null, 0);
        }

        if (size > maxBytes)
        {
            return new ReadOutcome(EntryKind.File, null, size);
        }

        var buffer = new byte[size];
        var total = 0;
        while (total < buffer.Length)
        {
            var read = ReadDescriptor(file, buffer.AsSpan(total));
            if (read == 0)
            {
                break; // shrank meanwhile
            }

            total += read;
        }

        return new ReadOutcome(EntryKind.File, total == buffer.Length ? buffer : buffer[..total], total);
    }

    private static DirectoryHandle OpenDirectory(string path)
    {
        var handle = OpenAt(null, path, ORdOnly | Flags!.Value.Directory | OCloExec, 0);
        return handle.IsInvalid ? throw Failure("open the directory", path) : new DirectoryHandle(handle);
    }

    /// <summary>Opens the directory holding the last segment, walking from the root without following links.</summary>
    private static DirectoryHandle? OpenParent(string root, IReadOnlyList<string> segments, bool create, out EntryKind blocked, out string at)
    {
        blocked = EntryKind.Missing;
        at = "";
        if (!create && !Directory.Exists(root))
        {
            return null;
        }

        var current = OpenDirectory(root);
        for (var i = 0; i < segments.Count - 1; i++)
        {
            var name = segments[i];
            var next = OpenAt(current, name, ORdOnly | Flags!.Value.Directory | Flags.Value.NoFollow | OCloExec, 0);
            if (next.IsInvalid && create && Marshal.GetLastPInvokeError() == ENOENT)
            {
                if (MkdirAt(current, name, 0x1ff /* 0777 */) != 0 && Marshal.GetLastPInvokeError() != EEXIST)
                {
                    current.Dispose();
                    throw Failure("create the directory", string.Join('/', segments.Take(i + 1)));
                }

                next.Dispose();
                next = OpenAt(current, name, ORdOnly | Flags.Value.Directory | Flags.Value.NoFollow | OCloExec, 0);
            }

            if (next.IsInvalid)
            {
                var error = Marshal.GetLastPInvokeError();
                blocked = error == ENOENT ? EntryKind.Missing : StatAt(current, name).Kind;
                if (blocked == EntryKind.Directory)
                {
                    // ELOOP and ENOTDIR are the only other answers for an existing name; be explicit rather than wrong.
                    blocked = error == ELOOP ? EntryKind.SymbolicLink : EntryKind.Other;
                }

                at = string.Join('/', segments.Take(i + 1));
                next.Dispose();
                current.Dispose();
                return null;
            }

            current.Dispose();
            current = new DirectoryHandle(next);
        }

        return current;
    }

    private static string Blocked(EntryKind kind, string at) => kind switch
    {
        EntryKind.SymbolicLink => $"'{at}' is a symbolic link; writing through links is not allowed",
        EntryKind.Directory => $"'{at}' is a directory",
        EntryKind.Missing => $"'{at}' disappeared while it was being written; write it again",
        _ => $"'{at}' is a file, not a directory",
    };

    private static string TempName() => ".webgen-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)) + ".tmp";

    private static (EntryKind Kind, long Size, ulong Device, ulong Inode, uint Links) StatAt(DirectoryHandle directory, string name)
    {
        Span<byte> buffer = stackalloc byte[StatxSize];
        int result;
        do
        {
            result = Statx(directory, name, AtSymlinkNoFollow, StatxBasicStats, buffer);
        }
        while (result != 0 && Marshal.GetLastPInvokeError() == EINTR);

        return result == 0 ? Parse(buffer) : (EntryKind.Missing, 0, 0, 0, 0);
    }

    private static (EntryKind Kind, long Size, ulong Device, ulong Inode, uint Links) StatDescriptor(SafeFileHandle file)
    {
        Span<byte> buffer = stackalloc byte[StatxSize];
        return StatxDescriptor(file, "", AtEmptyPath, StatxBasicStats, buffer) == 0 ? Parse(buffer) : throw Failure("inspect", "an open file");
    }

    // struct statx has the same layout on every Linux architecture.
    private static (EntryKind, long, ulong, ulong, uint) Parse(ReadOnlySpan<byte> statx)
    {
        var links = BitConverter.ToUInt32(statx[16..]);
        var mode = BitConverter.ToUInt16(statx[28..]) & 0xf000;
        var inode = BitConverter.ToUInt64(statx[32..]);
        var size = BitConverter.ToInt64(statx[40..]);
        var device = ((ulong)BitConverter.ToUInt32(statx[136..]) << 32) | BitConverter.ToUInt32(statx[140..]);
        var kind = mode switch
        {
            0x8000 => EntryKind.File,
            0x4000 => EntryKind.Directory,
            0xa000 => EntryKind.SymbolicLink,
            _ => EntryKind.Other,
        };
        return (kind, size, device, inode, links);
    }

    private static void WriteAll(SafeFileHandle file, ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var written = WriteDescriptor(file, bytes);
            if (written < 0)
            {
                if (Marshal.GetLastPInvokeError() == EINTR)
                {
                    continue;
                }

                throw Failure("write", "a temporary file");
            }

            bytes = bytes[(int)written..];
        }
    }

    private static int ReadDescriptor(SafeFileHandle file, Span<byte> buffer)
    {
        while (true)
        {
            var read = ReadNative(file, buffer);
            if (read >= 0)
            {
                return (int)read;
            }

            if (Marshal.GetLastPInvokeError() != EINTR)
            {
                throw Failure("read", "a file");
            }
        }
    }

    private static IOException Failure(string action, string what)
    {
        var error = Marshal.GetLastPInvokeError();
        return new IOException($"Could not {action} '{what}': {Marshal.GetPInvokeErrorMessage(error)}");
    }

    private static SafeFileHandle OpenAt(SafeHandle? directory, string name, int flags, int mode)
    {
        var added = false;
        try
        {
            var fd = AtFdCwd;
            if (directory is not null)
            {
                directory.DangerousAddRef(ref added);
                fd = (int)directory.DangerousGetHandle();
            }

            int result;
            do
            {
                result = OpenAtNative(fd, name, flags, mode);
            }
            while (result < 0 && Marshal.GetLastPInvokeError() == EINTR);

            return new SafeFileHandle(result, ownsHandle: true);
        }
        finally
        {
            if (added)
            {
                directory!.DangerousRelease();
            }
        }
    }

    private static int Statx(DirectoryHandle directory, string name, int flags, uint mask, Span<byte> buffer) => StatxNative(directory, name, flags, mask, buffer);

    private static int StatxDescriptor(SafeFileHandle file, string name, int flags, uint mask, Span<byte> buffer) => StatxNative(file, name, flags, mask, buffer);

    private static int MkdirAt(DirectoryHandle directory, string name, int mode) => MkdirAtNative(directory, name, mode);

    private static int RenameAt(DirectoryHandle from, string fromName, DirectoryHandle to, string toName) => RenameAtNative(from, fromName, to, toName);

    private static int UnlinkAt(DirectoryHandle directory, string name, int flags) => UnlinkAtNative(directory, name, flags);

    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenAtNative(int directory, string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int StatxNative(SafeHandle directory, string path, int flags, uint mask, Span<byte> buffer);

    [LibraryImport("libc", EntryPoint = "mkdirat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MkdirAtNative(SafeHandle directory, string path, int mode);

    [LibraryImport("libc", EntryPoint = "renameat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameAtNative(SafeHandle fromDirectory, string from, SafeHandle toDirectory, string to);

    [LibraryImport("libc", EntryPoint = "unlinkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int UnlinkAtNative(SafeHandle directory, string path, int flags);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint ReadNative(SafeHandle file, Span<byte> buffer, nint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint WriteNative(SafeHandle file, ReadOnlySpan<byte> buffer, nint count);

    private static nint ReadNative(SafeHandle file, Span<byte> buffer) => ReadNative(file, buffer, buffer.Length);

    private static nint WriteDescriptor(SafeHandle file, ReadOnlySpan<byte> buffer) => WriteNative(file, buffer, buffer.Length);

    // ---- The path-based fallback (macOS, Windows, other architectures) ----

    private static ReadOutcome ManagedRead(string root, IReadOnlyList<string> segments, long maxBytes)
    {
        var path = Path.Combine([root, .. segments]);
        var kind = Kind(root, segments);
        if (kind != EntryKind.File || AnyLinkOnTheWay(root, segments))
        {
            return new ReadOutcome(kind == EntryKind.File ? EntryKind.SymbolicLink : kind, null, 0);
        }

        var info = new FileInfo(path);
        if (info.Length == 0)
        {
            // Never opened: a FIFO or socket also reports length 0, and opening one could block.
            return new ReadOutcome(EntryKind.File, [], 0);
        }

        if (info.Length > maxBytes)
        {
            return new ReadOutcome(EntryKind.File, null, info.Length);
        }

        var bytes = File.ReadAllBytes(path);
        return bytes.Length > maxBytes ? new ReadOutcome(EntryKind.File, null, bytes.Length) : new ReadOutcome(EntryKind.File, bytes, bytes.Length);
    }

    private static string? ManagedWrite(string root, IReadOnlyList<string> segments, ReadOnlySpan<byte> bytes)
    {
        var current = root;
        for (var i = 0; i < segments.Count - 1; i++)
        {
            current = Path.Combine(current, segments[i]);
            var info = new DirectoryInfo(current);
            if (info.LinkTarget is not null)
            {
                return Blocked(EntryKind.SymbolicLink, string.Join('/', segments.Take(i + 1)));
            }

            if (File.Exists(current))
            {
                return Blocked(EntryKind.File, string.Join('/', segments.Take(i + 1)));
            }

            Directory.CreateDirectory(current);
        }

        var full = Path.Combine(current, segments[^1]);
        var existing = new FileInfo(full);
        if (existing.LinkTarget is not null || Directory.Exists(full))
        {
            return Blocked(existing.LinkTarget is not null ? EntryKind.SymbolicLink : EntryKind.Directory, string.Join('/', segments));
        }

        // CreateNew fails on any existing entry, a planted link included; the rename then gives the path a new inode.
        var temp = Path.Combine(current, TempName());
        using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            stream.Write(bytes);
        }

        File.Move(temp, full, overwrite: true);
        return AnyLinkOnTheWay(root, segments) || new FileInfo(full).LinkTarget is not null
            ? $"'{string.Join('/', segments)}' was replaced by another process while it was being written; write it again"
            : null;
    }

    private static bool AnyLinkOnTheWay(string root, IReadOnlyList<string> segments)
    {
        var current = root;
        for (var i = 0; i < segments.Count - 1; i++)
        {
            current = Path.Combine(current, segments[i]);
            if (new DirectoryInfo(current).LinkTarget is not null)
            {
                return true;
            }
        }

        return false;
    }

    private static void ManagedWalk(string root, IReadOnlySet<string> skipped, List<WalkedFile> files)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            foreach (var sub in Directory.EnumerateDirectories(directory, "*", options))
            {
                if (!skipped.Contains(Path.GetFileName(sub)))
                {
                    pending.Push(sub);
                }
            }

            foreach (var file in Directory.EnumerateFiles(directory, "*", options))
            {
                files.Add(new WalkedFile(Path.GetRelativePath(root, file).Replace('\\', '/'), new FileInfo(file).Length));
            }
        }
    }

    /// <summary>An open directory descriptor.</summary>
    private sealed partial class DirectoryHandle : SafeHandleMinusOneIsInvalid
    {
        public DirectoryHandle(SafeFileHandle handle)
            : base(ownsHandle: true)
        {
            SetHandle(handle.DangerousGetHandle());
            handle.SetHandleAsInvalid();
        }

        protected override bool ReleaseHandle() => CloseNative((int)handle) == 0;

        [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
        private static partial int CloseNative(int fd);
    }
}
