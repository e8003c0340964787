using PortMatrix.Model;
using PortMatrix.Ports;

namespace PortMatrix.Catalog;

/// <summary>
/// A binary copy of the parsed built-in catalog, so that a command after the first one starts
/// without parsing YAML. Keyed by the library build; a missing, stale or damaged cache is rebuilt.
/// Set PORTMATRIX_CACHE=off to bypass it, or PORTMATRIX_CACHE=DIR to move it.
/// </summary>
internal static class CatalogCache
{
    private const int FormatVersion = 2;

    public static string? Directory
    {
        get
        {
            var setting = Environment.GetEnvironmentVariable("PORTMATRIX_CACHE");
            if (string.Equals(setting, "off", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            if (!string.IsNullOrEmpty(setting))
            {
                return setting;
            }

            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            var root = !string.IsNullOrEmpty(xdg) ? xdg : string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".cache");
            return root is null ? null : Path.Combine(root, "portmatrix");
        }
    }

    public static IReadOnlyList<ProductRelease> LoadBuiltIn(Func<IReadOnlyList<ProductRelease>> parse)
    {
        var dir = Directory;
        if (dir is null)
        {
            return parse();
        }

        var key = typeof(CatalogCache).Assembly.ManifestModule.ModuleVersionId.ToString("N");
        var file = Path.Combine(dir, $"builtin-{key}.bin");
        try
        {
            if (File.Exists(file))
            {
                using var stream = File.OpenRead(file);
                return Read(stream);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or EndOfStreamException or FormatException or ArgumentException)
        {
            // A damaged cache is only a slower start: fall through and rebuild it.
        }

        var releases = parse();
        try
        {
            System.IO.Directory.CreateDirectory(dir);
            var temp = file + "." + Environment.ProcessId + ".tmp";
            using (var stream = File.Create(temp))
            {
                Write(stream, releases);
            }

            File.Move(temp, file, overwrite: true);
            foreach (var stale in System.IO.Directory.EnumerateFiles(dir, "builtin-*.bin").Where(f => f != file))
            {
                File.Delete(stale);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Read-only home or full disk: work without a cache.
        }

        return releases;
    }

    public static void Write(Stream stream, IReadOnlyList<ProductRelease> releases)
    {
        using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write(FormatVersion);
        w.Write(releases.Count);
        foreach (var r in releases)
        {
            w.Write(r.Id);
            w.Write(r.Vendor);
            w.Write(r.Product);
            w.Write(r.Release);
            Opt(w, r.Description);
            w.Write(r.Origin);
            Opt(w, r.Ephemeral?.ToString());
            Opt(w, r.DerivedFrom);
            w.Write(r.Sources.Count);
            foreach (var s in r.Sources)
            {
                w.Write(s.Id);
                w.Write(s.Title);
                Opt(w, s.File);
                w.Write(s.Warnings.Count);
                foreach (var x in s.Warnings)
                {
                    w.Write(x.Line);
                    w.Write(x.Code);
                    w.Write(x.Why);
                }
            }

            w.Write(r.Parameters.Count);
            foreach (var p in r.Parameters)
            {
                w.Write(p.Name);
                w.Write(p.Default);
                w.Write(p.Meaning);
            }

            w.Write(r.Roles.Count);
            foreach (var role in r.Roles)
            {
                w.Write(role.Id);
                w.Write(role.Name);
                Strings(w, role.Aliases);
            }

            Strings(w, r.Features);
            w.Write(r.Flows.Count);
            foreach (var f in r.Flows)
            {
                w.Write(f.Id);
                w.Write(f.Service);
                Strings(w, f.From);
                Strings(w, f.To);
                w.Write((int)f.Transport);
                w.Write(f.Ports.ToString());
                Opt(w, f.SourcePorts?.ToString());
                Opt(w, f.Application);
                w.Write(f.Tls);
                w.Write((int)f.Firewall);
                w.Write(f.Purpose);
                Opt(w, f.Feature);
                Opt(w, f.Component);
                w.Write(f.Configurable);
                Opt(w, f.DefaultState);
                Opt(w, f.Note);
                w.Write(f.PortsDocumented);
                w.Write(f.Source.Doc);
                w.Write(f.Source.Line);
                w.Write(f.Source.Cell);
            }
        }
    }

    public static IReadOnlyList<ProductRelease> Read(Stream stream)
    {
        using var rd = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        if (rd.ReadInt32() != FormatVersion)
        {
            throw new InvalidDataException("Catalog cache of another format version.");
        }

        var count = rd.ReadInt32();
        if (count is < 0 or > 100_000)
        {
            throw new InvalidDataException("Catalog cache is damaged.");
        }

        var releases = new List<ProductRelease>(count);
        for (var i = 0; i < count; i++)
        {
            var id = rd.ReadString();
            var vendor = rd.ReadString();
            var product = rd.ReadString();
            var release = rd.ReadString();
            var description = Opt(rd);
            var origin = rd.ReadString();
            var ephemeral = Opt(rd) is { } e ? PortRange.Parse(e) : (PortRange?)null;
            var derivedFrom = Opt(rd);
            var sources = Many(rd, () => new Source(rd.ReadString(), rd.ReadString(), Opt(rd),
                Many(rd, () => new ExpectedWarning(rd.ReadInt32(), rd.ReadString(), rd.ReadString()))));
            var parameters = Many(rd, () => new Parameter(rd.ReadString(), rd.ReadInt64(), rd.ReadString()));
            var roles = Many(rd, () => new Role(rd.ReadString(), rd.ReadString(), Strings(rd)));
            var features = Strings(rd);
            var flows = Many(rd, () => new Flow
            {
                Id = rd.ReadString(),
                Service = rd.ReadString(),
                From = Strings(rd),
                To = Strings(rd),
                Transport = (Transport)rd.ReadInt32(),
                Ports = PortExpression.Parse(rd.ReadString()),
                SourcePorts = Opt(rd) is { } sp ? PortExpression.Parse(sp) : null,
                Application = Opt(rd),
                Tls = rd.ReadBoolean(),
                Firewall = (FirewallRelevance)rd.ReadInt32(),
                Purpose = rd.ReadString(),
                Feature = Opt(rd),
                Component = Opt(rd),
                Configurable = rd.ReadBoolean(),
                DefaultState = Opt(rd),
                Note = Opt(rd),
                PortsDocumented = rd.ReadBoolean(),
                Source = new SourceRef(rd.ReadString(), rd.ReadInt32(), rd.ReadString()),
            });
            releases.Add(new ProductRelease
            {
                Id = id, Vendor = vendor, Product = product, Release = release, Description = description,
                Origin = origin, Ephemeral = ephemeral, DerivedFrom = derivedFrom, Sources = sources, Parameters = parameters,
                Roles = roles, Features = features, Flows = flows,
            });
        }

        return releases;
    }

    private static void Opt(BinaryWriter w, string? s)
    {
        w.Write(s is not null);
        if (s is not null)
        {
            w.Write(s);
        }
    }

    private static string? Opt(BinaryReader r) => r.ReadBoolean() ? r.ReadString() : null;

    private static void Strings(BinaryWriter w, IReadOnlyList<string> list)
    {
        w.Write(list.Count);
        foreach (var s in list)
        {
            w.Write(s);
        }
    }

    private static List<string> Strings(BinaryReader r) => Many(r, r.ReadString);

    private static List<T> Many<T>(BinaryReader r, Func<T> item)
    {
        var n = r.ReadInt32();
        if (n is < 0 or > 1_000_000)
        {
            throw new InvalidDataException("Catalog cache is damaged.");
        }

        var list = new List<T>(n);
        for (var i = 0; i < n; i++)
        {
            list.Add(item());
        }

        return list;
    }
}
