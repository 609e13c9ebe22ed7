using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Provenance.Manifest.Internal;

namespace Provenance.Manifest.Export;

/// <summary>The export formats (one <see cref="IManifestExporter"/> each) and how an export reaches disk.</summary>
public static class ManifestExporters
{
    /// <summary>Every format, in the order the docs list them.</summary>
    public static IReadOnlyList<IManifestExporter> All { get; } = new IManifestExporter[]
    {
        new CroissantExporter(), new Spdx3Exporter(), new CycloneDxExporter(), new HuggingFaceCardExporter(),
    };

    /// <summary>The format names, e.g. for usage messages.</summary>
    public static IEnumerable<string> Names => All.Select(e => e.Format);

    /// <summary>The exporter of <paramref name="format"/> (case-insensitive), or null.</summary>
    public static IManifestExporter? Find(string format) =>
        All.FirstOrDefault(e => string.Equals(e.Format, format.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The file an export of <paramref name="manifestPath"/> goes to in <paramref name="directory"/>: the manifest's name
    /// without <c>.yaml</c>/<c>.yml</c> plus the format's suffix (<c>gen1.provenance.yaml</c> gives <c>gen1.provenance.cdx.json</c>).
    /// </summary>
    public static string FileFor(string manifestPath, IManifestExporter exporter, string directory)
    {
        string name = Path.GetFileName(manifestPath);
        foreach (string extension in new[] { ".yaml", ".yml" })
        {
            if (name.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
            {
                name = name.Substring(0, name.Length - extension.Length);
                break;
            }
        }

        return Path.Combine(directory, name + exporter.FileSuffix);
    }

    /// <summary>
    /// Writes <paramref name="text"/> to <paramref name="path"/> atomically (UTF-8 without BOM) unless the file already
    /// holds exactly those bytes; returns true when it wrote.
    /// </summary>
    public static bool WriteIfChanged(string path, string text)
    {
        byte[] bytes = new UTF8Encoding(false).GetBytes(text);
        if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
        {
            return false;
        }

        AtomicFile.WriteAllBytes(path, bytes);
        return true;
    }

    /// <summary>
    /// The creation time an export records: <c>SOURCE_DATE_EPOCH</c> (seconds since 1970, the reproducible-builds
    /// convention) when <paramref name="sourceDateEpoch"/> holds one, else the manifest's last write time; UTC, to the second.
    /// </summary>
    public static DateTimeOffset ResolveCreated(string manifestPath, string? sourceDateEpoch)
    {
        if (!string.IsNullOrWhiteSpace(sourceDateEpoch) && long.TryParse(sourceDateEpoch!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long seconds) && seconds <= 253402300799)
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        var written = File.Exists(manifestPath) ? File.GetLastWriteTimeUtc(manifestPath) : new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        return DateTimeOffset.FromUnixTimeSeconds(new DateTimeOffset(written, TimeSpan.Zero).ToUnixTimeSeconds());
    }
}
