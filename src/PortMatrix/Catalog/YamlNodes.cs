using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace PortMatrix.Catalog;

/// <summary>Typed access to a YAML mapping that reports every mistake with file:line:column.</summary>
internal sealed class YamlMap
{
    private readonly YamlMappingNode _node;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public YamlMap(YamlNode node, string file, string what)
    {
        File = file;
        if (node is not YamlMappingNode map)
        {
            throw YamlErrors.At(file, node, $"{what} must be a mapping of 'key: value' lines.", "Indent its fields under it.");
        }

        _node = map;
        foreach (var key in map.Children.Keys)
        {
            if (key is not YamlScalarNode { Value: not null })
            {
                throw YamlErrors.At(file, key, $"keys in {what} must be plain words.", null);
            }
        }
    }

    public string File { get; }

    public YamlNode Node => _node;

    public YamlNode? Get(string key)
    {
        _read.Add(key);
        return _node.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;
    }

    public string RequireString(string key)
    {
        var v = Get(key) ?? throw Missing(key, $"Add '{key}: ...'.");
        return Scalar(v, key);
    }

    public string? OptionalString(string key)
    {
        var v = Get(key);
        return v is null ? null : Scalar(v, key);
    }

    public bool OptionalBool(string key, bool fallback)
    {
        var v = Get(key);
        if (v is null)
        {
            return fallback;
        }

        return Scalar(v, key).ToLowerInvariant() switch
        {
            "true" or "yes" => true,
            "false" or "no" => false,
            var s => throw YamlErrors.At(File, v, $"'{key}' must be true or false, not '{s}'.", null),
        };
    }

    public long RequireLong(string key)
    {
        var v = Get(key) ?? throw Missing(key, $"Add '{key}: <number>'.");
        var s = Scalar(v, key);
        return long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw YamlErrors.At(File, v, $"'{key}' must be a whole number, not '{s}'.", null);
    }

    public int RequireInt(string key)
    {
        var n = RequireLong(key);
        return n is >= int.MinValue and <= int.MaxValue
            ? (int)n
            : throw YamlErrors.At(File, Get(key)!, $"'{key}' is out of range.", null);
    }

    /// <summary>A scalar or a sequence of scalars.</summary>
    public IReadOnlyList<string> StringList(string key, bool required = false)
    {
        var v = Get(key);
        if (v is null)
        {
            return required
                ? throw YamlErrors.At(File, _node, $"'{key}' is missing.", $"Add '{key}: ...'.")
                : [];
        }

        if (v is YamlSequenceNode seq)
        {
            return seq.Children.Select(c => Scalar(c, key)).ToList();
        }

        return [Scalar(v, key)];
    }

    public IEnumerable<YamlNode> Sequence(string key)
    {
        var v = Get(key);
        if (v is null)
        {
            return [];
        }

        return v is YamlSequenceNode seq
            ? seq.Children
            : throw YamlErrors.At(File, v, $"'{key}' must be a list ('- ...' lines).", null);
    }

    /// <summary>A missing key, reported at a misspelling of it when there is one.</summary>
    private PortMatrixException Missing(string key, string hint)
    {
        foreach (var k in _node.Children.Keys.Cast<YamlScalarNode>())
        {
            if (k.Value is { } name && name != key && Distance(name, key) <= 2)
            {
                return YamlErrors.At(File, k, $"unknown key '{name}'; did you mean '{key}'?", null);
            }
        }

        return YamlErrors.At(File, _node, $"'{key}' is missing.", hint);
    }

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
        }

        return d[a.Length, b.Length];
    }

    /// <summary>Fails on keys nobody asked for: a misspelt key must not be ignored silently.</summary>
    public void RejectUnknownKeys(string what)
    {
        foreach (var key in _node.Children.Keys.Cast<YamlScalarNode>())
        {
            if (!_read.Contains(key.Value!))
            {
                throw YamlErrors.At(File, key, $"unknown key '{key.Value}' in {what}.",
                    $"Known keys: {string.Join(", ", _read.Order(StringComparer.Ordinal))}.");
            }
        }
    }

    public string Scalar(YamlNode node, string key) =>
        node is YamlScalarNode s
            ? s.Value ?? ""
            : throw YamlErrors.At(File, node, $"'{key}' must be a single value, not a list or mapping.", null);
}

internal static class YamlErrors
{
    /// <summary>Parses a file that must hold one YAML document and returns its root as a mapping.</summary>
    public static YamlMap LoadRoot(string file, string yaml, string what)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            var i = e.Message.IndexOf(". ", StringComparison.Ordinal);
            var first = (i > 0 ? e.Message[..i] : e.Message).TrimEnd('.');
            throw new PortMatrixException($"not valid YAML: {first}.", $"{file}:{e.Start.Line}:{e.Start.Column}",
                "Check indentation and quoting near that spot.");
        }

        if (stream.Documents.Count != 1)
        {
            throw new PortMatrixException($"{what} must hold exactly one YAML document.", $"{file}:1:1", null);
        }

        return new YamlMap(stream.Documents[0].RootNode, file, what);
    }

    public static PortMatrixException At(string file, YamlNode node, string message, string? hint) =>
        new(message, $"{file}:{node.Start.Line}:{node.Start.Column}", hint);
}
