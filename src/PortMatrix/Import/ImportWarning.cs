namespace PortMatrix.Import;

/// <summary>
/// Something in the document that looks like port information but did not become a flow, or became
/// one only by an assumption. <see cref="Code"/> is a stable kebab-case word for tests and catalogs.
/// </summary>
public sealed record ImportWarning(int Line, string Code, string Message);

/// <summary>Stable warning codes.</summary>
public static class WarningCodes
{
    /// <summary>A row names a protocol but gives no port.</summary>
    public const string NoPort = "no-port";

    /// <summary>A placeholder such as "TCP nnn" instead of a number.</summary>
    public const string Placeholder = "placeholder";

    /// <summary>A port was taken from the IANA registry because the document gives none.</summary>
    public const string IanaDefault = "iana-default";

    /// <summary>The transport was inferred from the application protocol (HTTP is TCP).</summary>
    public const string TransportInferred = "transport-inferred";

    /// <summary>A protocol that is not carried over IP (ARP) and so needs no IP firewall rule.</summary>
    public const string NotIp = "not-ip";

    /// <summary>The row refers to another row for its ports.</summary>
    public const string SeeOther = "see-other";

    /// <summary>Numbers in prose that read as ports but are not a flow's destination.</summary>
    public const string ProsePorts = "prose-ports";

    /// <summary>A cell the reader could not interpret.</summary>
    public const string Unreadable = "unreadable";

    /// <summary>A port that exists only under a condition or as a recommendation.</summary>
    public const string NoDefault = "no-default";

    /// <summary>A range that the document gives as the source ports of a client, not a listening port.</summary>
    public const string SourceRange = "source-range";

    /// <summary>A row of a table of changes between releases (read into release history, not into flows).</summary>
    public const string ReleaseChange = "release-change";

    /// <summary>A transport or port inferred from elsewhere in the same document.</summary>
    public const string Inferred = "inferred";

    /// <summary>A row or port the document says is removed, closed or not to be opened: not read as a flow.</summary>
    public const string Retired = "retired";
}
