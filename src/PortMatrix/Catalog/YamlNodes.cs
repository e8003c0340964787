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
        var v = Get(key) ?? throw YamlErrors.At(File, _node, $"'{key}' is missing.", $"Add '{key}: ...'.");
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
        var v = Get(key) ?? throw YamlErrors.At(File, _node, $"'{key}' is missing.", $"Add '{key}: <number>'.");
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
    public static PortMatrixException At(string file, YamlNode node, string message, string? hint) =>
        new(message, $"{file}:{node.Start.Line}:{node.Start.Column}", hint);
}
