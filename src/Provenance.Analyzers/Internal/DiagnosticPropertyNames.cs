namespace Provenance.Analyzers.Internal;

/// <summary>Keys of <see cref="Microsoft.CodeAnalysis.Diagnostic.Properties"/> that tell the code fixes which fix applies.</summary>
internal static class DiagnosticPropertyNames
{
    /// <summary>Which rewrite the code fix performs; one of the <see cref="FixKinds"/> values. Absent: no automatic fix.</summary>
    public const string FixKind = "ProvenanceFixKind";

    /// <summary>For <see cref="FixKinds.RenameMethod"/>: the name of the appending method to call instead.</summary>
    public const string ReplacementMethod = "ProvenanceReplacementMethod";
}

/// <summary>The code-fix rewrites the analyzers can request.</summary>
internal static class FixKinds
{
    /// <summary>Call another method with the same arguments (<c>File.WriteAllText</c> → <c>File.AppendAllText</c>, <c>File.CreateText</c> → <c>File.AppendText</c>).</summary>
    public const string RenameMethod = "RenameMethod";

    /// <summary>Replace the call by <c>File.Open(path, FileMode.Append)</c> (<c>File.Create</c>, <c>File.OpenWrite</c>).</summary>
    public const string OpenAppend = "OpenAppend";

    /// <summary>Change the <c>FileMode</c> argument to <c>FileMode.Append</c> (and a <c>ReadWrite</c> access to <c>Write</c>, which Append requires).</summary>
    public const string FileModeAppend = "FileModeAppend";

    /// <summary>Pass <c>append: true</c> to the <c>StreamWriter(string path, ...)</c> constructor.</summary>
    public const string StreamWriterAppend = "StreamWriterAppend";

    /// <summary>Turn <c>x = y</c> into <c>x.AddRange(y)</c> or <c>x = x.Concat(y).ToList()</c> (PROV3003, PROV3004).</summary>
    public const string Accumulate = "Accumulate";

    /// <summary>Remove the <c>x.Clear()</c> statement so the following <c>AddRange</c> accumulates (PROV3003).</summary>
    public const string RemoveClear = "RemoveClear";
}
