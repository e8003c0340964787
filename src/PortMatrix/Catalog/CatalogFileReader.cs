using PortMatrix.Model;
using PortMatrix.Ports;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PortMatrix.Catalog;

/// <summary>Reads one catalog file (one product release) and checks it thoroughly.</summary>
public static class CatalogFileReader
{
    public static ProductRelease Read(string file, string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        return ReadRelease(YamlErrors.LoadRoot(file, yaml, "a catalog file"), file);
    }

    private static ProductRelease ReadRelease(YamlMap root, string file)
    {
        var id = root.RequireString("id");
        CheckId(root, root.Get("id")!, id, "product id");
        var sources = root.Sequence("sources").Select(n => ReadSource(new YamlMap(n, file, "a source"))).ToList();
        var parameters = root.Sequence("parameters").Select(n => ReadParameter(new YamlMap(n, file, "a parameter"))).ToList();
        var roles = root.Sequence("roles").Select(n => ReadRole(new YamlMap(n, file, "a role"))).ToList();
        var features = root.StringList("features");
        PortRange? ephemeral = null;
        if (root.OptionalString("ephemeral") is { } eph)
        {
            if (!PortRange.TryParse(eph, out var r))
            {
                throw YamlErrors.At(file, root.Get("ephemeral")!, $"ephemeral '{eph}' is not a port range.", "Write it as N-M.");
            }

            ephemeral = r;
        }

        var derivedFrom = root.OptionalString("derived-from");
        var release = new ProductRelease
        {
            DerivedFrom = derivedFrom,
            IsPending = derivedFrom is not null,
            Id = id,
            Vendor = root.RequireString("vendor"),
            Product = root.RequireString("product"),
            Release = root.RequireString("release"),
            Description = root.OptionalString("description"),
            Sources = sources,
            Parameters = parameters,
            Roles = roles,
            Features = features,
            Ephemeral = ephemeral,
            Origin = file,
        };
        var flows = root.Sequence("flows").Select(n => ReadFlow(new YamlMap(n, file, "a flow"), release)).ToList();
        var changes = root.Sequence("changes").Select(n => ReadChange(new YamlMap(n, file, "a change"), release)).ToList();
        if (derivedFrom is null && changes.Count > 0)
        {
            throw YamlErrors.At(file, root.Get("changes")!, "'changes' needs 'derived-from' naming the base release.", null);
        }

        if (derivedFrom is not null && flows.Count > 0)
        {
            throw YamlErrors.At(file, root.Get("flows")!, "a derived release lists 'changes' to its base, not 'flows'.", "Use '- add: {...}' entries under 'changes'.");
        }

        root.RejectUnknownKeys("a catalog file");
        CheckUnique(file, root.Sequence("roles"), "role id");
        CheckUnique(file, root.Sequence("flows"), "flow id");
        CheckUnique(file, root.Sequence("sources"), "source id");
        return release with { Flows = flows, Changes = changes, Origin = derivedFrom is null ? file : $"{file}:{root.Get("derived-from")!.Start.Line}:{root.Get("derived-from")!.Start.Column}" };
    }

