using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Provenance.Cli.Tests.Browser;
using Provenance.Cli.Tests.Helpers;
using Provenance.Manifest.Diagnostics;
using Xunit.Abstractions;

namespace Provenance.Cli.Tests.Commands;

/// <summary>
/// <c>provenance audit --format html</c>: one self-contained page (summary, charts, lineage graph, sortable shard table),
/// checked as text and in headless Chromium (<see cref="Chromium"/>) on the real State of the Union sample (16 shards,
/// 3 generations) and on a generated mix of 10,000 shards.
/// </summary>
public sealed class AuditHtmlTests
{
    private static readonly string RepoRoot = Provenance.Manifest.Tests.Helpers.Corpus.RepoRoot();
    private static readonly string Sample = Path.Combine(RepoRoot, "samples", "SotuAssistant", "provenance.yaml");
    private readonly ITestOutputHelper _output;

    public AuditHtmlTests(ITestOutputHelper output) => _output = output;

    private static (CliResult Result, string Html, string File) Render(TempFolder folder, string manifest, params string[] extra)
    {
        string file = folder.File("report/audit.html");
        var args = new List<string> { "audit", manifest, "--format", "html", "-o", file, "--locked", "false" };
        args.AddRange(extra);
        var result = CliRunner.RunIn(folder.Path, folder.Variables(), args.ToArray());
        Assert.True(File.Exists(file), result.ToString());
        return (result, File.ReadAllText(file), file);
    }

    private static IReadOnlyList<string> SampleShardIds()
    {
        using var folder = new TempFolder();
        var json = CliRunner.RunIn(folder.Path, folder.Variables(), "audit", Sample, "--format", "json", "--locked", "false");
        using var document = JsonDocument.Parse(json.Out);
        return document.RootElement.GetProperty("shards").EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToList();
    }

    /// <summary>Every attribute or CSS reference that would make a browser fetch something.</summary>
    private static IEnumerable<string> ResourceReferences(string html)
    {
        foreach (Match m in Regex.Matches(html, @"\b(src|srcset|href|xlink:href|poster|action|data)\s*=\s*[""']([^""']*)[""']", RegexOptions.IgnoreCase))
        {
            bool ruleAnchor = m.Groups[1].Value.Equals("href", StringComparison.OrdinalIgnoreCase)
                && m.Groups[2].Value.StartsWith(DiagnosticRegistry.HelpLinkBase, StringComparison.Ordinal)
                && html.LastIndexOf("<a ", m.Index, StringComparison.Ordinal) > html.LastIndexOf('>', m.Index);
            if (!ruleAnchor && Regex.IsMatch(m.Groups[2].Value, @"^\s*(https?:|//|ftp:|file:)", RegexOptions.IgnoreCase))
            {
                yield return m.Value;
            }
        }

        foreach (Match m in Regex.Matches(html, @"url\(\s*['""]?\s*(https?:|//)|@import|<link\b|<iframe\b|<img\b[^>]*src=", RegexOptions.IgnoreCase))
        {
            yield return m.Value;
        }
    }

    private static int DrawnNodes(string html) => Regex.Matches(html, "<g class=\"node ").Count;

    private static List<string> TableIds(string html) =>
        Regex.Matches(html, "<tr><td class=\"id\">([^<]+)").Select(m => m.Groups[1].Value).ToList();

    [Fact]
    public void AuditHtml_Sample_IsOnePageWithSummaryChartsGraphAndEveryShard_LoadingNothing()
    {
        using var folder = new TempFolder();

        var (result, html, _) = Render(folder, Sample);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("report/audit.html: html audit of", result.Error);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<p id=\"verdict\" class=\"verdict passed\">Passed: 0 errors, 0 warnings</p>", html);
        Assert.Contains("<th scope=\"row\">Human share</th><td>73% (1,813,843 of 2,483,029 effective tokens)</td>", html);
        Assert.Contains("<th scope=\"row\">Floor</th><td>10% (warning below 50%)</td>", html);
        Assert.Contains("<th scope=\"row\">Shards</th><td>16 (max generation 2)</td>", html);
        Assert.Contains("<svg id=\"mix-chart\"", html);
        Assert.Contains("<svg id=\"lineage-graph\"", html);
        Assert.Equal(SampleShardIds(), TableIds(html));
        Assert.Empty(ResourceReferences(html));
        Assert.Contains("Content-Security-Policy", html);

