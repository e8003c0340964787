namespace PortMatrix.Cli.Output;

/// <summary>
/// An ordered set of named values: one row of output that prints as JSON, YAML, CSV or a table row.
/// Values are strings, numbers, booleans, nested records, lists of those, or null (left out).
/// </summary>
internal sealed class Record : List<KeyValuePair<string, object?>>
{
    public Record Add(string key, object? value)
    {
        Add(new KeyValuePair<string, object?>(key, value));
        return this;
    }

    public object? this[string key] => this.FirstOrDefault(kv => kv.Key == key).Value;
}