    private static FlowChange ReadChange(YamlMap map, ProductRelease release)
    {
        var at = $"{map.File}:{map.Node.Start.Line}:{map.Node.Start.Column}";
        var why = map.RequireString("why");
        var source = ReadSource(map, release, deferDocCheck: true);
        FlowChange change;
        if (map.OptionalString("remove") is { } removed)
        {
            change = new FlowChange(FlowChangeKind.Remove, removed, null, null, source, why, at);
        }
        else if (map.Get("add") is { } addNode)
        {
            var flow = ReadFlow(new YamlMap(addNode, map.File, "an added flow"), release);
            change = new FlowChange(FlowChangeKind.Add, flow.Id, flow, null, source, why, at);
        }
        else if (map.OptionalString("change") is { } changed)
        {
            var patch = new FlowPatch
            {
                Ports = ReadPorts(map, "ports", release, required: false),
                Transport = map.OptionalString("transport") is { } t
                    ? TransportNames.TryParse(t, out var tt) ? tt : throw YamlErrors.At(map.File, map.Get("transport")!, $"'{t}' is not a transport.", null)
                    : null,
                From = map.Get("from") is null ? null : map.StringList("from"),
                To = map.Get("to") is null ? null : map.StringList("to"),
                Tls = map.Get("tls") is null ? null : map.OptionalBool("tls", false),
                PortsDocumented = map.Get("ports-documented") is null ? null : map.OptionalBool("ports-documented", true),
                Note = map.OptionalString("note"),
                Purpose = map.OptionalString("purpose"),
                Firewall = map.OptionalString("firewall") is { } f
                    ? FirewallRelevanceNames.TryParse(f, out var fr) ? fr : throw YamlErrors.At(map.File, map.Get("firewall")!, $"'{f}' is not a firewall relevance.", null)
                    : null,
            };
            change = new FlowChange(FlowChangeKind.Change, changed, null, patch, source, why, at);
        }
        else
        {
            throw YamlErrors.At(map.File, map.Node, "a change must be '- add: {flow}', '- remove: FLOW-ID' or '- change: FLOW-ID' with the fields that change.", null);
        }

        map.RejectUnknownKeys("a change");
        return change;
    }

    private static Source ReadSource(YamlMap map)
    {
        var warnings = map.Sequence("warnings").Select(n =>
        {
            var w = new YamlMap(n, map.File, "an expected warning");
            var ew = new ExpectedWarning(w.RequireInt("line"), w.RequireString("code"), w.RequireString("why"));
            w.RejectUnknownKeys("an expected warning");
            return ew;
        }).ToList();
        var source = new Source(map.RequireString("id"), map.RequireString("title"), map.OptionalString("file"), warnings);
        map.RejectUnknownKeys("a source");
        return source;
    }

    private static Parameter ReadParameter(YamlMap map)
    {
        var p = new Parameter(map.RequireString("name"), map.RequireLong("default"), map.RequireString("meaning"));
        map.RejectUnknownKeys("a parameter");
        return p;
    }

    private static Role ReadRole(YamlMap map)
    {
        var id = map.RequireString("id");
        CheckId(map, map.Get("id")!, id, "role id");
        var role = new Role(id, map.RequireString("name"), map.StringList("aliases"));
        map.RejectUnknownKeys("a role");
        return role;
    }

    private static Flow ReadFlow(YamlMap map, ProductRelease release)
    {
        var file = map.File;
        var id = map.RequireString("id");
        CheckId(map, map.Get("id")!, id, "flow id");
        var from = ReadRoleRefs(map, "from", release);
        var to = ReadRoleRefs(map, "to", release);
        var transportText = map.RequireString("transport");
        if (!TransportNames.TryParse(transportText, out var transport))
        {
            throw YamlErrors.At(file, map.Get("transport")!, $"'{transportText}' is not a transport.",
                $"Use one of {string.Join(", ", TransportNames.All.Select(t => t.ToName()))}.");
        }

        var ports = ReadPorts(map, "ports", release, required: true)!;
        if (!transport.HasPorts() && ports.ToString() != "any")
        {
            throw YamlErrors.At(file, map.Get("ports")!, $"{transport.ToName()} has no ports, so 'ports' must be 'any'.", null);
        }

        var firewallText = map.OptionalString("firewall") ?? "unknown";
        if (!FirewallRelevanceNames.TryParse(firewallText, out var firewall))
        {
            throw YamlErrors.At(file, map.Get("firewall")!, $"'{firewallText}' is not a firewall relevance.",
                "Use required, if-separated, not-needed or unknown.");
        }

        var feature = map.OptionalString("feature");
        if (feature is not null && !release.IsPending && !release.Features.Contains(feature))
        {
            throw YamlErrors.At(file, map.Get("feature")!, $"feature '{feature}' is not declared.", "Add it to the release's 'features' list.");
        }

        var source = ReadSource(map, release, deferDocCheck: release.IsPending);
        var flow = new Flow
        {
            Id = id,
            Service = map.RequireString("service"),
            From = from,
            To = to,
            Transport = transport,
            Ports = ports,
            SourcePorts = ReadPorts(map, "source-ports", release, required: false),
            Application = map.OptionalString("application"),
            Tls = map.OptionalBool("tls", false),
            Firewall = firewall,
            Purpose = map.RequireString("purpose"),
            Feature = feature,
            Component = map.OptionalString("component"),
            Configurable = map.OptionalBool("configurable", false),
            DefaultState = map.OptionalString("default-state"),
            Note = map.OptionalString("note"),
            PortsDocumented = map.OptionalBool("ports-documented", true),
            Source = source,
        };
        map.RejectUnknownKeys("a flow");
        return flow;
    }

