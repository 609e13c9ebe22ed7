using System;
using System.Collections.Generic;

namespace Provenance.Manifest.Reading;

/// <summary>Suggests the key a misspelt one was meant to be (did-you-mean for PROV1002).</summary>
internal static class KeyNames
{
    /// <summary>
    /// The candidate closest to <paramref name="key"/> by optimal string alignment distance (Levenshtein plus the swap of
    /// two neighbours), compared case-insensitively, when that distance is at most 1 for keys up to 4 characters and at
    /// most 2 above; null when none is that close or two candidates tie.
    /// </summary>
    public static string? Closest(string key, IEnumerable<string> candidates)
    {
        int limit = key.Length <= 4 ? 1 : 2;
        string? best = null;
        int bestDistance = int.MaxValue;
        bool tie = false;
        foreach (string candidate in candidates)
        {
            int distance = Distance(key.ToLowerInvariant(), candidate.ToLowerInvariant(), limit);
            if (distance > limit)
            {
                continue;
            }

            if (distance < bestDistance)
            {
                (best, bestDistance, tie) = (candidate, distance, false);
            }
            else if (distance == bestDistance)
            {
                tie = true;
            }
        }

        return tie ? null : best;
    }

    /// <summary>Optimal string alignment distance, or <paramref name="limit"/> + 1 as soon as it must exceed the limit.</summary>
    internal static int Distance(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
        }

        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (int j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int value = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, d[i - 2, j - 2] + 1);
                }

                d[i, j] = value;
            }
        }

        return d[a.Length, b.Length];
    }
}
