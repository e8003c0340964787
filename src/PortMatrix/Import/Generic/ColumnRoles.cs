using System.Text;
using PortMatrix.Ports;

namespace PortMatrix.Import.Generic;

/// <summary>What a table column holds, recognised from its header by meaning.</summary>
internal enum ColumnRole
{
    None,

    /// <summary>Destination (listening) ports.</summary>
    Port,

    /// <summary>Ports on the product's side ("Local port", "Server port", "Listening port"): the product listens.</summary>
    LocalPort,

    /// <summary>Ports on the peer's side ("Remote port"): the peer listens.</summary>
    RemotePort,

    /// <summary>Source ports of the opening side ("Source port", "Client port").</summary>
    SourcePort,
    Protocol,
    Direction,
    Source,
    Destination,

    /// <summary>The other end, without saying which side opens ("Peer", "Remote system", "Device").</summary>
    Peer,

    /// <summary>The part of the product the row is about ("Component", "Module").</summary>
    Component,
    Service,
    Description,
    Firewall,
}

/// <summary>A column's role and, for a port column, the transport its header names ("UDP ports").</summary>
internal readonly record struct ColumnMeaning(ColumnRole Role, Transport? Transport, bool Tls)
{
    public static readonly ColumnMeaning None = new(ColumnRole.None, null, false);
}

/// <summary>
/// The synonym list that maps header wording to column roles: "Dst Port", "Destination port(s)",
/// "Proto", "Layer 4", "Local port", "Remote port", "From", "To", "Initiator", "Listener" and so on.
/// Matching is on whole words of the lower-cased header, so "Transport" is a protocol column and
/// "Port" a port column, whatever the punctuation.
/// </summary>
internal static partial class ColumnRoles
{
    private static readonly HashSet<string> PortWords = new(StringComparer.Ordinal)
    {
        "port", "ports", "portnumber", "portnumbers", "portrange", "portranges", "udpport", "tcpport",
    };

    private static readonly HashSet<string> SourceWords = new(StringComparer.Ordinal)
    {
        "source", "src", "from", "initiator", "initiated", "client", "clients", "origin", "originator", "caller",
        "requester", "requestor", "sender", "sending", "opener", "initiating", "opening", "connecting", "consumer", "consumers",
        "quelle", "von", "ursprung",
    };

    private static readonly HashSet<string> DestinationWords = new(StringComparer.Ordinal)
    {
        "destination", "dest", "dst", "to", "listener", "server", "servers", "target", "responder", "receiver",
        "receiving", "listening", "accepting", "answering", "ziel", "nach", "provider", "providers",
    };

    private static readonly HashSet<string> LocalWords = new(StringComparer.Ordinal)
    {
        "local", "server", "listening", "listen", "host", "inbound", "incoming", "own", "product", "appliance",
    };

    private static readonly HashSet<string> RemoteWords = new(StringComparer.Ordinal)
    {
        "remote", "peer", "partner", "external", "outbound", "outgoing", "far",
    };

    private static readonly HashSet<string> ProtocolWords = new(StringComparer.Ordinal)
    {
        "protocol", "protocols", "proto", "transport", "transports", "l4", "type", "typ", "ipprotocol", "protokoll", "pr",
    };

    private static readonly HashSet<string> DirectionWords = new(StringComparer.Ordinal)
    {
        "direction", "directions", "dir", "inbound", "outbound", "ingress", "egress", "flow", "traffic", "initiated", "richtung",
    };

    private static readonly HashSet<string> PeerWords = new(StringComparer.Ordinal)
    {
        "peer", "peers", "remote", "device", "devices", "endpoint", "endpoints", "partner", "counterpart", "system",
        "systems", "connected", "connects", "external", "party", "host", "hosts", "node", "nodes", "neighbour", "neighbor",
    };

    private static readonly HashSet<string> ComponentWords = new(StringComparer.Ordinal)
    {
        "component", "components", "module", "modules", "subsystem", "product", "role", "unit",
    };

    private static readonly HashSet<string> ServiceWords = new(StringComparer.Ordinal)
    {
        "service", "services", "application", "applications", "app", "apps", "name", "feature", "features",
        "function", "classification", "category", "usedby", "dienst", "dienste", "anwendung",
    };

