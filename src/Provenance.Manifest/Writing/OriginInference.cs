using System;
using Provenance.Manifest.Model;

namespace Provenance.Manifest.Writing;

/// <summary>
/// The origin a starter manifest gives a file from the folders it sits in, by the names data teams use: a folder named
/// <c>human</c> means human; <c>synthetic</c>, <c>generated</c> or <c>synth</c> mean synthetic (case-insensitive; the
/// nearest such folder wins). Anything else is <see cref="ShardOrigin.Unknown"/>, which counts as synthetic until a
/// person says otherwise: a label is a claim, so only a folder name that says so is taken.
/// </summary>
public static class OriginInference
{
    /// <summary>The origin implied by the folders of <paramref name="relativePath"/> ('/'-separated), or null when none is.</summary>
    public static ShardOrigin? FromPath(string relativePath)
    {
        string[] parts = relativePath.Replace('\\', '/').Split('/');
        for (int i = parts.Length - 2; i >= 0; i--)
        {
            switch (parts[i].ToLowerInvariant())
            {
                case "human":
                    return ShardOrigin.Human;
                case "synthetic":
                case "generated":
                case "synth":
                    return ShardOrigin.Synthetic;
            }
        }

        return null;
    }
}
