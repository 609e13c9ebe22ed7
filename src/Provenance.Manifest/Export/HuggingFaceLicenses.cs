using System;
using System.Collections.Generic;
using System.Linq;

namespace Provenance.Manifest.Export;

/// <summary>
/// Licence names between SPDX expressions (the manifest's <c>source.license</c>) and the Hugging Face Hub's licence
/// identifiers (a card's <c>license:</c>): mostly the SPDX id in lower case, with the Hub's own names for the open data
/// licences (<c>PDDL-1.0</c> is <c>pddl</c>, <c>ODbL-1.0</c> <c>odbl</c>, <c>ODC-By-1.0</c> <c>odc-by</c>). An
/// expression's <c>AND</c> operands become a list; anything the Hub has no identifier for is <c>other</c> with the
/// expression as <c>license_name</c>.
/// </summary>
public static class HuggingFaceLicenses
{
    private static readonly string[] KnownSpdx =
    {
        "AFL-3.0", "AGPL-3.0", "Apache-2.0", "Artistic-2.0", "BSD-2-Clause", "BSD-3-Clause", "BSD-3-Clause-Clear", "BSL-1.0",
        "CC-BY-2.0", "CC-BY-2.5", "CC-BY-3.0", "CC-BY-4.0", "CC-BY-NC-2.0", "CC-BY-NC-3.0", "CC-BY-NC-4.0", "CC-BY-NC-ND-3.0",
        "CC-BY-NC-ND-4.0", "CC-BY-NC-SA-2.0", "CC-BY-NC-SA-3.0", "CC-BY-NC-SA-4.0", "CC-BY-ND-4.0", "CC-BY-SA-3.0", "CC-BY-SA-4.0",
        "CC0-1.0", "CDLA-Permissive-1.0", "CDLA-Permissive-2.0", "CDLA-Sharing-1.0", "ECL-2.0", "EPL-1.0", "EPL-2.0", "EUPL-1.1",
        "GPL-2.0", "GPL-3.0", "ISC", "LGPL-2.1", "LGPL-3.0", "LPPL-1.3c", "MIT", "MPL-2.0", "MS-PL", "NCSA", "OFL-1.1", "OSL-3.0",
        "PostgreSQL", "Unlicense", "WTFPL", "Zlib",
    };

    private static readonly Dictionary<string, string> SpdxToHub = KnownSpdx
        .ToDictionary(id => id, id => id.ToLowerInvariant(), StringComparer.OrdinalIgnoreCase)
        .Concat(new Dictionary<string, string> { ["PDDL-1.0"] = "pddl", ["ODbL-1.0"] = "odbl", ["ODC-By-1.0"] = "odc-by" })
        .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, string> HubToSpdx = SpdxToHub.ToDictionary(kv => kv.Value, kv => Canonical(kv.Key), StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The Hub identifiers of <paramref name="expressions"/> (their <c>AND</c> operands, in order, without repeats), or
    /// <c>["other"]</c> with <paramref name="otherName"/> set to the expressions when any operand has no Hub identifier
    /// or an expression uses <c>OR</c>/<c>WITH</c>.
    /// </summary>
    public static IReadOnlyList<string> ToHub(IEnumerable<string> expressions, out string? otherName)
    {
        var list = expressions.ToList();
        var ids = new List<string>();
        otherName = null;
        foreach (string expression in list)
        {
            foreach (string operand in Operands(expression))
            {
                if (operand.IndexOf(' ') >= 0 || !SpdxToHub.TryGetValue(operand, out string? hub))
                {
                    otherName = string.Join(" AND ", list);
                    return new[] { "other" };
                }

                if (!ids.Contains(hub))
                {
                    ids.Add(hub);
                }
            }
        }

        return ids;
    }

    /// <summary>
    /// The SPDX expression of a card's licences: each Hub identifier mapped back (unknown ones kept as written), joined
    /// with <c>AND</c>; <paramref name="licenseName"/> when the card says <c>other</c>; null when there are none.
    /// </summary>
    public static string? ToSpdx(IReadOnlyList<string> hubIds, string? licenseName)
    {
        if (hubIds.Any(id => string.Equals(id, "other", StringComparison.OrdinalIgnoreCase)) && !string.IsNullOrWhiteSpace(licenseName))
        {
            return licenseName!.Trim();
        }

        var spdx = hubIds.Where(id => !string.IsNullOrWhiteSpace(id) && !string.Equals(id, "unknown", StringComparison.OrdinalIgnoreCase))
            .Select(id => HubToSpdx.TryGetValue(id.Trim(), out string? s) ? s : id.Trim())
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return spdx.Count == 0 ? null : string.Join(" AND ", spdx);
    }

    private static IEnumerable<string> Operands(string expression)
    {
        string text = expression.Trim().Trim('(', ')');
        return text.Split(new[] { " AND " }, StringSplitOptions.RemoveEmptyEntries).Select(o => o.Trim().Trim('(', ')'));
    }

    private static string Canonical(string id) => KnownSpdx.FirstOrDefault(k => string.Equals(k, id, StringComparison.OrdinalIgnoreCase)) ?? id;
}