    private static readonly HashSet<string> DescriptionWords = new(StringComparer.Ordinal)
    {
        "description", "descriptions", "purpose", "usage", "use", "used", "comment", "comments", "notes", "note",
        "remarks", "remark", "details", "detail", "explanation", "reason", "info", "information", "meaning", "bemerkung",
        "bemerkungen", "beschreibung", "hinweis", "zweck", "kommentar",
    };

    private static readonly HashSet<string> FirewallWords = new(StringComparer.Ordinal)
    {
        "firewall", "fw", "open", "opened", "required", "requirement", "allow", "allowed", "needed", "mandatory",
        "must", "optional", "action", "rule", "pflicht", "erforderlich", "freischaltung",
    };

    /// <summary>Verbs of a "... by" header naming the side that opens the connection ("Opened by").</summary>
    private static readonly HashSet<string> OpeningVerbs = new(StringComparer.Ordinal)
    {
        "opened", "initiated", "started", "established", "originated", "made", "requested", "sent", "triggered", "accessed",
        "used", "reached", "called", "contacted", "polled", "queried",
    };

    /// <summary>Verbs of a "... by" header naming the side that listens ("Accepted by").</summary>
    private static readonly HashSet<string> AcceptingVerbs = new(StringComparer.Ordinal)
    {
        "accepted", "answered", "received", "served", "terminated", "handled", "listened", "hosted", "provided",
    };

    /// <summary>Words any header may carry without changing its meaning ("Protocol (TCP/UDP)").</summary>
    private static readonly HashSet<string> Neutral = new(StringComparer.Ordinal)
    {
        "s", "ip", "tcp", "udp", "number", "numbers", "no", "nr", "range", "ranges", "the", "of", "by", "for", "in",
        "on", "at", "side", "layer", "4", "and", "or", "is", "be", "to", "a", "perspective", "view", "default",
        "list", "id", "type", "name", "column", "tcpip",
    };

