using System;
using System.IO;

namespace Provenance.Build;

/// <summary>
/// Where a setting is written in the project file, so that a bad <c>ProvenanceHumanFloor</c> or an unjustified
/// <c>ProvenanceSuppress</c> is reported at its element (<c>App.csproj(7,5,7,27)</c>) instead of in the package's
/// <c>.targets</c>, the file that declares the task. MSBuild does not tell a task where a property came from; this
/// finds the first element of that name in the project file's text (1-based line, column of its '&lt;'). A setting made
/// elsewhere (Directory.Build.props, <c>-p:</c> on the command line) is reported at the project file without a position.
/// </summary>
internal static class ProjectFileLocation
{
    /// <summary>The span of the first <c>&lt;<paramref name="element"/></c> whose start tag contains <paramref name="attributeText"/> (when given); null when none.</summary>
    public static (int Line, int Column, int EndLine, int EndColumn)? Find(string? projectFile, string element, string? attributeText = null)
    {
        if (string.IsNullOrEmpty(projectFile))
        {
            return null;
        }

        string[] lines;
        try
        {
            lines = File.ReadAllLines(projectFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }

        string open = "<" + element;
        for (int i = 0; i < lines.Length; i++)
        {
            for (int at = lines[i].IndexOf(open, StringComparison.Ordinal); at >= 0; at = lines[i].IndexOf(open, at + 1, StringComparison.Ordinal))
            {
                int after = at + open.Length;
                bool wholeName = after == lines[i].Length || !(char.IsLetterOrDigit(lines[i][after]) || lines[i][after] is '_' or '-' or '.');
                int close = lines[i].IndexOf('>', after);
                string tag = close < 0 ? lines[i].Substring(at) : lines[i].Substring(at, close + 1 - at);
                if (wholeName && (attributeText is null || tag.IndexOf(attributeText, StringComparison.Ordinal) >= 0))
                {
                    return (i + 1, at + 1, i + 1, at + 1 + tag.Length);
                }
            }
        }

        return null;
    }
}
