using PortMatrix.Ports;

namespace PortMatrix.Import;

/// <summary>
/// A row of a table of port changes between two releases, as a document gives it:
/// <see cref="Kind"/> is added, removed or changed; <see cref="Ports"/> the port cell as read.
/// </summary>
public sealed record ReleaseChange(
    int Line,
    string FromRelease,
    string ToRelease,
    string Kind,
    string? Scope,
    IReadOnlyList<Transport> Transports,
    string Ports,
    string Protocol,
    string Device)
{
    public ImportWarning ToWarning()
    {
        var transports = Transports.Count > 0
            ? string.Join("+", Transports.Select(t => t.ToName()))
            : $"'{Protocol}'";
        var scope = Scope is null ? "" : $" ({Scope})";
        var device = Device.Length > 0 ? $" ({Device})" : "";
        return new ImportWarning(Line, WarningCodes.ReleaseChange,
            $"release change {FromRelease} → {ToRelease}, ports {Kind}{scope}: {transports} {Ports}{device}");
    }
}