    /// <summary>The role of a header cell; <see cref="ColumnMeaning.None"/> when it names nothing we know.</summary>
    public static ColumnMeaning Classify(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var words = Words(header);
        if (words.Count == 0 || words.Count > 12)
        {
            return ColumnMeaning.None;
        }

        bool Has(HashSet<string> set) => words.Exists(set.Contains);
        var transport = HeaderTransport(words, out var tls);

        // "System A" / "System B", "Side A" / "Side B" beside a Direction column of "A -> B": the two ends, A written first.
        if (words.Count == 2 && words[1] is "a" or "b" && words[0] is "system" or "side" or "endpoint" or "host" or "party" or "end" or "node" or "device")
        {
            return new(words[1] == "a" ? ColumnRole.Source : ColumnRole.Destination, null, false);
        }

        // "A-end (initiator)" / "B-end", "A side" / "B side".
        if (words.Count >= 2 && words[0] is "a" or "b" && words[1] is "end" or "side" or "party")
        {
            return new(words[0] == "a" ? ColumnRole.Source : ColumnRole.Destination, null, false);
        }

        // "BOUND-TO", "Bind address" of a "show ports" printout: the product's own address, not the other end.
        if (words[0] is "bound" or "bind")
        {
            return ColumnMeaning.None;
        }

        // "LPORT", "RPORT", "DPORT", "SPORT" of tool printouts.
        if (words.Count == 1 && words[0] is "lport" or "rport" or "dport" or "sport")
        {
            return new(words[0] switch { "lport" => ColumnRole.LocalPort, "rport" => ColumnRole.RemotePort, "sport" => ColumnRole.SourcePort, _ => ColumnRole.Port }, null, false);
        }

        if (Has(PortWords))
        {
            // "Default port state" (open / closed) and "Port status" describe the port, they do not give one.
            if (words.Exists(w => w is "state" or "status"))
            {
                return ColumnMeaning.None;
            }

            if (words.Contains("protocol") && words.Contains("name"))
            {
                return new(ColumnRole.Service, null, false);
            }

            if (Has(DescriptionWords) && !words.Contains("used"))
            {
                return new(ColumnRole.Description, null, false);
            }

            if (Has(SourceWords) && !Has(DestinationWords))
            {
                return new(ColumnRole.SourcePort, transport, tls);
            }

            if (words.Contains("destination") || words.Contains("dst") || words.Contains("dest") || words.Contains("target"))
            {
                return new(ColumnRole.Port, transport, tls);
            }

            if (Has(RemoteWords))
            {
                return new(ColumnRole.RemotePort, transport, tls);
            }

            if (Has(LocalWords))
            {
                return new(ColumnRole.LocalPort, transport, tls);
            }

            return new(ColumnRole.Port, transport, tls);
        }

        // "TCP", "UDP ports" already handled; a header that is only a transport word holds that transport's ports.
        if (transport is not null && words.TrueForAll(w => w is "tcp" or "udp" or "sctp" or "tls"))
        {
            return new(ColumnRole.Port, transport, tls);
        }

        if (words.Contains("protocol") && (words.Contains("name") || words.Contains("application")))
        {
            return new(ColumnRole.Service, null, false);
        }

        if (words.Contains("layer") && words.Contains("4"))
        {
            return new(ColumnRole.Protocol, null, false);
        }

        // "Opened by", "Initiated by", "Accepted by", "Answered by": the side that opens, or the side that listens.
        if (words.Count <= 4 && words.Contains("by"))
        {
            if (words.Exists(OpeningVerbs.Contains))
            {
                return new(ColumnRole.Source, null, false);
            }

            if (words.Exists(AcceptingVerbs.Contains))
            {
                return new(ColumnRole.Destination, null, false);
            }
        }

        // "Initiated from", "Opened from": the side that opens the connection.
        if (words.Count <= 4 && words.Contains("from") && words.Exists(OpeningVerbs.Contains))
        {
            return new(ColumnRole.Source, null, false);
        }

        // "Terminated on", "Received at": the side where the connection ends.
        if (words.Count <= 4 && words.Exists(w => w is "on" or "at") && words.Exists(AcceptingVerbs.Contains))
        {
            return new(ColumnRole.Destination, null, false);
        }

        // "Flow ID", "Rule #", "Ref", "Change no.": the row's identifier, not its direction or firewall rule.
        if (words.Count <= 3 && words.TrueForAll(w => w is "flow" or "rule" or "row" or "item" or "entry" or "request" or "change" or "ticket"
            or "ref" or "reference" or "id" or "no" or "nr" or "number" or "num")
            && words.Exists(w => w is "ref" or "reference" or "id" or "no" or "nr" or "number" or "num"))
        {
            return ColumnMeaning.None;
        }

        if (IsYesMeansBoth(header))
        {
            return new(ColumnRole.Direction, null, false);
        }

        // "Server role", "Node type", "Component": a part of the product, even when the header says "server".
        if (words.Count <= 3 && words.Exists(w => w is "role" or "roles" or "component" or "components" or "module" or "modules")
            && !Has(SourceWords) && !words.Contains("destination") && !words.Contains("to"))
        {
            return new(ColumnRole.Component, null, false);
        }

        if (Has(FirewallWords))
        {
            return new(ColumnRole.Firewall, null, false);
        }

        if (Has(DirectionWords) || (words.Contains("in") && words.Contains("out")))
        {
            // "Initiated by" names the opening side.
            return words.Contains("initiated") && words.Contains("by") ? new(ColumnRole.Source, null, false) : new(ColumnRole.Direction, null, false);
        }

        if (Has(ProtocolWords))
        {
            return new(ColumnRole.Protocol, null, false);
        }

        if (Has(SourceWords))
        {
            return new(ColumnRole.Source, null, false);
        }

        if (Has(DestinationWords))
        {
            return new(ColumnRole.Destination, null, false);
        }

        if (Has(ComponentWords))
        {
            return new(ColumnRole.Component, null, false);
        }

        if (Has(PeerWords))
        {
            return new(ColumnRole.Peer, null, false);
        }

        if (Has(ServiceWords))
        {
            return new(ColumnRole.Service, null, false);
        }

        if (Has(DescriptionWords))
        {
            return new(ColumnRole.Description, null, false);
        }

        return ColumnMeaning.None;
    }

    /// <summary>
    /// A "Bidirectional" or "Two-way" column: its cells say yes or no ("Y", "N"), and yes means the flow
    /// also goes the other way.
    /// </summary>
    public static bool IsYesMeansBoth(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var joined = string.Concat(Words(header).Where(w => w is not ("flow" or "traffic" or "y" or "n")));
        return joined is "bidirectional" or "bidirectionnal" or "bidir" or "twoway" or "bothways" or "bothdirections" or "returntraffic" or "returnflow";
    }