    private static SourceRef ReadSource(YamlMap map, ProductRelease release, bool deferDocCheck)
    {
        var file = map.File;
        var sourceNode = map.Get("source") ?? throw YamlErrors.At(file, map.Node, "'source' is missing.", "Every fact needs its source: { doc, line, cell }.");
        var src = new YamlMap(sourceNode, file, "a source reference");
        var doc = src.RequireString("doc");
        if (!deferDocCheck && release.Sources.All(s => s.Id != doc))
        {
            throw YamlErrors.At(file, src.Get("doc")!, $"source document '{doc}' is not in the release's 'sources'.", null);
        }

        var source = new SourceRef(doc, src.RequireInt("line"), src.RequireString("cell"));
        src.RejectUnknownKeys("a source reference");
        return source;
    }

    private static List<string> ReadRoleRefs(YamlMap map, string key, ProductRelease release)
    {
        var ids = map.StringList(key, required: true).ToList();
        if (ids.Count == 0)
        {
            throw YamlErrors.At(map.File, map.Get(key)!, $"'{key}' names no role.", null);
        }

        foreach (var r in ids)
        {
            // A derived release's roles are known only once its base is loaded; checked then.
            if (!release.IsPending && release.FindRole(r) is null)
            {
                throw YamlErrors.At(map.File, map.Get(key)!, $"role '{r}' is not declared in this release.",
                    $"Declare it under 'roles' or use one of: {string.Join(", ", release.Roles.Select(x => x.Id))}.");
            }
        }

        return ids;
    }

    private static PortExpression? ReadPorts(YamlMap map, string key, ProductRelease release, bool required)
    {
        var text = required ? map.RequireString(key) : map.OptionalString(key);
        if (text is null)
        {
            return null;
        }

        var node = map.Get(key)!;
        PortExpression e;
        try
        {
            e = PortExpression.Parse(text);
        }
        catch (PortExpressionException ex)
        {
            // Point at the token inside the scalar; a quoted scalar starts one column later.
            var quoted = node is YamlScalarNode { Style: ScalarStyle.DoubleQuoted or ScalarStyle.SingleQuoted } ? 1 : 0;
            throw new PortMatrixException(ex.Message, $"{map.File}:{node.Start.Line}:{node.Start.Column + quoted + ex.Column - 1}",
                "Write ports as N, N-M, >N, any, ephemeral or {formula}, separated by commas.");
        }

        foreach (var name in e.Parameters)
        {
            if (!release.IsPending && release.Parameters.All(p => p.Name != name))
            {
                throw YamlErrors.At(map.File, node, $"parameter '{name}' is not declared.", "Add it to the release's 'parameters'.");
            }
        }

        return e;
    }

    private static void CheckId(YamlMap map, YamlNode node, string id, string what)
    {
        if (id.Length == 0 || !id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.' or '_'))
        {
            throw YamlErrors.At(map.File, node, $"{what} '{id}' must be lowercase-kebab (a-z, 0-9, '-').", null);
        }
    }

    private static void CheckUnique(string file, IEnumerable<YamlNode> items, string what)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items.OfType<YamlMappingNode>())
        {
            if (item.Children.TryGetValue(new YamlScalarNode("id"), out var idNode) && idNode is YamlScalarNode { Value: { } v } && !seen.Add(v))
            {
                throw YamlErrors.At(file, idNode, $"{what} '{v}' is used twice.", "Give each one its own id.");
            }
        }
    }
}
