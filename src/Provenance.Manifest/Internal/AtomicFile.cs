using System;
using System.IO;

namespace Provenance.Manifest.Internal;

/// <summary>
/// Writes a file atomically: the bytes go to a temporary file in the same folder, which is flushed to disk
/// and then renamed over the target, so a reader (or a crash) sees the old file or the new one, never a torn one.
/// </summary>
public static class AtomicFile
{
    /// <summary>Replaces <paramref name="path"/> with <paramref name="content"/> atomically.</summary>
    public static void WriteAllBytes(string path, byte[] content)
    {
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        string temp = Path.Combine(directory, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N").Substring(0, 12) + ".tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
            {
                stream.Write(content, 0, content.Length);
                stream.Flush(true);
            }

            if (File.Exists(full))
            {
                File.Replace(temp, full, null, true);
            }
            else
            {
                try
                {
                    File.Move(temp, full);
                }
                catch (IOException) when (File.Exists(full))
                {
                    // Another writer created it between our check and the move: replace theirs.
                    File.Replace(temp, full, null, true);
                }
            }
        }
        finally
        {
            if (File.Exists(temp))
            {
                try
                {
                    File.Delete(temp);
                }
                catch (IOException)
                {
                }
            }
        }
    }
}