    /// <summary>
    /// How much a cell reads as a header: 1 when every word of it is vocabulary and it names a role,
    /// 0.5 when it names a role among other words ("TCP-IP Ports (Imagicle Server)"), 0 otherwise.
    /// </summary>
    public static double HeaderScore(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        if (cell.Length is 0 or > 60)
        {
            return 0;
        }

        // A data cell (a port number, "Server farm 5060") is not a header; "Layer 4" is.
        if (cell.Any(char.IsDigit) && !cell.Contains("layer 4", StringComparison.OrdinalIgnoreCase) && !cell.Contains("L4", StringComparison.Ordinal))
        {
            // "9.0 port", "Port (v11)": a release's column in a release note is a header.
            if (!MayHoldRelease(cell))
            {
                return 0;
            }

            var unversioned = ReleaseNumber().Replace(cell, " ");
            if (unversioned.Any(char.IsDigit) || unversioned.Length == cell.Length)
            {
                return 0;
            }

            cell = unversioned.Trim();
        }

        var meaning = Classify(cell);
        if (meaning.Role == ColumnRole.None)
        {
            return 0;
        }

        var words = Words(cell);
        var known = words.Count(IsVocabulary);

        return known == words.Count ? 1 : known * 2 >= words.Count ? 0.75 : 0.5;
    }

    /// <summary>"5.1.3 and earlier", "9.0 and later", "Release 11", "v8.x": a header cell that names a release, not data.</summary>
    public static bool IsReleaseLabel(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        if (cell.Length > 40 || !MayHoldRelease(cell))
        {
            return false;
        }

        var rest = ReleaseNumber().Replace(cell, " ");
        return rest.Length < cell.Length && !rest.Any(char.IsDigit)
            && Words(rest).TrueForAll(w => w is "and" or "earlier" or "later" or "before" or "after" or "or" or "up" or "to" or "onwards" or "newer"
                or "older" or "release" or "releases" or "version" or "versions" or "firmware" or "port" or "ports" or "from" or "since" or "until");
    }

    /// <summary>A cheap first look before the pattern: "9.0", "8.x" hold a dot, "v11" and "R10" a letter before a digit.</summary>
    private static bool MayHoldRelease(string cell)
    {
        if (cell.Contains('.'))
        {
            return true;
        }

        for (var i = 0; i + 1 < cell.Length; i++)
        {
            if (cell[i] is 'v' or 'V' or 'r' or 'R' && char.IsAsciiDigit(cell[i + 1]) && (i == 0 || !char.IsLetter(cell[i - 1])))
            {
                return true;
            }
        }

        return false;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![\w.])(?:[vr]?\d{1,3}(?:\.(?:\d{1,3}|x))+|[vr]\d{1,3})(?![\w.])", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex ReleaseNumber();

    private static bool IsVocabulary(string w) =>
        PortWords.Contains(w) || SourceWords.Contains(w) || DestinationWords.Contains(w) || LocalWords.Contains(w)
        || RemoteWords.Contains(w) || ProtocolWords.Contains(w) || DirectionWords.Contains(w) || PeerWords.Contains(w)
        || ComponentWords.Contains(w) || ServiceWords.Contains(w) || DescriptionWords.Contains(w) || FirewallWords.Contains(w)
        || Neutral.Contains(w) || OpeningVerbs.Contains(w) || AcceptingVerbs.Contains(w) || w is "in" or "out" or "by";

    private static Transport? HeaderTransport(List<string> words, out bool tls)
    {
        tls = false;
        var tcp = words.Contains("tcp") || words.Contains("tcpport");
        var udp = words.Contains("udp") || words.Contains("udpport");
        if (words.Contains("tls"))
        {
            tls = true;
            tcp = true;
        }

        // "TCP/UDP port" names both: the cells must say which.
        return tcp == udp ? null : tcp ? Transport.Tcp : Transport.Udp;
    }

    /// <summary>Lower-cased words of a header: letters and digits, "(s)" folded ("port(s)" is "ports"), "in/out" split.</summary>
    public static List<string> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<string>();
        var sb = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
            else if (c == '(' && sb.Length > 0 && i + 2 < text.Length && text[i + 1] is 's' or 'S' && text[i + 2] == ')')
            {
                sb.Append('s');
                i += 2;
            }
            else if (sb.Length > 0)
            {
                words.Add(Fold(sb.ToString()));
                sb.Clear();
            }
        }

        if (sb.Length > 0)
        {
            words.Add(Fold(sb.ToString()));
        }

        return words;
    }

    /// <summary>"Portnr" and "Portno" are "port".</summary>
    private static string Fold(string word) => word is "portnr" or "portno" ? "port" : word;
}
