namespace WebGen;

/// <summary>One file of a code step's snapshot in <c>tree.json</c>: its path and the SHA-256 of its content in <c>blobs/</c>.</summary>
internal sealed record class StoredFile(string Path, string Sha256);
