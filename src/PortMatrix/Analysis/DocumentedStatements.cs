using PortMatrix.Model;

namespace PortMatrix.Analysis;

/// <summary>What a documented statement says, for the analyzer that uses it.</summary>
public enum StatementKind
{
    /// <summary>The service works only with an old TLS version.</summary>
    OldTls,

    /// <summary>The service authenticates with a weak or dated method (MD5, SHA-1, plain passwords).</summary>
    WeakAuthentication,

    /// <summary>How many media ports one call (RTP resource) takes.</summary>
    PortsPerCall,
}

/// <summary>
/// A statement a vendor document makes about a group of its rows that the catalog does not carry as a
/// field: which document and line say it, the rows (by cited line, optionally only flows from one role)
/// it applies to, and what it means, in PortMatrix's own words.
/// </summary>
/// <param name="Product">Product id.</param>
/// <param name="Doc">Source document id, as the catalog's flows cite it.</param>
/// <param name="Line">The line of the document that makes the statement.</param>
/// <param name="Rows">The lines the affected flows cite (the row's port cell).</param>
/// <param name="FromRole">When set, only flows opened by this role.</param>
/// <param name="ToRole">When set, only flows towards this role.</param>
/// <param name="Kind">What the statement is about.</param>
/// <param name="Severity">How much it matters.</param>
/// <param name="Says">The statement in our words.</param>
/// <param name="Value">A number the statement gives (ports per call), or 0.</param>
public sealed record DocumentedStatement(
    string Product, string Doc, int Line, IReadOnlyList<int> Rows, string? FromRole, string? ToRole,
    StatementKind Kind, Severity Severity, string Says, int Value = 0)
{
    /// <summary>Whether the statement covers a flow of <paramref name="release"/>.</summary>
    public bool Covers(ProductRelease release, Flow flow)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentNullException.ThrowIfNull(flow);
        return release.Id == Product && flow.Source.Doc == Doc && (Rows.Count == 0 || Rows.Contains(flow.Source.Line))
            && (FromRole is null || flow.From.Contains(FromRole)) && (ToRole is null || flow.To.Contains(ToRole));
    }
}

/// <summary>
/// The statements of the vendor documents that the analyzers use and that the catalog has no field
/// for (the Avaya "Notes" column, MX-ONE remarks). Each cites its document and line; a test checks
/// that each still covers catalog flows.
/// </summary>
public static class DocumentedStatements
{
    private const string MxOne = "mitel-mx-one";
    private const string MxOneDoc = "mx-one-standard";
    private const string Ipo = "avaya-ip-office";
    private const string IpoDoc = "ipo-9.1-port-matrix";

    public static IReadOnlyList<DocumentedStatement> All { get; } =
    [
        new(MxOne, MxOneDoc, 36, [34], "web-service-client", null, StatementKind.OldTls, Severity.Medium,
            "the CSTA Phase III Web Service interface offers TLS 1.0 only"),
        new(MxOne, MxOneDoc, 162, [160], null, null, StatementKind.PortsPerCall, Severity.Low,
            "a media gateway needs two media ports for each RTP resource", 2),
        new(Ipo, IpoDoc, 76, [76], null, null, StatementKind.WeakAuthentication, Severity.Low,
            "L2TP tunnels authenticate with CHAP, which rests on MD5"),
        new(Ipo, IpoDoc, 77, [77, 78, 79], null, null, StatementKind.WeakAuthentication, Severity.Low,
            "H.323 phones authenticate with a shared password and HMAC-SHA1-96"),
        new(Ipo, IpoDoc, 81, [81, 146], null, null, StatementKind.WeakAuthentication, Severity.Low,
            "SIP endpoints and trunks authenticate with MD5 digest challenges"),
        new(Ipo, IpoDoc, 112, [112, 114, 121, 123, 239], null, null, StatementKind.WeakAuthentication, Severity.Low,
            "the proprietary management and CTI links authenticate with an HMAC SHA-1 challenge and carry no TLS"),
        new(Ipo, IpoDoc, 141, [141], null, null, StatementKind.WeakAuthentication, Severity.Medium,
            "the LDAP directory import authenticates with Kerberos 4 or a simple password"),
        new(Ipo, IpoDoc, 143, [143], null, null, StatementKind.WeakAuthentication, Severity.Medium,
            "IPsec peers authenticate with a shared secret hashed with MD5 or SHA-1"),
    ];
}
