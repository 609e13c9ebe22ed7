using System;
using System.CommandLine;
using System.Linq;
using System.Text;

namespace Provenance.Cli.Output;

/// <summary>
/// Corrects the <c>Commands:</c> section of <c>provenance --help</c>. System.CommandLine labels every subcommand's
/// arguments as <c>&lt;DIR&gt;</c> there, optional or not (its own usage line does write <c>[&lt;DIR&gt;]</c>), so
/// <c>init &lt;DIR&gt;</c> read as if DIR were required. Optional arguments (minimum arity 0) get their brackets here,
/// and the section's description column moves right to stay aligned, continuation lines included.
/// </summary>
internal static class RootHelp
{
    public static string MarkOptionalArguments(string help, Command root)
    {
        var lines = help.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        int header = Array.IndexOf(lines, "Commands:");
        if (header < 0)
        {
            return help;
        }

        int end = header + 1;
        while (end < lines.Length && lines[end].Length > 0)
        {
            end++;
        }

        var labels = root.Subcommands.Where(c => !c.Hidden).Select(c => (Old: Label(c, optionalBrackets: false), New: Label(c, optionalBrackets: true))).ToList();
        int oldColumn = DescriptionColumn(lines[header + 1]);
        if (oldColumn < 0)
        {
            return help;
        }

        int newColumn = Math.Max(oldColumn, 2 + labels.Max(l => l.New.Length) + 2);
        for (int i = header + 1; i < end; i++)
        {
            string line = lines[i];
            string rest = line.Length > oldColumn ? line.Substring(oldColumn) : string.Empty;
            var row = labels.FirstOrDefault(l => line.Length > 2 && line[2] != ' ' && line.AsSpan(2).StartsWith(l.Old + " ", StringComparison.Ordinal));
            lines[i] = row.Old is not null
                ? ("  " + row.New).PadRight(newColumn) + rest
                : (rest.Length > 0 ? new string(' ', newColumn) + rest : line);
        }

        return string.Join(Environment.NewLine, lines);
    }

    private static string Label(Command command, bool optionalBrackets)
    {
        var label = new StringBuilder(command.Name);
        foreach (var argument in command.Arguments.Where(a => !a.Hidden))
        {
            string name = "<" + (argument.HelpName ?? argument.Name) + ">";
            label.Append(' ').Append(optionalBrackets && argument.Arity.MinimumNumberOfValues == 0 ? "[" + name + "]" : name);
        }

        return label.ToString();
    }

    /// <summary>The column where a two-column row's description starts: after the label and its run of spaces.</summary>
    private static int DescriptionColumn(string row)
    {
        int gap = row.IndexOf("  ", 2, StringComparison.Ordinal);
        if (gap < 0)
        {
            return -1;
        }

        int column = gap;
        while (column < row.Length && row[column] == ' ')
        {
            column++;
        }

        return column;
    }
}
