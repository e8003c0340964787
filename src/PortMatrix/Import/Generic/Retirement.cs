using System.Buffers;
using System.Text.RegularExpressions;

namespace PortMatrix.Import.Generic;

/// <summary>
/// Words by which a table row or heading says its port is no longer used: "Removed in 9.1; do not open",
/// "DECOMMISSIONED 2024-03", "rejected", "Keep disabled and blocked at the firewall", "Loopback only - no
/// firewall rule required", a section titled "Retired". A careful engineer leaves such a row out of a
/// firewall request; the reader does the same and says so in a warning.
/// </summary>
internal static partial class Retirement
{
    // A cheap first look: most cells contain none of these, and only those that do go through the pattern.
    private static readonly SearchValues<string> Stems = SearchValues.Create(
        ["remov", "retir", "decom", "delet", "reject", "obsol", "discont", "withdr", " not ", "n't", "longer", "rule", "keep", "stay",
            "remain", "close", "loopback", "nicht", "entfernt", "localhost", "expos", "leave", "mistake", "to close", "to keep", "geschlossen", "disable"],
        StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="text"/> says that what it describes is retired, closed or not to be opened.</summary>
    public static bool Says(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length is > 0 and <= 400 && text.AsSpan().ContainsAny(Stems) && Pattern().IsMatch(text);
    }

    [GeneratedRegex(
        @"\b(?:removed|retired|decommissioned|deleted|rejected|obsolete|discontinued|withdrawn)\b"
        + @"|\b(?:do|does|must|should|shall)\s+not\s+(?:be\s+)?open(?:ed)?\b"
        + @"|\bdon'?t\s+open\b"
        + @"|\bno\s+longer\s+(?:needed|used|required|supported|opened|open|in\s+use)\b"
        + @"|\bno\s+(?:firewall\s+)?rules?\s+(?:is\s+|are\s+)?(?:needed|required)\b"
        + @"|\bno\s+(?:extra|additional|separate|further)\s+(?:firewall\s+)?rules?\b"
        + @"|\b(?:keep|stay|remain)s?\s+(?:(?:this|the|that)\s+ports?\s+|it\s+|them\s+)?(?:disabled\s+and\s+)?(?:blocked|closed)\b"
        + @"|\bclose\s+(?:it\s+)?(?:on|after|if|when)\b"
        + @"|\bloopback\s+only\b|\b(?:bound\s+to\s+)?localhost\s+only\b|\bnot\s+exposed\b"
        + @"|\bnicht\s+(?:freischalten|freigeben|öffnen)\b|\bentfernt\b"
        + @"|\bleave\s+(?:it\s+|this\s+port\s+|the\s+port\s+)?closed\b"
        + @"|\bcommon\s+mistakes\b|\bports?\s+to\s+(?:close|keep\s+closed)\b"
        + @"|\b(?:delete|remove)\s+(?:this\s+|the\s+)?(?:rule|entry)\b|\bdecommission\b|\(\s*remove\s*\)"
        + @"|\bclosed\s+(?:by\s+default\s+)?since\b|\bgeschlossen\b|\blegacy,?\s+disable\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex Pattern();
}
