using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Provenance.Analyzers.Tests.Helpers;

/// <summary>An expected diagnostic parsed from markup: <c>[|...|]</c> (the rule under test) or <c>{|PROV3001:...|}</c>.</summary>
internal sealed record ExpectedDiagnostic(string? Id, TextSpan Span);

/// <summary>
/// Parses test markup: <c>[|code|]</c> expects a diagnostic of the default rule on exactly <c>code</c>;
/// <c>{|ID:code|}</c> expects diagnostic <c>ID</c> there. Markup may nest. Returns the clean source.
/// </summary>
internal static class TestMarkup
{
    public static (string Source, List<ExpectedDiagnostic> Expected) Parse(string markup)
    {
        var output = new StringBuilder(markup.Length);
        var expected = new List<ExpectedDiagnostic>();
        var open = new Stack<(string? Id, int Start)>();
        var i = 0;
        while (i < markup.Length)
        {
            if (Starts(markup, i, "[|"))
            {
                open.Push((null, output.Length));
                i += 2;
            }
            else if (markup[i] == '{' && i + 1 < markup.Length && markup[i + 1] == '|')
            {
                var colon = markup.IndexOf(':', i + 2);
                if (colon < 0)
                {
                    throw new FormatException($"Markup '{{|' at {i} has no ':' after the diagnostic id.");
                }

                open.Push((markup.Substring(i + 2, colon - i - 2), output.Length));
                i = colon + 1;
            }
            else if (Starts(markup, i, "|]") || Starts(markup, i, "|}"))
            {
                if (open.Count == 0)
                {
                    throw new FormatException($"Unbalanced markup close at {i}.");
                }

                var (id, start) = open.Pop();
                expected.Add(new ExpectedDiagnostic(id, TextSpan.FromBounds(start, output.Length)));
                i += 2;
            }
            else
            {
                output.Append(markup[i]);
                i++;
            }
        }

        if (open.Count != 0)
        {
            throw new FormatException("Unclosed markup.");
        }

        return (output.ToString(), expected);
    }

    private static bool Starts(string text, int index, string token) =>
        string.CompareOrdinal(text, index, token, 0, token.Length) == 0;
}