        // The graph draws each of the 16 shards, both generator models and the three manifests, with every kind of edge.
        Assert.Equal(16 + 2 + 3, DrawnNodes(html));
        Assert.Equal(8, Regex.Matches(html, "<g class=\"node shard human protected\"").Count);
        foreach (string kind in new[] { "parent", "trainedon", "generatedby", "derivedfrom" })
        {
            Assert.Contains($"<path class=\"edge {kind}\"", html);
        }
    }

    [Fact]
    public void AuditHtml_FailingMix_VerdictFailedAndEachDiagnosticLinksToItsRulePage()
    {
        using var folder = new TempFolder();

        var (result, html, _) = Render(folder, Path.Combine(RepoRoot, "samples", "SotuReplace", "provenance.yaml"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("class=\"verdict failed\">Failed: ", html);
        var links = Regex.Matches(html, "<a class=\"rule\" href=\"([^\"]+)\">(PROV\\d{4})</a>").ToList();
        Assert.Contains(links, l => l.Groups[2].Value == "PROV2004");
        Assert.Contains(links, l => l.Groups[2].Value == "PROV2003");
        foreach (var link in links)
        {
            string id = link.Groups[2].Value;
            Assert.Equal(DiagnosticRegistry.HelpLink(id), link.Groups[1].Value);
            Assert.True(File.Exists(Path.Combine(RepoRoot, "docs", "rules", id + ".md")), id);
        }

        Assert.Empty(ResourceReferences(html));
    }

    [Fact]
    public void AuditHtml_Diversity_DrawsTheCurvesAndTheGateThreshold()
    {
        using var folder = new TempFolder();

        var (result, html, _) = Render(folder, Sample, "--diversity");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("<svg id=\"diversity-chart\"", html);
        Assert.Contains("<line id=\"diversity-gate\" class=\"gate\"", html);
        Assert.Equal(3, Regex.Matches(html, "<polyline class=\"series ").Count);
        Assert.Contains("<table id=\"diversity-table\"", html);
        Assert.Contains("Gate (policy.diversity): tail-survival of the mix is", html);
    }

    [Fact]
    public void AuditHtml_WithoutDiversity_HasNoDiversitySection()
    {
        using var folder = new TempFolder();

        var (_, html, _) = Render(folder, Sample);

        Assert.DoesNotContain("diversity-chart", html);
    }

    [Fact]
    public void AuditHtml_ApprovedRemovalAndItsTaint_AreMarkedInTheGraphAndTheTable()
    {
        using var folder = new TempFolder();
        Mixes.WriteStandard(folder);
        folder.Write("data/synthetic/r1.jsonl", Corpus.MobyLines(10, 2));
        folder.Write("data/synthetic/r2.jsonl", Corpus.MobyLines(20, 2));
        File.AppendAllText(folder.Manifest,
            "  - id: synth-from-removed\n    path: data/synthetic/r1.jsonl\n    origin: synthetic\n    generator: { model: demo-bigram@1 }\n    derivedFrom: [sotu-withdrawn]\n" +
            "  - id: synth-second-hand\n    path: data/synthetic/r2.jsonl\n    origin: synthetic\n    generator: { model: demo-bigram@1 }\n    derivedFrom: [synth-from-removed]\n" +
            "removed:\n  - digest: sha256:" + new string('a', 64) + "\n    id: sotu-withdrawn\n    reason: licence withdrawn\n    approvedBy: data-governance@example.org\n");
        Assert.Equal(0, CliRunner.Run(folder, "seal").ExitCode);

        var (result, html, _) = Render(folder, folder.Manifest);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("<g class=\"node removal\" data-key=\"r:sotu-withdrawn\"", html);
        Assert.Equal(2, Regex.Matches(html, "<g class=\"node shard synthetic tainted\"").Count);
        Assert.Contains("tainted: derived from removed &#39;sotu-withdrawn&#39;", html);
        Assert.Contains("2 shards derived from removed data", html);
        Assert.Contains("<a class=\"rule\" href=\"" + DiagnosticRegistry.HelpLink("PROV2012") + "\">PROV2012</a>", html);
    }

    [Fact]
    public void AuditHtml_OutputFile_IsReplacedWholeWithNoTemporaryFileLeft()
    {
        using var folder = new TempFolder();
        folder.Write("report/audit.html", "old report");

        var (result, html, file) = Render(folder, Sample);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("old report", html);
        Assert.Equal(new[] { file }, Directory.GetFiles(Path.GetDirectoryName(file)!));
    }

    [Fact]
    public void AuditHtml_OutputIsAFolder_IsAUsageError()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("out"));

        var result = CliRunner.RunIn(folder.Path, folder.Variables(), "audit", Sample, "--format", "html", "-o", "out", "--locked", "false");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is a folder", result.Error);
    }

    [Fact]
    public void AuditHtml_10000Shards_CollapsesTheGraphToAtMost200NodesAndListsEveryShard()
    {
        using var folder = new TempFolder();
        LargeMix.Write(folder, 10_000);

        var watch = Stopwatch.StartNew();
        var (result, html, _) = Render(folder, folder.Manifest, "--verify", "none");
        watch.Stop();

        Assert.True(result.ExitCode == 0, result.ToString());
        int nodes = DrawnNodes(html);
        var check = Stopwatch.StartNew();
        var report = Provenance.Manifest.Reporting.AuditReport.From(
            Provenance.Manifest.ManifestChecker.Check(folder.Manifest, new Provenance.Manifest.CheckOptions { Verify = Provenance.Manifest.Digests.VerifyMode.None, LockedMode = false }), "provenance.yaml")!;
        check.Stop();
        var render = Stopwatch.StartNew();
        Provenance.Manifest.Reporting.HtmlAudit.Write(new StringWriter(), report, p => p);
        render.Stop();
        _output.WriteLine($"10,000 shards: audit --format html {watch.Elapsed.TotalSeconds:0.0} s in all; in process: check {check.Elapsed.TotalSeconds:0.00} s, HtmlAudit.Write {render.Elapsed.TotalSeconds:0.00} s; {html.Length / 1024} KiB, {nodes} graph nodes");
        Assert.InRange(nodes, 5, 200);
        Assert.Contains("10,000 shards are collapsed into", html);
        Assert.Equal(10_000, TableIds(html).Count);
        Assert.Contains("<g class=\"node shardgroup human protected\"", html);
        Assert.Empty(ResourceReferences(html));
    }

    [ChromiumFact]
    public void Chromium_SampleReport_ShowsTheSummaryAndEveryShardAndSortsFromTheQuery()
    {
        using var folder = new TempFolder();
        var (_, _, file) = Render(folder, Sample);
        var ids = SampleShardIds();

        var byAmount = Chromium.DumpDom(new Uri(file).AbsoluteUri + "?sort=-amount");
        var byId = Chromium.DumpDom(new Uri(file).AbsoluteUri + "#sort=id");

        _output.WriteLine($"chromium --dump-dom of the sample's report: {byAmount.Elapsed.TotalSeconds:0.0} s");
        Assert.Contains("data-sorted=\"amount:descending\"", byAmount.Stdout);
        Assert.Contains("Human share", byAmount.Stdout);
        Assert.Contains("<svg id=\"lineage-graph\"", byAmount.Stdout);
        var sorted = TableIds(byAmount.Stdout);
        Assert.Equal(ids.OrderBy(i => i), sorted.OrderBy(i => i));
        var amounts = Regex.Matches(byAmount.Stdout, "<td class=\"num\" data-v=\"(\\d+)\">[\\d,]+</td><td class=\"num\" data-v=\"[\\d.]+\">")
            .Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(16, amounts.Count);
        Assert.Equal(amounts.OrderByDescending(a => a), amounts);
        Assert.NotEqual(ids, sorted);
        Assert.Contains("data-sorted=\"id:ascending\"", byId.Stdout);
        Assert.Equal(ids.OrderBy(i => i, StringComparer.Ordinal), TableIds(byId.Stdout));
        Assert.Empty(byAmount.ConsoleLines);
        Assert.Empty(byId.ConsoleLines);
    }

    [ChromiumFact]
    public void Chromium_SampleReport_ScreenshotAndPrintedPdfAreNotBlank()
    {
        using var folder = new TempFolder();
        var (_, _, file) = Render(folder, Sample);
        string png = folder.File("audit.png");
        string pdf = folder.File("audit.pdf");

        var shot = Chromium.Screenshot(new Uri(file).AbsoluteUri, png);
        var print = Chromium.PrintToPdf(new Uri(file).AbsoluteUri, pdf);

        _output.WriteLine($"screenshot {shot.Elapsed.TotalSeconds:0.0} s, {new FileInfo(png).Length / 1024} KiB; pdf {print.Elapsed.TotalSeconds:0.0} s, {new FileInfo(pdf).Length / 1024} KiB");
        byte[] image = File.ReadAllBytes(png);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, image.Take(4));
        Assert.True(image.Length > 50_000, $"a {image.Length}-byte screenshot is a blank page");
        byte[] document = File.ReadAllBytes(pdf);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(document, 0, 4));
        int pages = Regex.Matches(System.Text.Encoding.Latin1.GetString(document), @"/Type\s*/Page\b").Count;
        Assert.True(pages >= 2 && document.Length > 30_000, $"{pages} pages, {document.Length} bytes");
        Assert.Empty(shot.ConsoleLines);
    }

    [ChromiumFact]
    public void Chromium_10000Shards_RendersEveryRowSortsAndDrawsAtMost200Nodes()
    {
        using var folder = new TempFolder();
        LargeMix.Write(folder, 10_000);
        var (_, _, file) = Render(folder, folder.Manifest, "--verify", "none");

        var dom = Chromium.DumpDom(new Uri(file).AbsoluteUri + "?sort=-gen");
        var shot = Chromium.Screenshot(new Uri(file).AbsoluteUri, folder.File("large.png"));

        // The page's own cost, without the browser's start: a copy that records, at the end of its body, the time from
        // navigation start to a laid-out page (parse, the sort script on ?sort=, style and layout of 10,000 rows and the SVG).
        string timed = folder.File("report/timed.html");
        File.WriteAllText(timed, File.ReadAllText(file).Replace("</body>",
            "<script>document.body.offsetHeight;document.documentElement.setAttribute('data-laid-out-ms',Math.round(performance.now()));</script></body>", StringComparison.Ordinal));
        var timedDom = Chromium.DumpDom(new Uri(timed).AbsoluteUri + "?sort=-gen");
        var blank = Chromium.DumpDom("about:blank");
        string laidOut = Regex.Match(timedDom.Stdout, "data-laid-out-ms=\"(\\d+)\"").Groups[1].Value;

        _output.WriteLine($"10,000 shards in chromium: navigation to laid-out page {laidOut} ms; wall --dump-dom {dom.Elapsed.TotalSeconds:0.0} s, --screenshot {shot.Elapsed.TotalSeconds:0.0} s, about:blank {blank.Elapsed.TotalSeconds:0.0} s (browser start)");
        Assert.NotEqual(string.Empty, laidOut);
        Assert.Contains("data-sorted=\"gen:descending\"", dom.Stdout);
        var ids = TableIds(dom.Stdout);
        Assert.Equal(10_000, ids.Count);
        Assert.Equal("s07000", ids[0]);
        Assert.InRange(DrawnNodes(dom.Stdout), 5, 200);
        Assert.Empty(dom.ConsoleLines);
    }
}
