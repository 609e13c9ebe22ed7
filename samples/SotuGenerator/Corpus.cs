using System.Text;
using System.Text.Json;

namespace SotuGenerator;

/// <summary>How an era's shard is stored: as the corpus ships it, or converted the way other corpora ship theirs.</summary>
public enum Storage
{
    /// <summary>JSON Lines, every original line byte for byte.</summary>
    Jsonl,

    /// <summary>The same JSON Lines, gzip-compressed (as C4 and Dolma ship).</summary>
    JsonlGzip,

    /// <summary>Parquet with columns year, president, text (as Hugging Face push_to_hub writes).</summary>
    Parquet,
}

/// <summary>One era of U.S. history: the human shard <c>sotu-FROM-TO</c> holds every address given in it.</summary>
public sealed record Era(int From, int To, string Name, Storage Storage = Storage.Jsonl)
{
    /// <summary>The shard id, e.g. <c>sotu-1790-1836</c>.</summary>
    public string Id => $"sotu-{From}-{To}";

    /// <summary>The shard path relative to the SotuAssistant folder.</summary>
    public string RelativePath => Storage switch
    {
        Storage.JsonlGzip => $"data/human/{Id}.jsonl.gz",
        Storage.Parquet => $"data/human/{Id}.parquet",
        _ => $"data/human/{Id}.jsonl",
    };
}

/// <summary>One State of the Union address: its original JSON line (bytes, newline included) and its fields.</summary>
public sealed record Address(byte[] Line, int Year, string President, string Text);

/// <summary>Reads the corpus and splits it by era, keeping every original line byte for byte.</summary>
public static class Corpus
{
    /// <summary>
    /// Eight eras with historical boundaries and balanced sizes (130k–290k words each): the early republic through
    /// Jackson, the antebellum years, Civil War and Reconstruction, the Gilded Age, the Progressive Era and the First
    /// World War, the interwar years through the Second World War, the Cold War, and the years since 1981.
    /// </summary>
    public static readonly IReadOnlyList<Era> Eras = new[]
    {
        new Era(1790, 1836, "Early republic to Jackson"),
        new Era(1837, 1860, "Antebellum"),
        new Era(1861, 1876, "Civil War and Reconstruction"),
        new Era(1877, 1900, "Gilded Age"),
        new Era(1901, 1920, "Progressive Era and First World War"),
        new Era(1921, 1945, "Interwar years and Second World War"),
        new Era(1946, 1980, "Cold War", Storage.Parquet),
        new Era(1981, 2021, "Since 1981", Storage.JsonlGzip),
    };

    /// <summary>Reads a jsonl corpus (one address per line, sorted by year).</summary>
    public static List<Address> Read(byte[] corpus)
    {
        var addresses = new List<Address>();
        int start = 0;
        while (start < corpus.Length)
        {
            int newline = Array.IndexOf(corpus, (byte)'\n', start);
            int end = newline < 0 ? corpus.Length : newline + 1;
            byte[] line = corpus[start..end];
            using var json = JsonDocument.Parse(line.AsMemory().TrimEnd((byte)'\n'));
            var root = json.RootElement;
            addresses.Add(new Address(line, root.GetProperty("year").GetInt32(), root.GetProperty("president").GetString() ?? "", root.GetProperty("text").GetString() ?? ""));
            start = end;
        }

        return addresses;
    }

    /// <summary>The era of a year; throws when the corpus holds a year outside every era.</summary>
    public static Era EraOf(int year) =>
        Eras.FirstOrDefault(e => e.From <= year && year <= e.To) ?? throw new InvalidDataException($"The corpus has an address from {year}, outside every era.");

    /// <summary>The addresses of each era, in corpus order; their lines concatenated in era order are the corpus again.</summary>
    public static Dictionary<Era, List<Address>> Split(List<Address> addresses)
    {
        var byEra = Eras.ToDictionary(e => e, _ => new List<Address>());
        Era? previous = null;
        foreach (var address in addresses)
        {
            var era = EraOf(address.Year);
            if (previous is not null && Eras.ToList().IndexOf(era) < Eras.ToList().IndexOf(previous))
            {
                throw new InvalidDataException("The corpus is not sorted by year; the era shards would not concatenate back to it.");
            }

            byEra[era].Add(address);
            previous = era;
        }

        return byEra;
    }

    /// <summary>The bytes of an era's shard: its addresses' original lines.</summary>
    public static byte[] ShardBytes(IEnumerable<Address> addresses)
    {
        using var buffer = new MemoryStream();
        foreach (var address in addresses)
        {
            buffer.Write(address.Line);
        }

        return buffer.ToArray();
    }

    /// <summary>The corpus rebuilt from existing human shards (when the original corpus is not reachable).</summary>
    public static byte[] FromShards(string sampleDirectory)
    {
        using var buffer = new MemoryStream();
        foreach (var era in Eras)
        {
            string path = Path.Combine(sampleDirectory, era.RelativePath);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"Neither the corpus nor the human shard {path} exists; pass --corpus PATH to sotu.jsonl.");
            }

            switch (era.Storage)
            {
                case Storage.JsonlGzip:
                    using (var gzip = new System.IO.Compression.GZipStream(File.OpenRead(path), System.IO.Compression.CompressionMode.Decompress))
                    {
                        gzip.CopyTo(buffer);
                    }

                    break;
                case Storage.Parquet:
                    throw new InvalidDataException($"The human shard {path} is Parquet, converted from the corpus, which it cannot rebuild byte for byte; pass --corpus PATH to sotu.jsonl.");
                default:
                    buffer.Write(File.ReadAllBytes(path));
                    break;
            }
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// The stored bytes of an era's shard: its JSON lines as they are, gzip-compressed, or converted to Parquet
    /// (Parquet.Net; one row group; columns year, president, text), deterministic for the same addresses.
    /// </summary>
    public static byte[] Stored(Era era, IReadOnlyList<Address> addresses)
    {
        byte[] jsonl = ShardBytes(addresses);
        switch (era.Storage)
        {
            case Storage.JsonlGzip:
                var gz = new MemoryStream();
                using (var gzip = new System.IO.Compression.GZipStream(gz, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
                {
                    gzip.Write(jsonl);
                }

                return gz.ToArray();
            case Storage.Parquet:
                return ParquetBytes(addresses).GetAwaiter().GetResult();
            default:
                return jsonl;
        }
    }

    private static async Task<byte[]> ParquetBytes(IReadOnlyList<Address> addresses)
    {
        var year = new Parquet.Schema.DataField<int>("year");
        var president = new Parquet.Schema.DataField<string>("president");
        var text = new Parquet.Schema.DataField<string>("text");
        var schema = new Parquet.Schema.ParquetSchema(year, president, text);
        var output = new MemoryStream();
        await using (var writer = await Parquet.ParquetWriter.CreateAsync(schema, output, null, false, default))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<int>(year, new ReadOnlyMemory<int>(addresses.Select(a => a.Year).ToArray()), null, null, default);
            await group.WriteAsync(president, addresses.Select(a => a.President).ToArray(), null);
            await group.WriteAsync(text, addresses.Select(a => a.Text).ToArray(), null);
        }

        return output.ToArray();
    }

    /// <summary>Writes a file only when its bytes differ, so a rerun leaves timestamps (and digest caches) alone.</summary>
    public static void WriteIfChanged(string path, byte[] bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
        {
            return;
        }

        string temp = path + ".tmp";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>UTF-8 without a byte-order mark.</summary>
    public static readonly Encoding Utf8 = new UTF8Encoding(false);
}
