using PortMatrix.Model;

namespace PortMatrix.Documents;

/// <summary>The sentences every human-readable document shares, in our own words.</summary>
internal static class DocumentText
{
    public const string Written =
        "Written by PortMatrix from its catalog. Change the catalog (or the site) and write it again rather than editing this file.";

    public const string HowToRead =
        "Flows are grouped by component and then by the side that listens, so each table lists what must be able to reach that role. "
        + "From is the side that opens the connection. Ports are destination ports as the catalog writes them; where parameters, "
        + "'any', 'ephemeral' or '>N' make the actual ports read differently, the evaluated ports follow the arrow. "
        + "Source is the vendor document and line the flow was read from; As written is that document's cell.";

    public static readonly IReadOnlyList<(string Name, string Meaning)> Firewall =
    [
        (FirewallRelevance.Required.ToName(), "open it wherever a firewall lies between the two ends"),
        (FirewallRelevance.IfSeparated.ToName(), "open it only when the two ends sit in different zones"),
        (FirewallRelevance.NotNeeded.ToName(), "the document says no opening is needed"),
        (FirewallRelevance.Unknown.ToName(), "the document does not say"),
    ];

    public const string PlacementIntro = "Hosts run roles; 'bind' places the roles that are not our hosts in zones or networks.";

    public static string Unplaced(IReadOnlyList<string> roles) =>
        $"Roles not placed in this site (their flows give no firewall rules): {string.Join(", ", roles)}.";

    public static string Count(int n, string one, string many) => n == 1 ? $"1 {one}" : $"{n} {many}";
}
