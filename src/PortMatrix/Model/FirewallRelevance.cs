namespace PortMatrix.Model;

/// <summary>Whether a flow needs a firewall opening.</summary>
public enum FirewallRelevance
{
    /// <summary>Must be allowed wherever a firewall lies between the two ends.</summary>
    Required,

    /// <summary>Needed only when the two ends sit in different zones (MX-ONE's "(Y)").</summary>
    IfSeparated,

    /// <summary>The document says no firewall opening is needed (internal, loopback, blocked).</summary>
    NotNeeded,

    /// <summary>The document does not say.</summary>
    Unknown,
}

public static class FirewallRelevanceNames
{
    public static string ToName(this FirewallRelevance value) => value switch
    {
        FirewallRelevance.Required => "required",
        FirewallRelevance.IfSeparated => "if-separated",
        FirewallRelevance.NotNeeded => "not-needed",
        _ => "unknown",
    };

    public static bool TryParse(string? text, out FirewallRelevance value)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "required": value = FirewallRelevance.Required; return true;
            case "if-separated": value = FirewallRelevance.IfSeparated; return true;
            case "not-needed": value = FirewallRelevance.NotNeeded; return true;
            case "unknown": value = FirewallRelevance.Unknown; return true;
            default: value = FirewallRelevance.Unknown; return false;
        }
    }
}
