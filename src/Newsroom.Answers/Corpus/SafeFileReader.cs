using Microsoft.Win32.SafeHandles;
using System.Runtime.InteropServices;

namespace Newsroom.Answers.Corpus;

/// <summary>
/// Reads a corpus file only when it is a regular file whose real path lies inside the corpus
/// folder, and never more than the byte limit. A symbolic link to /etc/passwd would otherwise be
/// indexed and quoted; one to /dev/zero read until memory ran out; a named pipe (FIFO) blocks
/// whoever opens it until a writer comes, which may be never. So: the link is resolved to its real
/// path (libc <c>realpath</c>) and checked against the folder's; the file's type is read without
/// opening it (<c>statx</c>), and only a regular file is opened, with <c>O_NONBLOCK</c> so that
/// even a file swapped for a pipe in between cannot block the open, and its type is checked again
/// on the open descriptor. The read stops one byte past the limit, whatever the size on disk said.
/// Elsewhere than Linux (a developer's Windows or macOS machine) the link target is resolved with
/// .NET and the file opened as usual.
/// </summary>
internal static class SafeFileReader
{
    private const int AtFdCwd = -100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxType = 0x1;
    private const int ORdOnly = 0;
    private const int ONonBlock = 0x800; // the same on x86-64 and arm64
    private const int OCloExec = 0x80000; // the same on x86-64 and arm64
    private const int ModeTypeMask = 0xF000;
    private const int RegularFile = 0x8000;

    /// <summary>The real path of <paramref name="path"/>, every link in it resolved, or null when it cannot be resolved (dangling, gone).</summary>
    public static string? RealPath(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            try
            {
                var target = File.ResolveLinkTarget(path, returnFinalTarget: true);
                return Path.GetFullPath(target?.FullName ?? path);
            }
            catch (IOException)
            {
                return null;
            }
        }

        var resolved = realpath(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            free(resolved);
        }
    }

    /// <summary>
    /// Why the file at <paramref name="realPath"/> (links resolved) is not read as
    /// a regular file, read without opening it; null for a regular file.
    /// </summary>
    public static string? SpecialFileReason(string realPath)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var buffer = new byte[256];
        return statx(AtFdCwd, realPath, 0, StatxType, buffer) != 0 ? null : TypeReason(ModeOf(buffer));
    }

    /// <summary>
    /// Reads at most <paramref name="limit"/> bytes of the regular file at <paramref name="realPath"/>;
    /// null and <paramref name="tooLarge"/> true when it holds more. Throws <see cref="IOException"/>
    /// when it cannot be read, naming a file that turned out not to be regular.
    /// </summary>
    public static byte[]? ReadBounded(string realPath, long limit, out bool tooLarge)
    {
        using var handle = Open(realPath);
        using var stream = new FileStream(handle, FileAccess.Read, bufferSize: 0);
        var buffer = new byte[(int)Math.Min(limit + 1, 1 << 16)];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length > limit)
                {
                    tooLarge = true;
                    return null;
                }

                Array.Resize(ref buffer, (int)Math.Min(limit + 1, (long)buffer.Length * 2));
            }

            var read = stream.Read(buffer, length, buffer.Length - length);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        if (length > limit)
        {
            tooLarge = true;
            return null;
        }

        tooLarge = false;
        return length == buffer.Length ? buffer : buffer[..length];
    }

    private static SafeFileHandle Open(string realPath)
    {
        if (!OperatingSystem.IsLinux())
        {
            return File.OpenHandle(realPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }

        var fd = open(realPath, ORdOnly | ONonBlock | OCloExec);
        if (fd < 0)
        {
            throw new IOException($"open failed ({Marshal.GetLastPInvokeErrorMessage()})");
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        var buffer = new byte[256];
        if (statx(fd, string.Empty, AtEmptyPath, StatxType, buffer) != 0)
        {
            handle.Dispose();
            throw new IOException($"its type could not be read ({Marshal.GetLastPInvokeErrorMessage()})");
        }

        if (TypeReason(ModeOf(buffer)) is { } reason)
        {
            handle.Dispose();
            throw new IOException(reason);
        }

        return handle;
    }

    // struct statx: stx_mode is a u16 at byte 28 on every Linux architecture.
    private static int ModeOf(byte[] statxBuffer) => BitConverter.ToUInt16(statxBuffer, 28);

    private static string? TypeReason(int mode) => (mode & ModeTypeMask) switch
    {
        RegularFile => null,
        0x4000 => "a folder",
        0x1000 => "not a regular file (a named pipe, FIFO): it is never opened, since reading one can wait for ever",
        0x2000 => "not a regular file (a character device)",
        0x6000 => "not a regular file (a block device)",
        0xC000 => "not a regular file (a socket)",
        0xA000 => "not a regular file (a symbolic link)",
        _ => "not a regular file",
    };

    [DllImport("libc", SetLastError = true)]
    private static extern IntPtr realpath([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr resolved);

    [DllImport("libc")]
    private static extern void free(IntPtr pointer);

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);

    [DllImport("libc", SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);
}
