namespace PortMatrix.Model;

/// <summary>A named endpoint kind of a product, such as "MX-ONE Server" or "SIP extension".</summary>
/// <param name="Id">Lowercase-kebab id, unique within the release.</param>
/// <param name="Name">Display name.</param>
/// <param name="Aliases">The spellings the source documents use for this role.</param>
public sealed record Role(string Id, string Name, IReadOnlyList<string> Aliases)
{
    /// <summary>Whether <paramref name="text"/> is this role's name or one of its aliases (case and spacing ignored).</summary>
    public bool IsCalled(string text) =>
        Same(Name, text) || Same(Id, text) || Aliases.Any(a => Same(a, text));

    internal static bool Same(string a, string b) =>
        string.Equals(Squash(a), Squash(b), StringComparison.OrdinalIgnoreCase);

    private static string Squash(string s) => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
