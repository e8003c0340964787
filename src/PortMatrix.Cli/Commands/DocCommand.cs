using System.CommandLine;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using PortMatrix.Cli.Output;
using PortMatrix.Documents;

namespace PortMatrix.Cli.Commands;

/// <summary><c>portmatrix doc</c>: the port-matrix document of a product or a site.</summary>
internal static class DocCommand
{
    private static readonly string[] Formats = ["md", "html", "csv", "xlsx", "json"];

    public static Command Create(CliContext ctx)
    {
        var subject = new Argument<string>("subject")
        {
            Description = "A product id or name with optional @RELEASE (e.g. mitel-mx-one, swyx-swyxware@2013), or a site file (.yaml).",
        };
        var format = new Option<string?>("--format", "-f")
        {
            Description = "Document format: md, html, csv, xlsx or json. Default: from the -o file's extension, else md.",
            HelpName = string.Join("|", Formats),
        };
        format.AcceptOnlyFromAmong(Formats);
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Write to FILE instead of standard output (refuses to overwrite a file that PortMatrix did not write). Required for xlsx.",
            HelpName = "FILE",
        };
        var date = new Option<string?>("--date")
        {
            Description = "Print this date (YYYY-MM-DD) in the header. Without it the document has no date, so the same input gives the same file.",
            HelpName = "YYYY-MM-DD",
        };
        var command = ctx.Command("doc", "Write the port matrix of a product or a site as Markdown, HTML, CSV or an Excel workbook.",
        [
            "portmatrix doc mitel-mx-one --format md > mx-one-ports.md",
            "portmatrix doc swyx-swyxware@2013 -o swyx-ports.html",
            "portmatrix doc examples/swyx-branch.yaml --format xlsx -o swyx-hq.xlsx",
            "portmatrix doc avaya-ip-office --format csv --date 2025-01-31 > ipo.csv",
        ]);
        command.Add(subject);
        command.Add(format);
        command.Add(output);
        command.Add(date);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(output);
            var name = parse.GetValue(format)
                ?? (path is not null && Formats.Contains(Path.GetExtension(path).TrimStart('.').ToLowerInvariant())
                    ? Path.GetExtension(path).TrimStart('.').ToLowerInvariant()
                    : "md");
            var options = new DocumentOptions { Date = ParseDate(parse.GetValue(date)) };
            var s = ctx.LoadSubject(parse, parse.GetValue(subject)!);
            var document = s.Site is null ? PortMatrixDocument.ForReleases(s.Releases, options) : PortMatrixDocument.ForSite(s.Site, options);

            if (name == "json")
            {
                using var text = new StringWriter(CultureInfo.InvariantCulture);
                Writers.Json(text, ToRecord(document));
                Write(ctx, path, Encoding.UTF8.GetBytes(text.ToString()), text.ToString());
                return 0;
            }

            var writer = DocumentWriters.Find(name);
            if (!writer.IsText && path is null)
            {
                throw new PortMatrixException($"{writer.Name} is a binary format and is not written to standard output.", "--format",
                    $"Give a file: -o matrix.{writer.Extension}.");
            }

            // Text goes to standard output byte for byte as to a file, the CSV's byte order mark included.
            var bytes = writer.ToBytes(document);
            Write(ctx, path, bytes, writer.IsText ? Encoding.UTF8.GetString(bytes) : null);
            return 0;
        });
        return command;
    }

    private static DateOnly? ParseDate(string? text)
    {
        if (text is null)
        {
            return null;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new PortMatrixException($"--date '{text}' is not a date in the form YYYY-MM-DD.", "--date", "Write it as e.g. 2025-01-31.");
    }

    /// <summary>Writes text to standard output, or the bytes to a file that is new or was written by PortMatrix.</summary>
    private static void Write(CliContext ctx, string? path, byte[] bytes, string? text)
    {
        if (path is null)
        {
            ctx.Out.Write(text);
            return;
        }

        if (File.Exists(path) && !WrittenByPortMatrix(path))
        {
            throw new PortMatrixException($"'{path}' exists and was not written by PortMatrix; refusing to overwrite it.", path, "Choose another file name.");
        }

        var temp = path + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, path, overwrite: true);
        ctx.Error.WriteLine($"wrote {path}");
    }

    /// <summary>
    /// Whether a file is one of our documents: an xlsx whose author is PortMatrix, a text file that
    /// names PortMatrix in its first lines (Markdown, HTML, JSON), or a CSV with our header row.
    /// </summary>
    private static bool WrittenByPortMatrix(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            Span<byte> magic = stackalloc byte[2];
            if (stream.Read(magic) == 2 && magic[0] == (byte)'P' && magic[1] == (byte)'K')
            {
                stream.Position = 0;
                using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
                return zip.Entries.Where(e => e.FullName.EndsWith(".psmdcp", StringComparison.Ordinal) || e.FullName == "docProps/core.xml")
                    .Any(e =>
                    {
                        using var reader = new StreamReader(e.Open());
                        return reader.ReadToEnd().Contains($"<dc:creator>{PortMatrixDocument.Generator}</dc:creator>", StringComparison.Ordinal);
                    });
            }

            stream.Position = 0;
            using var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var lines = new List<string>();
            for (var i = 0; i < 5 && text.ReadLine() is { } line; i++)
            {
                lines.Add(line);
            }

            return lines.Any(l => l.Contains(PortMatrixDocument.Generator, StringComparison.Ordinal))
                || (lines.Count > 0 && lines[0] == string.Join(",", CsvDocumentWriter.Columns));
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static Record ToRecord(PortMatrixDocument d) => new Record()
        .Add("generator", PortMatrixDocument.Generator)
        .Add("title", d.Title)
        .Add("header", d.Header.Select(f => new Record().Add("label", f.Label).Add("value", f.Value)).ToList())
        .Add("placements", d.IsSite
            ? d.Placements.Select(p => new Record().Add("product", p.Product).Add("role", p.RoleId).Add("name", p.RoleName)
                .Add("hosts", p.Hosts.ToList()).Add("zones", p.Zones.ToList()).Add("networks", p.Networks.ToList())).ToList()
            : null)
        .Add("unplaced", d.IsSite ? d.UnplacedRoles.ToList() : null)
        .Add("releases", d.Sections.Select(s => new Record()
            .Add("product", s.Release.Id)
            .Add("release", s.Release.Release)
            .Add("title", s.Title)
            .Add("parameters", s.Parameters.Select(p => new Record().Add("name", p.Name).Add("value", p.Value).Add("default", p.Default)
                .Add("set-by", p.FromSite ? "site" : "default")).ToList())
            .Add("groups", s.Groups.Select(g => new Record()
                .Add("component", g.Component)
                .Add("listener", g.Listener)
                .Add("flows", g.Rows.Select(r => new Record()
                    .Add("id", r.FlowId).Add("from", r.From).Add("to", r.To).Add("transport", r.Transport)
                    .Add("ports", r.Ports.Length == 0 ? null : r.Ports)
                    .Add("ports-evaluated", r.EvaluatedPorts.Length == 0 ? null : r.EvaluatedPorts)
                    .Add("service", r.Service).Add("tls", r.Tls).Add("firewall", r.FirewallText).Add("purpose", r.Purpose)
                    .Add("feature", r.Feature.Length == 0 ? null : r.Feature)
                    .Add("source", new Record().Add("doc", r.SourceDoc).Add("line", r.Line).Add("cell", r.Cell))).ToList())).ToList())).ToList())
        .Add("sources", d.Sources.Select(s => new Record().Add("release", s.Release).Add("id", s.Id).Add("title", s.Title).Add("file", s.File)).ToList());
}
